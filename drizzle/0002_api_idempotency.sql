CREATE TABLE "api_idempotency" (
	"client" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" integer,
	"body" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_idempotency_client_key_pk" PRIMARY KEY("client","key")
);
