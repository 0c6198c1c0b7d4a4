CREATE TABLE "replace_intents" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace" text NOT NULL,
	"provider" text NOT NULL,
	"external_id" text NOT NULL,
	"from_application" text,
	"to_application" text NOT NULL,
	"actor" jsonb NOT NULL,
	"request_id" text NOT NULL,
	"owner" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"lease_until" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "replace_intents_lease" ON "replace_intents" USING btree ("lease_until");