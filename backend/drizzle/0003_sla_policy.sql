CREATE TABLE "sla_policies" (
	"version" serial PRIMARY KEY NOT NULL,
	"respond_minutes" integer NOT NULL,
	"exclusive_minutes" integer NOT NULL,
	"contact_days" integer NOT NULL,
	"decide_days" integer NOT NULL,
	"reminder_permille" integer NOT NULL,
	"office_start" text NOT NULL,
	"office_end" text NOT NULL,
	"lunch_start" text,
	"lunch_end" text,
	"breach_actions" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sla_policies" ADD CONSTRAINT "sla_policies_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;