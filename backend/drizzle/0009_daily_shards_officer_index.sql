ALTER TABLE "supervision_requests_daily" ADD COLUMN "shard" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "supervision_requests_daily" DROP CONSTRAINT "supervision_requests_daily_day_county_pk";--> statement-breakpoint
ALTER TABLE "supervision_requests_daily" ADD CONSTRAINT "supervision_requests_daily_day_county_shard_pk" PRIMARY KEY("day","county","shard");--> statement-breakpoint
CREATE INDEX "users_active_officers_idx" ON "users" USING btree ("institution_id","counties_served") WHERE "users"."role" = 'officer' and "users"."status" = 'active';
