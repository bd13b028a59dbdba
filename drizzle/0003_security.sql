CREATE TABLE "console_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"viewer" jsonb NOT NULL,
	"credential" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "webhook_signatures" (
	"signature" text PRIMARY KEY NOT NULL,
	"message_id" text NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "console_sessions_expires_idx" ON "console_sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "webhook_signatures_seen_idx" ON "webhook_signatures" USING btree ("seen_at");