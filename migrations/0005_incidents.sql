CREATE TABLE "dispatches" (
	"id" uuid PRIMARY KEY NOT NULL,
	"stream" text NOT NULL,
	"incident_id" uuid NOT NULL,
	"site_id" text NOT NULL,
	"guard_id" text NOT NULL,
	"state" text NOT NULL,
	"instruction" text,
	"sent_at" timestamp with time zone NOT NULL,
	"sent_by_id" text NOT NULL,
	"sent_by_name" text NOT NULL,
	"answer_due_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"declined_at" timestamp with time zone,
	"decline_reason" text,
	"en_route_at" timestamp with time zone,
	"on_scene_at" timestamp with time zone,
	"arrival" text,
	"cleared_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"unanswered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "incident_entries" (
	"id" text NOT NULL,
	"incident_id" uuid NOT NULL,
	"stream" text NOT NULL,
	"seq" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"by_id" text,
	"by_name" text,
	"code" text,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"text" text,
	"call" jsonb,
	"photo_id" uuid,
	"stricken_at" timestamp with time zone,
	"stricken_by_id" text,
	"stricken_by_name" text,
	"stricken_reason" text,
	CONSTRAINT "incident_entries_incident_id_id_pk" PRIMARY KEY("incident_id","id")
);
--> statement-breakpoint
CREATE TABLE "incident_photos" (
	"id" uuid PRIMARY KEY NOT NULL,
	"incident_id" uuid NOT NULL,
	"stream" text NOT NULL,
	"mime" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"size" integer NOT NULL,
	"taken_by_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"stream" text NOT NULL,
	"site_id" text NOT NULL,
	"number" text NOT NULL,
	"type" text NOT NULL,
	"level" integer NOT NULL,
	"title" text NOT NULL,
	"state" text NOT NULL,
	"location" jsonb,
	"alarm_ids" uuid[] DEFAULT '{}' NOT NULL,
	"owner_id" text,
	"owner_name" text,
	"opened_at" timestamp with time zone NOT NULL,
	"opened_by_id" text NOT NULL,
	"opened_by_name" text NOT NULL,
	"resolved_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"summary" text
);
--> statement-breakpoint
CREATE TABLE "plan_runs" (
	"incident_id" uuid PRIMARY KEY NOT NULL,
	"stream" text NOT NULL,
	"plan_id" text NOT NULL,
	"version" integer NOT NULL,
	"name" jsonb NOT NULL,
	"steps" jsonb NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"started_by_id" text NOT NULL,
	"started_by_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_steps" (
	"incident_id" uuid NOT NULL,
	"step_id" text NOT NULL,
	"stream" text NOT NULL,
	"position" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"answer" text,
	"by_id" text,
	"by_name" text,
	"at" timestamp with time zone,
	"reason" text,
	"note" text,
	"call" jsonb,
	"warn_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"warned_at" timestamp with time zone,
	"overdue_at" timestamp with time zone,
	CONSTRAINT "plan_steps_incident_id_step_id_pk" PRIMARY KEY("incident_id","step_id")
);
--> statement-breakpoint
CREATE TABLE "plan_templates" (
	"id" text NOT NULL,
	"version" integer NOT NULL,
	"incident_type" text NOT NULL,
	"level" integer NOT NULL,
	"name" jsonb NOT NULL,
	"summary" jsonb NOT NULL,
	"activation" jsonb NOT NULL,
	"roles" jsonb NOT NULL,
	"steps" jsonb NOT NULL,
	"retired" boolean DEFAULT false NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"published_by_id" text,
	"published_by_name" text,
	CONSTRAINT "plan_templates_id_version_pk" PRIMARY KEY("id","version")
);
--> statement-breakpoint
ALTER TABLE "alarms" ADD COLUMN "incident_id" uuid;--> statement-breakpoint
ALTER TABLE "alarms" ADD COLUMN "escalated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dispatches" ADD CONSTRAINT "dispatches_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_entries" ADD CONSTRAINT "incident_entries_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_photos" ADD CONSTRAINT "incident_photos_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_runs" ADD CONSTRAINT "plan_runs_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_steps" ADD CONSTRAINT "plan_steps_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dispatches_incident_idx" ON "dispatches" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "dispatches_guard_idx" ON "dispatches" USING btree ("stream","guard_id","state");--> statement-breakpoint
CREATE INDEX "dispatches_answer_due_idx" ON "dispatches" USING btree ("state","unanswered_at","answer_due_at");--> statement-breakpoint
CREATE INDEX "incident_entries_seq_idx" ON "incident_entries" USING btree ("incident_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "incidents_number_idx" ON "incidents" USING btree ("stream","number");--> statement-breakpoint
CREATE INDEX "incidents_state_idx" ON "incidents" USING btree ("stream","state");--> statement-breakpoint
CREATE INDEX "plan_steps_warn_idx" ON "plan_steps" USING btree ("status","warned_at","warn_at");--> statement-breakpoint
CREATE INDEX "plan_steps_due_idx" ON "plan_steps" USING btree ("status","overdue_at","due_at");--> statement-breakpoint
CREATE INDEX "alarms_escalation_idx" ON "alarms" USING btree ("state","escalated_at","priority");