CREATE TABLE "failing_work" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer NOT NULL,
	"first_failed_at" timestamp with time zone NOT NULL,
	"last_error" text NOT NULL,
	"retry_at" timestamp with time zone NOT NULL,
	"alerted_at" timestamp with time zone,
	"alerts" integer DEFAULT 0 NOT NULL,
	"resolved_at" timestamp with time zone
);
