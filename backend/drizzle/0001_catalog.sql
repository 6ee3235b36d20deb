CREATE TABLE "product_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"product_id" uuid NOT NULL,
	"actor_id" uuid NOT NULL,
	"action" text NOT NULL,
	"changes" jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "products" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"min_amount" bigint,
	"max_amount" bigint,
	"min_term_months" integer,
	"max_term_months" integer,
	"min_rate_bp" integer,
	"max_rate_bp" integer,
	"customer_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"all_counties" boolean DEFAULT false NOT NULL,
	"counties" text[] DEFAULT '{}'::text[] NOT NULL,
	"all_industries" boolean DEFAULT true NOT NULL,
	"industries" text[] DEFAULT '{}'::text[] NOT NULL,
	"required_materials" text[] DEFAULT '{}'::text[] NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"request_count" integer DEFAULT 0 NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"listed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "products_amount_range" CHECK ("products"."min_amount" is null or "products"."max_amount" is null or "products"."min_amount" <= "products"."max_amount"),
	CONSTRAINT "products_amount_positive" CHECK ("products"."min_amount" is null or "products"."min_amount" > 0),
	CONSTRAINT "products_term_range" CHECK ("products"."min_term_months" is null or "products"."max_term_months" is null or "products"."min_term_months" <= "products"."max_term_months"),
	CONSTRAINT "products_rate_range" CHECK ("products"."min_rate_bp" is null or "products"."max_rate_bp" is null or "products"."min_rate_bp" <= "products"."max_rate_bp")
);
--> statement-breakpoint
ALTER TABLE "institutions" ADD COLUMN "level" text DEFAULT 'branch' NOT NULL;--> statement-breakpoint
ALTER TABLE "institutions" ADD COLUMN "counties_served" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "institutions" ADD COLUMN "contact_name" text;--> statement-breakpoint
ALTER TABLE "institutions" ADD COLUMN "address" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "counties_served" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "product_history" ADD CONSTRAINT "product_history_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_history" ADD CONSTRAINT "product_history_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "product_history_product_idx" ON "product_history" USING btree ("product_id","at");--> statement-breakpoint
CREATE INDEX "products_status_idx" ON "products" USING btree ("status","institution_id");--> statement-breakpoint
ALTER TABLE "institutions" ADD CONSTRAINT "institutions_sub_branch_parent" CHECK ("institutions"."level" <> 'sub_branch' or "institutions"."parent_id" is not null);