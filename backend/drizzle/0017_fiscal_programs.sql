CREATE TABLE "program_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"period_start" date,
	"period_end" date,
	"amount_fen" bigint NOT NULL,
	"returned_fen" bigint DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"payee" jsonb NOT NULL,
	"claimed_by" uuid NOT NULL,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"review_note" text,
	"checked_by" uuid,
	"checked_at" timestamp with time zone,
	"check_note" text,
	"paid_on" date,
	"voucher_no" text,
	"paid_by" uuid,
	CONSTRAINT "program_claims_amount" CHECK ("program_claims"."amount_fen" > 0 and "program_claims"."returned_fen" between 0 and "program_claims"."amount_fen"),
	CONSTRAINT "program_claims_period" CHECK (("program_claims"."period_start" is null) = ("program_claims"."period_end" is null)),
	CONSTRAINT "program_claims_two_people" CHECK ("program_claims"."checked_by" is null or "program_claims"."checked_by" <> "program_claims"."reviewed_by"),
	CONSTRAINT "program_claims_paid" CHECK (("program_claims"."status" = 'paid') = ("program_claims"."voucher_no" is not null))
);
--> statement-breakpoint
CREATE TABLE "program_enrollments" (
	"program_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"principal" bigint NOT NULL,
	"value_date" date NOT NULL,
	"enrolled_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "program_enrollments_program_id_request_id_pk" PRIMARY KEY("program_id","request_id")
);
--> statement-breakpoint
CREATE TABLE "program_ledger" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"program_id" uuid NOT NULL,
	"claim_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"on" date NOT NULL,
	"actor_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"policy_ref" text,
	"region" text NOT NULL,
	"budget_fen" bigint NOT NULL,
	"committed_fen" bigint DEFAULT 0 NOT NULL,
	"paid_fen" bigint DEFAULT 0 NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"eligibility" jsonb NOT NULL,
	"terms" jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"activated_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	CONSTRAINT "programs_budget_positive" CHECK ("programs"."budget_fen" > 0),
	CONSTRAINT "programs_period" CHECK ("programs"."starts_on" <= "programs"."ends_on"),
	CONSTRAINT "programs_never_overspent" CHECK ("programs"."committed_fen" >= 0 and "programs"."paid_fen" >= 0 and "programs"."committed_fen" + "programs"."paid_fen" <= "programs"."budget_fen")
);
--> statement-breakpoint
CREATE TABLE "servicing_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"outstanding_principal" bigint NOT NULL,
	"interest_paid_fen" bigint NOT NULL,
	"guarantee_fee_paid_fen" bigint,
	"status" text NOT NULL,
	"overdue_days" integer,
	"loss_fen" bigint,
	"supersedes" uuid,
	"reason" text,
	"reported_by" uuid NOT NULL,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "servicing_reports_period" CHECK ("servicing_reports"."period_start" < "servicing_reports"."period_end"),
	CONSTRAINT "servicing_reports_amounts" CHECK ("servicing_reports"."outstanding_principal" >= 0 and "servicing_reports"."interest_paid_fen" >= 0 and coalesce("servicing_reports"."guarantee_fee_paid_fen", 0) >= 0 and coalesce("servicing_reports"."loss_fen", 0) >= 0),
	CONSTRAINT "servicing_reports_overdue_days" CHECK (("servicing_reports"."status" = 'overdue') = ("servicing_reports"."overdue_days" is not null)),
	CONSTRAINT "servicing_reports_loss" CHECK (("servicing_reports"."status" = 'default') = ("servicing_reports"."loss_fen" is not null)),
	CONSTRAINT "servicing_reports_correction_reason" CHECK ("servicing_reports"."supersedes" is null or "servicing_reports"."reason" is not null)
);
--> statement-breakpoint
ALTER TABLE "loan_requests" ADD COLUMN "value_date" date;--> statement-breakpoint
ALTER TABLE "program_claims" ADD CONSTRAINT "program_claims_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_claims" ADD CONSTRAINT "program_claims_request_id_loan_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."loan_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_claims" ADD CONSTRAINT "program_claims_report_id_servicing_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."servicing_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_claims" ADD CONSTRAINT "program_claims_claimed_by_users_id_fk" FOREIGN KEY ("claimed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_claims" ADD CONSTRAINT "program_claims_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_claims" ADD CONSTRAINT "program_claims_checked_by_users_id_fk" FOREIGN KEY ("checked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_claims" ADD CONSTRAINT "program_claims_paid_by_users_id_fk" FOREIGN KEY ("paid_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_enrollments" ADD CONSTRAINT "program_enrollments_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_enrollments" ADD CONSTRAINT "program_enrollments_request_id_loan_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."loan_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_ledger" ADD CONSTRAINT "program_ledger_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_ledger" ADD CONSTRAINT "program_ledger_claim_id_program_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."program_claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_ledger" ADD CONSTRAINT "program_ledger_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programs" ADD CONSTRAINT "programs_region_regions_code_fk" FOREIGN KEY ("region") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programs" ADD CONSTRAINT "programs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "servicing_reports" ADD CONSTRAINT "servicing_reports_request_id_loan_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."loan_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "servicing_reports" ADD CONSTRAINT "servicing_reports_reported_by_users_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "program_claims_program_idx" ON "program_claims" USING btree ("program_id","status");--> statement-breakpoint
CREATE INDEX "program_claims_request_idx" ON "program_claims" USING btree ("request_id");--> statement-breakpoint
CREATE UNIQUE INDEX "program_claims_one_compensation" ON "program_claims" USING btree ("program_id","request_id") WHERE "program_claims"."period_start" is null and "program_claims"."status" <> 'rejected';--> statement-breakpoint
CREATE INDEX "program_enrollments_request_idx" ON "program_enrollments" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "program_ledger_program_idx" ON "program_ledger" USING btree ("program_id","id");--> statement-breakpoint
CREATE INDEX "programs_region_idx" ON "programs" USING btree ("region","status");--> statement-breakpoint
CREATE INDEX "servicing_reports_request_idx" ON "servicing_reports" USING btree ("request_id","period_start");--> statement-breakpoint
CREATE UNIQUE INDEX "servicing_reports_superseded_once" ON "servicing_reports" USING btree ("supersedes");--> statement-breakpoint
-- Append-only, as the audit log: a servicing report is corrected by a newer one, and the ledger only grows (drizzle-kit does not manage this).
CREATE FUNCTION "append_only_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;--> statement-breakpoint
CREATE TRIGGER "servicing_reports_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "servicing_reports" FOR EACH STATEMENT EXECUTE FUNCTION "append_only_refuse_change"();--> statement-breakpoint
CREATE TRIGGER "program_ledger_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "program_ledger" FOR EACH STATEMENT EXECUTE FUNCTION "append_only_refuse_change"();
