CREATE TABLE "problem_events" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "problem_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"problem_id" integer NOT NULL,
	"kind" text NOT NULL,
	"to_status" text NOT NULL,
	"actor_id" integer,
	"note" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "problem_items" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "problem_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"patrol_id" integer NOT NULL,
	"checklist_item_id" text,
	"description" text NOT NULL,
	"status" text DEFAULT 'listed' NOT NULL,
	"cause" text,
	"problem_category" text,
	"disposition" text,
	"due_at" timestamp with time zone,
	"transfer_to" text,
	"handed_over_to" text,
	"report_back_due_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"result" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "problem_items_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "team_checklist_results" (
	"patrol_id" integer NOT NULL,
	"item_id" text NOT NULL,
	"verdict" text NOT NULL,
	"note" text
);
--> statement-breakpoint
ALTER TABLE "patrols" ADD COLUMN "team_name" text;--> statement-breakpoint
ALTER TABLE "problem_events" ADD CONSTRAINT "problem_events_problem_id_problem_items_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."problem_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_events" ADD CONSTRAINT "problem_events_actor_id_people_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_items" ADD CONSTRAINT "problem_items_patrol_id_patrols_id_fk" FOREIGN KEY ("patrol_id") REFERENCES "public"."patrols"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_checklist_results" ADD CONSTRAINT "team_checklist_results_patrol_id_patrols_id_fk" FOREIGN KEY ("patrol_id") REFERENCES "public"."patrols"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "problem_events_problem_idx" ON "problem_events" USING btree ("problem_id");--> statement-breakpoint
CREATE INDEX "problem_items_patrol_idx" ON "problem_items" USING btree ("patrol_id");--> statement-breakpoint
CREATE UNIQUE INDEX "team_checklist_item_idx" ON "team_checklist_results" USING btree ("patrol_id","item_id");