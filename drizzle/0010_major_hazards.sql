ALTER TABLE "hazards" ADD COLUMN "listing_level" text;--> statement-breakpoint
ALTER TABLE "hazards" ADD COLUMN "major_ack_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "hazards" ADD COLUMN "major_ack_by_id" integer;--> statement-breakpoint
ALTER TABLE "routing_rules" ADD COLUMN "rectify_days" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "hazards" ADD CONSTRAINT "hazards_major_ack_by_id_people_id_fk" FOREIGN KEY ("major_ack_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Hazards listed before the level was recorded were listed by this bureau.
UPDATE "hazards" SET "listing_level" = 'local' WHERE "listed_supervision";
