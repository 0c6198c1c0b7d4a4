-- The overview's totals, kept as the index is written: each statement on index_accounts adds what it inserted and
-- subtracts what it removed, grouped by workspace, provider and linked application ('' for none). Statement
-- triggers with transition tables: one grouped write per statement (a page of a re-read is one statement), not one
-- per row. Groups that reach 0 are removed.
CREATE FUNCTION index_account_totals_keep() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE index_account_totals t SET n = t.n - d.n
      FROM (SELECT workspace, provider, coalesce(application_id, '') AS application_id, count(*) AS n
              FROM old_rows GROUP BY 1, 2, 3) d
      WHERE t.workspace = d.workspace AND t.provider = d.provider AND t.application_id = d.application_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO index_account_totals AS t (workspace, provider, application_id, n)
      SELECT workspace, provider, coalesce(application_id, ''), count(*) FROM new_rows GROUP BY 1, 2, 3
      ON CONFLICT (workspace, provider, application_id) DO UPDATE SET n = t.n + excluded.n;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM index_account_totals t USING (SELECT DISTINCT workspace FROM old_rows) w
      WHERE t.workspace = w.workspace AND t.n <= 0;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER index_account_totals_insert AFTER INSERT ON index_accounts
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION index_account_totals_keep();
--> statement-breakpoint
CREATE TRIGGER index_account_totals_update AFTER UPDATE ON index_accounts
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION index_account_totals_keep();
--> statement-breakpoint
CREATE TRIGGER index_account_totals_delete AFTER DELETE ON index_accounts
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION index_account_totals_keep();
--> statement-breakpoint
-- Accounts already in the index before this migration.
INSERT INTO index_account_totals (workspace, provider, application_id, n)
  SELECT workspace, provider, coalesce(application_id, ''), count(*) FROM index_accounts GROUP BY 1, 2, 3;
