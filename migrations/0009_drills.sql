CREATE TABLE "drill_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"stream" text NOT NULL,
	"site_id" text NOT NULL,
	"scenario" jsonb NOT NULL,
	"mode" text NOT NULL,
	"state" text NOT NULL,
	"controller_id" uuid NOT NULL,
	"controller_name" text NOT NULL,
	"participants" uuid[] DEFAULT '{}' NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"paused_at" timestamp with time zone,
	"paused_sec" integer DEFAULT 0 NOT NULL,
	"ended_at" timestamp with time zone,
	"next_inject" integer DEFAULT 0 NOT NULL,
	"next_inject_at" timestamp with time zone,
	"injects_done" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"guard_statuses" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"monitor_views" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"evaluation" jsonb,
	CONSTRAINT "drill_runs_stream_unique" UNIQUE("stream")
);
--> statement-breakpoint
CREATE INDEX "drill_runs_state_idx" ON "drill_runs" USING btree ("state","next_inject_at");