CREATE TABLE "outbox_relay" (
	"single" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"incarnation" uuid DEFAULT gen_random_uuid() NOT NULL,
	"relayed_batches" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "outbox_relay_single_row" CHECK ("outbox_relay"."single")
);
--> statement-breakpoint
-- The relay's one row; each database gets an incarnation of its own.
INSERT INTO "outbox_relay" DEFAULT VALUES;
