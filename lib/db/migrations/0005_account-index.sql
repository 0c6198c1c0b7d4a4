CREATE TABLE "index_accounts" (
	"workspace" text NOT NULL,
	"provider" text NOT NULL,
	"external_id" text NOT NULL,
	"name" text,
	"application_id" text,
	"api_key" text NOT NULL,
	"access_token_hint" text,
	"search" text NOT NULL,
	"seen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "index_accounts_workspace_provider_external_id_pk" PRIMARY KEY("workspace","provider","external_id")
);
--> statement-breakpoint
CREATE TABLE "index_applications" (
	"workspace" text NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"messages" boolean NOT NULL,
	"inbound_url" text,
	"status_url" text,
	"seen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "index_applications_workspace_id_pk" PRIMARY KEY("workspace","id")
);
--> statement-breakpoint
CREATE TABLE "index_reads" (
	"workspace" text PRIMARY KEY NOT NULL,
	"as_of" timestamp with time zone,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"outcome" text,
	"accounts" integer,
	"applications" integer,
	"calls" integer,
	"lease_owner" text,
	"lease_until" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "index_accounts_application" ON "index_accounts" USING btree ("workspace","application_id");--> statement-breakpoint
CREATE INDEX "index_accounts_external_id" ON "index_accounts" USING btree ("external_id" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "index_accounts_seen" ON "index_accounts" USING btree ("workspace","seen_at");