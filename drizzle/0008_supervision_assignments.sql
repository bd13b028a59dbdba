CREATE TABLE "supervision_assignments" (
	"supervisor_unit_id" integer NOT NULL,
	"supervised_unit_id" integer NOT NULL,
	"per_month" integer DEFAULT 2 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "supervision_assignments" ADD CONSTRAINT "supervision_assignments_supervisor_unit_id_units_id_fk" FOREIGN KEY ("supervisor_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_assignments" ADD CONSTRAINT "supervision_assignments_supervised_unit_id_units_id_fk" FOREIGN KEY ("supervised_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_assignments_pair_idx" ON "supervision_assignments" USING btree ("supervisor_unit_id","supervised_unit_id");--> statement-breakpoint
-- Until now every supervising unit inspected every patrol unit twice a month: keep that as the starting table.
INSERT INTO "supervision_assignments" ("supervisor_unit_id", "supervised_unit_id", "per_month")
SELECT s."id", p."id", 2 FROM "units" s CROSS JOIN "units" p WHERE s."kind" = 'supervising' AND p."kind" = 'patrol';
