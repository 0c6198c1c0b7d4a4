CREATE TABLE "activity_events" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"chain" text NOT NULL,
	"workspace" text,
	"actor" jsonb NOT NULL,
	"action" text NOT NULL,
	"target" jsonb NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"outcome" text NOT NULL,
	"status" integer NOT NULL,
	"upstream_status" integer,
	"request_id" text NOT NULL,
	"correlation_id" text,
	"ip" text,
	"user_agent" text,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "activity_events_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE INDEX "activity_chain_seq" ON "activity_events" USING btree ("chain","seq");--> statement-breakpoint
CREATE INDEX "activity_workspace_seq" ON "activity_events" USING btree ("workspace","seq");