/*
 * `npm run activity:verify`: re-computes every chain of the activity log and
 * names the first event that was altered, inserted or removed. Exit 0 when
 * every chain is whole, 1 when one is not, 2 when the store cannot be read.
 * The store is the console's: DATABASE_URL, else the embedded one under
 * CONSOLE_DATA_DIR (the demo's, .data/demo, when nothing is set and it exists).
 * Run with the react-server condition (see package.json) so lib/'s server-only modules load.
 */
import { existsSync } from 'node:fs';
import { verifyChains } from '@/lib/activity/verify';
import { openStore } from '@/lib/db/client';
import { env } from '@/lib/env';

async function main(): Promise<number> {
  if (!process.env.DATABASE_URL && !process.env.CONSOLE_DATA_DIR && existsSync('.data/demo/store'))
    process.env.CONSOLE_DATA_DIR = '.data/demo';
  const settings = env();
  const where = settings.DATABASE_URL ? 'the PostgreSQL store (DATABASE_URL)' : `the embedded store in ${settings.CONSOLE_DATA_DIR}`;
  const store = await openStore({ databaseUrl: settings.DATABASE_URL, dataDir: settings.CONSOLE_DATA_DIR });
  try {
    const reports = await verifyChains(store.db);
    console.log(`Activity log in ${where}: ${reports.length} chain${reports.length === 1 ? '' : 's'}.`);
    for (const r of reports) {
      const name = r.chain || '(no workspace: sign-ins)';
      console.log(
        r.broken
          ? `  ${name}: BROKEN at event ${r.broken.id} (#${r.broken.seq}): ${r.broken.reason}`
          : `  ${name}: ${r.events} event${r.events === 1 ? '' : 's'}, whole`,
      );
    }
    return reports.some((r) => r.broken) ? 1 : 0;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`activity:verify: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  },
);
