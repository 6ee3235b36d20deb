CREATE TABLE "supervision_disbursals" (
	"request_id" uuid PRIMARY KEY NOT NULL,
	"applicant_id" uuid NOT NULL,
	"county" text NOT NULL,
	"institution_id" uuid,
	"day" date NOT NULL,
	"amount" bigint NOT NULL,
	"working_minutes" integer,
	"day_minutes" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_registrations_daily" (
	"day" date NOT NULL,
	"county" text NOT NULL,
	"role" text NOT NULL,
	"accounts" integer NOT NULL,
	CONSTRAINT "supervision_registrations_daily_day_county_role_pk" PRIMARY KEY("day","county","role")
);
--> statement-breakpoint
CREATE TABLE "supervision_requests_daily" (
	"day" date NOT NULL,
	"county" text NOT NULL,
	"submitted" integer DEFAULT 0 NOT NULL,
	"submitted_amount" bigint DEFAULT 0 NOT NULL,
	"claimed" integer DEFAULT 0 NOT NULL,
	"claimed_within_window" integer DEFAULT 0 NOT NULL,
	"assigned" integer DEFAULT 0 NOT NULL,
	"approved" integer DEFAULT 0 NOT NULL,
	"approved_amount" bigint DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"cancelled" integer DEFAULT 0 NOT NULL,
	"reopened" integer DEFAULT 0 NOT NULL,
	"escalated" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "supervision_requests_daily_day_county_pk" PRIMARY KEY("day","county")
);
--> statement-breakpoint
CREATE TABLE "supervision_stage_times" (
	"stage_id" uuid PRIMARY KEY NOT NULL,
	"stage" text NOT NULL,
	"county" text NOT NULL,
	"institution_id" uuid,
	"day" date NOT NULL,
	"outcome" text NOT NULL,
	"working_minutes" integer
);
--> statement-breakpoint
CREATE TABLE "supervision_urges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"stage_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	"county" text NOT NULL,
	"note" text NOT NULL,
	"urged_by" uuid NOT NULL,
	"urged_at" timestamp with time zone NOT NULL,
	"acknowledged_by" uuid,
	"acknowledged_at" timestamp with time zone,
	"acknowledgement_note" text
);
--> statement-breakpoint
ALTER TABLE "supervision_disbursals" ADD CONSTRAINT "supervision_disbursals_request_id_loan_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."loan_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_stage_times" ADD CONSTRAINT "supervision_stage_times_stage_id_sla_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."sla_stages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_urges" ADD CONSTRAINT "supervision_urges_stage_id_sla_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."sla_stages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_urges" ADD CONSTRAINT "supervision_urges_request_id_loan_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."loan_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_urges" ADD CONSTRAINT "supervision_urges_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_urges" ADD CONSTRAINT "supervision_urges_urged_by_users_id_fk" FOREIGN KEY ("urged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_urges" ADD CONSTRAINT "supervision_urges_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "supervision_disbursals_day_idx" ON "supervision_disbursals" USING btree ("day","county");--> statement-breakpoint
CREATE INDEX "supervision_stage_times_day_idx" ON "supervision_stage_times" USING btree ("day","county");--> statement-breakpoint
CREATE INDEX "supervision_urges_stage_idx" ON "supervision_urges" USING btree ("stage_id");--> statement-breakpoint
CREATE INDEX "supervision_urges_institution_idx" ON "supervision_urges" USING btree ("institution_id","urged_at");--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_urges_one_open" ON "supervision_urges" USING btree ("stage_id") WHERE "supervision_urges"."acknowledged_at" is null;--> statement-breakpoint
CREATE INDEX "sla_stages_breached_due_idx" ON "sla_stages" USING btree ("due_at") WHERE "sla_stages"."outcome" = 'breached';