ALTER TABLE "alarms" ADD COLUMN "text" jsonb;--> statement-breakpoint
ALTER TABLE "guards" ADD COLUMN "tracker_token_hash" text;--> statement-breakpoint
ALTER TABLE "guards" ADD CONSTRAINT "guards_tracker_token_hash_unique" UNIQUE("tracker_token_hash");