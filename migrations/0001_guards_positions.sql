CREATE TABLE "guards" (
	"id" text PRIMARY KEY NOT NULL,
	"site_id" text NOT NULL,
	"callsign" text NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'off_duty' NOT NULL,
	"on_shift" boolean DEFAULT false NOT NULL,
	"tracker_id" text,
	"user_id" uuid,
	"zone_ids" text[] DEFAULT '{}' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "guards_tracker_id_unique" UNIQUE("tracker_id"),
	CONSTRAINT "guards_user_id_unique" UNIQUE("user_id")
);
--> statement-breakpoint
CREATE TABLE "positions" (
	"guard_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"site_id" text NOT NULL,
	"x" double precision NOT NULL,
	"y" double precision NOT NULL,
	"floor" integer NOT NULL,
	"lat" double precision,
	"lon" double precision,
	"accuracy" double precision,
	"heading" double precision,
	"speed" double precision,
	"battery" double precision,
	"source" text NOT NULL,
	CONSTRAINT "positions_guard_id_at_pk" PRIMARY KEY("guard_id","at")
);
--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "camera" jsonb;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "anchor" jsonb;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "backdrop" jsonb;--> statement-breakpoint
ALTER TABLE "alarms" ADD COLUMN "location" jsonb;--> statement-breakpoint
ALTER TABLE "guards" ADD CONSTRAINT "guards_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guards" ADD CONSTRAINT "guards_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "positions_site_at_idx" ON "positions" USING btree ("site_id","at");