CREATE TABLE "accidents" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "accidents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"occurred_on" date NOT NULL,
	"place" text NOT NULL,
	"level" text NOT NULL,
	"deaths" integer DEFAULT 0 NOT NULL,
	"reporting" text DEFAULT 'on_time' NOT NULL,
	"media_exposure" text DEFAULT 'none' NOT NULL,
	"negligence_points" integer,
	"description" text NOT NULL,
	"recorded_by_id" integer,
	"recorded_by_label" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "go_live_on" date;--> statement-breakpoint
ALTER TABLE "accidents" ADD CONSTRAINT "accidents_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accidents" ADD CONSTRAINT "accidents_recorded_by_id_people_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "accidents_unit_idx" ON "accidents" USING btree ("unit_id","occurred_on");