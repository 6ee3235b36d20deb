CREATE TABLE "sla_stages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"attempt" integer DEFAULT 1 NOT NULL,
	"policy_version" integer NOT NULL,
	"owner_institution_id" uuid,
	"started_at" timestamp with time zone NOT NULL,
	"remind_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	"outcome" text,
	CONSTRAINT "sla_stages_attempt" UNIQUE("request_id","stage","attempt")
);
--> statement-breakpoint
ALTER TABLE "loan_requests" ADD COLUMN "sla_policy_version" integer;--> statement-breakpoint
ALTER TABLE "loan_requests" ADD COLUMN "exclusive_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sla_stages" ADD CONSTRAINT "sla_stages_request_id_loan_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."loan_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_stages" ADD CONSTRAINT "sla_stages_policy_version_sla_policies_version_fk" FOREIGN KEY ("policy_version") REFERENCES "public"."sla_policies"("version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sla_stages_open_due_idx" ON "sla_stages" USING btree ("due_at") WHERE "sla_stages"."completed_at" is null;