CREATE INDEX "complaints_due_idx" ON "complaints" USING btree ("due_at");--> statement-breakpoint
CREATE INDEX "hazards_rectify_due_idx" ON "hazards" USING btree ("rectify_due_at");--> statement-breakpoint
CREATE INDEX "hazards_emergency_due_idx" ON "hazards" USING btree ("emergency_report_due_at") WHERE "hazards"."emergency_report_due_at" is not null;--> statement-breakpoint
CREATE INDEX "hazards_status_level_due_idx" ON "hazards" USING btree ("status","level","rectify_due_at");--> statement-breakpoint
CREATE INDEX "patrols_report_due_idx" ON "patrols" USING btree ("report_due_at") WHERE "patrols"."report_due_at" is not null;