CREATE TABLE "checkpoints" (
	"stream" text NOT NULL,
	"seq" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"state" jsonb NOT NULL,
	"resolved_order" jsonb NOT NULL,
	CONSTRAINT "checkpoints_stream_seq_pk" PRIMARY KEY("stream","seq")
);
--> statement-breakpoint
CREATE INDEX "checkpoints_stream_at_idx" ON "checkpoints" USING btree ("stream","at");--> statement-breakpoint
CREATE INDEX "events_stream_at_idx" ON "events" USING btree ("stream","at");