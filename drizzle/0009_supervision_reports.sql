ALTER TABLE "supervision_assignments" ADD COLUMN "per_quarter" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "leads_supervision" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "periodic_reports" ADD COLUMN "received_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "periodic_reports" ADD COLUMN "received_by_id" integer;--> statement-breakpoint
ALTER TABLE "periodic_reports" ADD CONSTRAINT "periodic_reports_received_by_id_people_id_fk" FOREIGN KEY ("received_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Until now the one supervising unit was the lead office (安监科): keep it so, the oldest one if there are several.
UPDATE "units" SET "leads_supervision" = true
WHERE "id" = (SELECT min("id") FROM "units" WHERE "kind" = 'supervising' AND "active");
