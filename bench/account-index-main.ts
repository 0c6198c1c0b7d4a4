/*
 * `npm run bench:index`: the account index's figures alone (bench/account-index.ts), on a 100,000-account
 * workspace of its own simulator; `npm run bench` measures the same within the whole run.
 * BENCH_QUICK=1: 10,000 accounts and fewer samples.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../scripts/stack';
import { measureIndexAtScale } from './account-index';

const figures = await measureIndexAtScale(process.env.BENCH_QUICK === '1', (m) => process.stdout.write(`[bench:index] ${m}\n`));
process.stdout.write(JSON.stringify(figures, null, 2) + '\n');
writeFileSync(path.join(ROOT, '.data', 'bench-index', 'figures.json'), JSON.stringify(figures, null, 2));
process.exit(0);
