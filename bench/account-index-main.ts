/*
 * `npm run bench:index`: the account index's figures alone (bench/account-index.ts), on a 100,000-account
 * workspace of its own simulator; `npm run bench` measures the same within the whole run.
 * BENCH_QUICK=1: 10,000 accounts and fewer samples.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, startSimulatorProcess } from '../scripts/stack';
import { measureIndex } from './account-index';

const QUICK = process.env.BENCH_QUICK === '1';
const ACCOUNTS = QUICK ? 10_000 : 100_000;
const dir = path.join(ROOT, '.data', 'bench-index');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const bulk = { apiKey: 'bulk0001', apiSecret: 'bench-bulk-secret' };
const tenantsFile = path.join(dir, 'bulk-tenants.json');
writeFileSync(tenantsFile, JSON.stringify({ tenants: [{ ...bulk, name: 'Bulk Ltd', seed: 'empty', extraAccounts: ACCOUNTS }] }));
const port = 20000 + Math.floor(Math.random() * 20000);
const sim = await startSimulatorProcess({ port, dataDir: dir, tenantsFile, quiet: true });
try {
  const ws = { id: 'bulk', name: 'Bulk Ltd', ...bulk, jwt: null, baseUrl: sim.url };
  const figures = await measureIndex(ws, ACCOUNTS, QUICK, (m) => process.stdout.write(`[bench:index] ${m}\n`));
  process.stdout.write(JSON.stringify(figures, null, 2) + '\n');
  writeFileSync(path.join(dir, 'figures.json'), JSON.stringify(figures, null, 2));
} finally {
  sim.child.kill('SIGTERM');
}
process.exit(0);
