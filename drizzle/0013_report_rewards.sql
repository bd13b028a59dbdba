CREATE TABLE "report_rewards" (
	"complaint_id" integer PRIMARY KEY NOT NULL,
	"verified" boolean,
	"verify_reason" text,
	"verified_at" timestamp with time zone,
	"verified_by_id" integer,
	"amount_yuan" integer,
	"paid_at" timestamp with time zone,
	"paid_how" text,
	"paid_by_id" integer
);
--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "whistleblowing" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "report_rewards" ADD CONSTRAINT "report_rewards_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_rewards" ADD CONSTRAINT "report_rewards_verified_by_id_people_id_fk" FOREIGN KEY ("verified_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_rewards" ADD CONSTRAINT "report_rewards_paid_by_id_people_id_fk" FOREIGN KEY ("paid_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;