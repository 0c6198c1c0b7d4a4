-- Search by part of a name or an external id (LIKE '%…%') without reading every account of the index:
-- a trigram index. pg_trgm ships with PostgreSQL (a trusted extension since 13: a database owner may create it)
-- and PGlite loads it (lib/db/client.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "index_accounts_search_trgm" ON "index_accounts" USING gin ("search" gin_trgm_ops);
