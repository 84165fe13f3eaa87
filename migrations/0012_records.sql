CREATE TABLE "handovers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"stream" text NOT NULL,
	"site_id" text NOT NULL,
	"from_id" text NOT NULL,
	"from_name" text NOT NULL,
	"to_id" text,
	"to_name" text,
	"note" text,
	"summary" jsonb NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by_id" text,
	"acknowledged_by_name" text,
	"acknowledge_note" text
);
--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "handovers_site_idx" ON "handovers" USING btree ("stream","site_id","opened_at");--> statement-breakpoint
CREATE INDEX "events_audit_idx" ON "events" USING btree ("seq") WHERE "events"."stream" = 'audit' or "events"."actor" ->> 'kind' = 'user';--> statement-breakpoint
-- The event log is append-only (DESIGN.md §1; the audit log of issue #12 reads it): a correction is a new event.
-- Written by hand beside drizzle-kit's statements (it generates no functions or triggers).
CREATE OR REPLACE FUNCTION "vigil_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;--> statement-breakpoint
CREATE TRIGGER "events_append_only" BEFORE UPDATE OR DELETE ON "events" FOR EACH ROW EXECUTE FUNCTION "vigil_events_append_only"();--> statement-breakpoint
CREATE TRIGGER "events_no_truncate" BEFORE TRUNCATE ON "events" FOR EACH STATEMENT EXECUTE FUNCTION "vigil_events_append_only"();
