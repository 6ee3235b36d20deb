ALTER TABLE "sla_stages" ADD COLUMN "reminded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sla_stages" ADD COLUMN "breached_at" timestamp with time zone;