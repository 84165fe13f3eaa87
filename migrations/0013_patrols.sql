CREATE TABLE "hazard_photos" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hazard_id" uuid NOT NULL,
	"stream" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	"taken_by_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hazards" (
	"id" uuid PRIMARY KEY NOT NULL,
	"stream" text NOT NULL,
	"site_id" text NOT NULL,
	"state" text NOT NULL,
	"note" text NOT NULL,
	"position" jsonb,
	"floor" integer,
	"device_id" text,
	"tour_id" uuid,
	"reported_by_id" text NOT NULL,
	"reported_by_name" text NOT NULL,
	"reported_at" timestamp with time zone NOT NULL,
	"assignee_id" text,
	"assignee_name" text,
	"assigned_at" timestamp with time zone,
	"rectified_at" timestamp with time zone,
	"rectify_note" text,
	"verified_at" timestamp with time zone,
	"verified_by_id" text,
	"verified_by_name" text,
	"photo_ids" uuid[] DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "patrol_checkins" (
	"id" uuid PRIMARY KEY NOT NULL,
	"client_id" text NOT NULL,
	"stream" text NOT NULL,
	"site_id" text NOT NULL,
	"tour_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"device_id" text NOT NULL,
	"guard_id" text NOT NULL,
	"user_id" text NOT NULL,
	"method" text NOT NULL,
	"scanned_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"flagged" boolean NOT NULL,
	"late" boolean NOT NULL,
	"nearest_m" double precision
);
--> statement-breakpoint
CREATE TABLE "patrol_routes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"checkpoints" jsonb NOT NULL,
	"time_zone" text NOT NULL,
	"start_time" text NOT NULL,
	"end_time" text NOT NULL,
	"every_minutes" integer NOT NULL,
	"guard_id" text,
	"post" text,
	"radius_m" double precision NOT NULL,
	"allow_arrival" boolean NOT NULL,
	"grace_minutes" integer NOT NULL,
	"active" boolean NOT NULL,
	"removed_at" timestamp with time zone,
	"scheduled_until" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "patrol_tour_checkpoints" (
	"tour_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"stream" text NOT NULL,
	"site_id" text NOT NULL,
	"device_id" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"miss_at" timestamp with time zone NOT NULL,
	"checked_at" timestamp with time zone,
	"method" text,
	"flagged" boolean DEFAULT false NOT NULL,
	"late" boolean DEFAULT false NOT NULL,
	"missed_at" timestamp with time zone,
	"alarm_id" uuid,
	CONSTRAINT "patrol_tour_checkpoints_tour_id_position_pk" PRIMARY KEY("tour_id","position")
);
--> statement-breakpoint
CREATE TABLE "patrol_tours" (
	"id" uuid PRIMARY KEY NOT NULL,
	"stream" text NOT NULL,
	"site_id" text NOT NULL,
	"route_id" uuid NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"guard_id" text,
	"post" text,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"radius_m" double precision NOT NULL,
	"allow_arrival" boolean NOT NULL,
	"grace_minutes" integer NOT NULL,
	"checkpoint_count" integer NOT NULL,
	"checked_count" integer DEFAULT 0 NOT NULL,
	"missed_count" integer DEFAULT 0 NOT NULL,
	"flagged_count" integer DEFAULT 0 NOT NULL,
	"late_count" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "hazard_photos" ADD CONSTRAINT "hazard_photos_hazard_id_hazards_id_fk" FOREIGN KEY ("hazard_id") REFERENCES "public"."hazards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazards" ADD CONSTRAINT "hazards_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrol_checkins" ADD CONSTRAINT "patrol_checkins_tour_id_patrol_tours_id_fk" FOREIGN KEY ("tour_id") REFERENCES "public"."patrol_tours"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrol_routes" ADD CONSTRAINT "patrol_routes_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrol_tour_checkpoints" ADD CONSTRAINT "patrol_tour_checkpoints_tour_id_patrol_tours_id_fk" FOREIGN KEY ("tour_id") REFERENCES "public"."patrol_tours"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrol_tours" ADD CONSTRAINT "patrol_tours_route_id_patrol_routes_id_fk" FOREIGN KEY ("route_id") REFERENCES "public"."patrol_routes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "hazards_site_state_idx" ON "hazards" USING btree ("stream","site_id","state");--> statement-breakpoint
CREATE UNIQUE INDEX "patrol_checkins_client_idx" ON "patrol_checkins" USING btree ("stream","client_id");--> statement-breakpoint
CREATE INDEX "patrol_checkins_tour_idx" ON "patrol_checkins" USING btree ("tour_id");--> statement-breakpoint
CREATE INDEX "patrol_tour_checkpoints_miss_idx" ON "patrol_tour_checkpoints" USING btree ("missed_at","checked_at","miss_at");--> statement-breakpoint
CREATE UNIQUE INDEX "patrol_tours_route_start_idx" ON "patrol_tours" USING btree ("stream","route_id","starts_at");--> statement-breakpoint
CREATE INDEX "patrol_tours_site_start_idx" ON "patrol_tours" USING btree ("stream","site_id","starts_at");