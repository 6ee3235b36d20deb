DROP INDEX "program_claims_program_idx";--> statement-breakpoint
CREATE INDEX "program_enrollments_program_idx" ON "program_enrollments" USING btree ("program_id","value_date","principal");--> statement-breakpoint
CREATE INDEX "program_ledger_movements_idx" ON "program_ledger" USING btree ("program_id","on","kind","amount_fen");--> statement-breakpoint
CREATE INDEX "program_claims_program_idx" ON "program_claims" USING btree ("program_id","status","claimed_at","amount_fen");