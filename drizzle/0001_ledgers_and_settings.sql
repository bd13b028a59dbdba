CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "patrols_started_idx";--> statement-breakpoint
CREATE INDEX "supervisions_at_idx" ON "supervisions" USING btree ("inspected_at","id");--> statement-breakpoint
CREATE INDEX "patrols_started_idx" ON "patrols" USING btree ("started_at","id");