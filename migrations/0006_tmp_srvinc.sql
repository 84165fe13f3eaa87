DROP INDEX "incident_entries_at_idx";--> statement-breakpoint
ALTER TABLE "incident_entries" ADD COLUMN "seq" bigint NOT NULL;--> statement-breakpoint
CREATE INDEX "incident_entries_seq_idx" ON "incident_entries" USING btree ("incident_id","seq");