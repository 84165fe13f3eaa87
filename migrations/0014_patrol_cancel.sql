DROP INDEX "patrol_tours_route_start_idx";--> statement-breakpoint
ALTER TABLE "patrol_tours" ADD COLUMN "cancelled_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "patrol_tours_route_start_idx" ON "patrol_tours" USING btree ("stream","route_id","starts_at") WHERE "patrol_tours"."cancelled_at" is null;