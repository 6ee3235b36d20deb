CREATE TABLE "applicant_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"declared" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "public_data_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source_name" text NOT NULL,
	"imported_by" uuid NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"file_name" text,
	"row_count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "public_data_records" (
	"import_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"as_of" date NOT NULL,
	"tax_credit_rating" text,
	"social_insurance_headcount" integer,
	"utility_payment_record" text,
	"administrative_penalties" integer,
	"dishonest_debtor" boolean,
	CONSTRAINT "public_data_records_import_id_user_id_pk" PRIMARY KEY("import_id","user_id"),
	CONSTRAINT "public_data_records_counts" CHECK ("public_data_records"."social_insurance_headcount" >= 0 and "public_data_records"."administrative_penalties" >= 0)
);
--> statement-breakpoint
ALTER TABLE "applicant_profiles" ADD CONSTRAINT "applicant_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_data_imports" ADD CONSTRAINT "public_data_imports_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_data_records" ADD CONSTRAINT "public_data_records_import_id_public_data_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."public_data_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_data_records" ADD CONSTRAINT "public_data_records_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "public_data_records_user_idx" ON "public_data_records" USING btree ("user_id","as_of");