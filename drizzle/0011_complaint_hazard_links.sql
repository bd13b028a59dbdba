ALTER TABLE "complaints" ADD COLUMN "hazard_id" integer;--> statement-breakpoint
ALTER TABLE "hazards" ADD COLUMN "complaint_id" integer;