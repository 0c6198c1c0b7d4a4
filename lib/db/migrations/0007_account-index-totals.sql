CREATE TABLE "index_account_totals" (
	"workspace" text NOT NULL,
	"provider" text NOT NULL,
	"application_id" text NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "index_account_totals_workspace_provider_application_id_pk" PRIMARY KEY("workspace","provider","application_id")
);
