CREATE TABLE "loan_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"applicant_id" uuid NOT NULL,
	"customer_type" text NOT NULL,
	"applicant_name" text NOT NULL,
	"amount" bigint NOT NULL,
	"term_months" integer NOT NULL,
	"purpose" text NOT NULL,
	"collateral" text NOT NULL,
	"county" text NOT NULL,
	"industry" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_phone" text NOT NULL,
	"product_id" uuid,
	"status" text DEFAULT 'submitted' NOT NULL,
	"pool_tier" text,
	"tier_started_at" timestamp with time zone,
	"exclusive_institution_id" uuid,
	"claimed_institution_id" uuid,
	"claimed_officer_id" uuid,
	"claimed_at" timestamp with time zone,
	"approved_amount" bigint,
	"approved_rate_bp" integer,
	"approved_term_months" integer,
	"rejection_code" text,
	"rejection_reason" text,
	"disbursed_amount" bigint,
	"idempotency_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "loan_requests_idempotency" UNIQUE("applicant_id","idempotency_key"),
	CONSTRAINT "loan_requests_amount_positive" CHECK ("loan_requests"."amount" > 0),
	CONSTRAINT "loan_requests_term_range" CHECK ("loan_requests"."term_months" between 1 and 360),
	CONSTRAINT "loan_requests_claim_consistent" CHECK ("loan_requests"."status" = 'cancelled'
        or ("loan_requests"."status" in ('submitted', 'open', 'expired') and "loan_requests"."claimed_institution_id" is null)
        or ("loan_requests"."status" not in ('submitted', 'open', 'expired') and "loan_requests"."claimed_institution_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "request_candidates" (
	"request_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"serves_county" boolean NOT NULL,
	"rank" integer NOT NULL,
	"excluded" boolean DEFAULT false NOT NULL,
	CONSTRAINT "request_candidates_request_id_institution_id_pk" PRIMARY KEY("request_id","institution_id")
);
--> statement-breakpoint
CREATE TABLE "request_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"actor_id" uuid,
	"from_status" text,
	"to_status" text NOT NULL,
	"note" text,
	"data" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "loan_requests" ADD CONSTRAINT "loan_requests_applicant_id_users_id_fk" FOREIGN KEY ("applicant_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_requests" ADD CONSTRAINT "loan_requests_county_regions_code_fk" FOREIGN KEY ("county") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_requests" ADD CONSTRAINT "loan_requests_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_requests" ADD CONSTRAINT "loan_requests_exclusive_institution_id_institutions_id_fk" FOREIGN KEY ("exclusive_institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_requests" ADD CONSTRAINT "loan_requests_claimed_institution_id_institutions_id_fk" FOREIGN KEY ("claimed_institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_requests" ADD CONSTRAINT "loan_requests_claimed_officer_id_users_id_fk" FOREIGN KEY ("claimed_officer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_candidates" ADD CONSTRAINT "request_candidates_request_id_loan_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."loan_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_candidates" ADD CONSTRAINT "request_candidates_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_candidates" ADD CONSTRAINT "request_candidates_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_events" ADD CONSTRAINT "request_events_request_id_loan_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."loan_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_events" ADD CONSTRAINT "request_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "loan_requests_applicant_idx" ON "loan_requests" USING btree ("applicant_id","created_at");--> statement-breakpoint
CREATE INDEX "loan_requests_open_idx" ON "loan_requests" USING btree ("status","county");--> statement-breakpoint
CREATE INDEX "loan_requests_claimed_idx" ON "loan_requests" USING btree ("claimed_institution_id","status");--> statement-breakpoint
CREATE INDEX "request_candidates_institution_idx" ON "request_candidates" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "request_events_request_idx" ON "request_events" USING btree ("request_id","id");