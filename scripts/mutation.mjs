// `npm run mutation [folder…]`: Stryker on the vitest unit project, once per folder, an HTML and a JSON report in
// reports/mutation/<folder>/ (gitignored), and the table of scores in docs/testing.md. Not part of `npm test`.
// A mutant that no test could ever kill (an equivalent mutant) is marked in the source with
// `// Stryker disable next-line <mutator>: <why>`; it is listed with its reason and not counted.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Stryker } from '@stryker-mutator/core';

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(root, 'reports/mutation');
const folders = {
  'lib/vonage': { mutate: ['lib/vonage/**/*.ts'] },
  'lib/bff': { mutate: ['lib/bff/**/*.ts'] },
  'lib/auth': { mutate: ['lib/auth/**/*.ts'] },
  'lib/schemas': { mutate: ['lib/schemas/**/*.ts'] },
  'lib/queries': { mutate: ['lib/queries/**/*.ts'] },
  simulator: {
    // main.ts is the command line around startSimulator, run in a child process that Stryker cannot see into.
    // In parts: each part is a run of its own with its own report, so that one part can be run again alone.
    parts: {
      faults: ['simulator/{faults,control,validate,errors,http-util,render,request-log}.ts'],
      auth: ['simulator/{auth,jwt,tenants,context}.ts'],
      routing: ['simulator/{dispatch,router,server}.ts'],
      handlers: ['simulator/handlers-*.ts'],
      state: ['simulator/{store,persist,seed,seed-util,seed-data,types}.ts'],
    },
    // A static mutant (module-level code: seed data, route and error tables) runs every simulator test, 10 s each:
    // some 800 of them would take hours. They are listed as static, not counted; MUTATION_STATIC=1 runs them too.
    ignoreStatic: process.env.MUTATION_STATIC !== '1',
  },
};
const threshold = 80;

// `npm run mutation -- simulator lib/bff` runs those folders; `simulator:faults` one part of a folder.
const fromReports = process.argv.includes('--from-reports');
const args = process.argv.slice(2).filter((a) => a !== '--from-reports');
/** `folder:part` of each part run by this invocation. */
const ran = new Set();
const asked = [...new Set(args.map((a) => a.split(':')[0]))];
const only = args.filter((a) => a.includes(':')).map((a) => a.split(':')[1]);
for (const folder of asked)
  if (!(folder in folders)) throw new Error(`unknown folder ${folder}; one of ${Object.keys(folders).join(', ')}`);
process.chdir(root);
for (const folder of fromReports ? [] : asked.length > 0 ? asked : Object.keys(folders)) {
  const dir = path.join(outDir, folder.replaceAll('/', '-'));
  console.log(`\n== ${folder}`);
  const { mutate, parts = { '': mutate }, ignoreStatic = false } = folders[folder];
  for (const [part, globs] of Object.entries(parts)) {
    if (only.length > 0 && !only.includes(part)) continue;
    const suffix = part ? `-${part}` : '';
    await new Stryker({
      mutate: [...globs, '!**/__tests__/**'],
      ignoreStatic,
      htmlReporter: { fileName: path.join(dir, `index${suffix}.html`) },
      jsonReporter: { fileName: path.join(dir, `mutation${suffix}.json`) },
      // MUTATION_INCREMENTAL=1: mutants whose code and tests did not change since the last run keep their result.
      incremental: process.env.MUTATION_INCREMENTAL === '1',
      incrementalFile: path.join(dir, `incremental${suffix}.json`),
    }).runMutationTest();
    ran.add(`${folder}:${part}`);
  }
}

/*
 * Each part's result is kept in docs/mutation-scores.json (tracked), so that a run of one folder on a fresh clone
 * updates its own row and keeps the others': the HTML and JSON reports are gitignored and do not travel.
 * `npm run mutation -- --from-reports` runs nothing and takes every report on disk into it (a run made elsewhere).
 */
const scoresFile = path.join(root, 'docs/mutation-scores.json');
const scores = existsSync(scoresFile) ? JSON.parse(readFileSync(scoresFile, 'utf8')) : {};

/** One part's counts and listed mutants, from its Stryker JSON report. */
function summarize(reportFile) {
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  const count = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, Ignored: 0, Static: 0, CompileError: 0, RuntimeError: 0 };
  const ignored = [];
  const survivors = [];
  for (const [name, { mutants }] of Object.entries(report.files)) {
    const rel = path.relative(root, path.resolve(root, name));
    for (const m of mutants) {
      const isStatic = m.status === 'Ignored' && /static/i.test(m.statusReason ?? '');
      count[isStatic ? 'Static' : m.status] = (count[isStatic ? 'Static' : m.status] ?? 0) + 1;
      if (isStatic) continue;
      const where = `${rel}:${m.location.start.line}`;
      const what = `${m.mutatorName} → \`${(m.replacement ?? '').replace(/\s+/g, ' ').slice(0, 60)}\``;
      if (m.status === 'Ignored') ignored.push(`| ${where} | ${what} | ${m.statusReason ?? ''} |`);
      if (m.status === 'Survived' || m.status === 'NoCoverage') survivors.push(`| ${where} | ${what} | ${m.status} |`);
    }
  }
  const measured = statSync(reportFile).mtime.toISOString().slice(0, 10);
  return { measured, count, ignored, survivors };
}

for (const folder of Object.keys(folders)) {
  const { mutate, parts = { '': mutate } } = folders[folder];
  for (const part of Object.keys(parts)) {
    const file = path.join(outDir, folder.replaceAll('/', '-'), `mutation${part ? `-${part}` : ''}.json`);
    const ranNow = ran.has(`${folder}:${part}`);
    if (existsSync(file) && (ranNow || fromReports)) (scores[folder] ??= {})[part || 'all'] = summarize(file);
  }
}
writeFileSync(scoresFile, `${JSON.stringify(scores, null, 2)}\n`);

const rows = [];
const ignored = [];
const survivors = [];
for (const folder of Object.keys(folders)) {
  const { mutate, parts = { '': mutate } } = folders[folder];
  const names = Object.keys(parts).map((part) => part || 'all');
  const present = names.filter((part) => scores[folder]?.[part]);
  if (present.length === 0) continue;
  const count = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, Ignored: 0, Static: 0 };
  const dates = new Set();
  for (const part of present) {
    const kept = scores[folder][part];
    for (const key of Object.keys(count)) count[key] += kept.count[key] ?? 0;
    ignored.push(...kept.ignored);
    survivors.push(...kept.survivors);
    dates.add(kept.measured);
  }
  const detected = count.Killed + count.Timeout;
  const valid = detected + count.Survived + count.NoCoverage;
  const score = valid === 0 ? 100 : (100 * detected) / valid;
  const label = present.length < names.length ? `${folder} (${present.length} of ${names.length} parts)` : folder;
  rows.push({ folder: label, score, ...count, valid, measured: [...dates].sort().join(', ') });
}

const table = [
  '| folder | score | killed | timed out | survived | no coverage | equivalent (not counted) | static, not run | measured |',
  '|---|---|---|---|---|---|---|---|---|',
  ...rows.map(
    (r) =>
      `| \`${r.folder}\` | **${r.score.toFixed(1)} %** | ${r.Killed} | ${r.Timeout} | ${r.Survived} | ${r.NoCoverage} | ${r.Ignored} | ${r.Static} | ${r.measured} |`,
  ),
].join('\n');
const detail = [
  'Score = (killed + timed out) / (killed + timed out + survived + no coverage); each row is as of the date it gives',
  "(`docs/mutation-scores.json` keeps every part's last result).",
  '',
  table,
  '',
  `Equivalent mutants (marked in the source, not counted): ${ignored.length}`,
  '',
  '| where | mutant | why it is equivalent |',
  '|---|---|---|',
  ...ignored,
  '',
  `Surviving mutants (counted against the score): ${survivors.length}`,
  '',
  '| where | mutant | status |',
  '|---|---|---|',
  ...survivors,
].join('\n');

const docs = path.join(root, 'docs/testing.md');
const text = readFileSync(docs, 'utf8');
const start = '<!-- mutation:start (written by npm run mutation) -->';
const end = '<!-- mutation:end -->';
const from = text.indexOf(start);
const to = text.indexOf(end);
if (from < 0 || to < from) throw new Error(`docs/testing.md has no ${start} … ${end} block`);
writeFileSync(docs, `${text.slice(0, from + start.length)}\n${detail}\n${text.slice(to)}`);
console.log(`\n${table}\n\ndocs/testing.md updated; reports in ${path.relative(root, outDir)}/`);
const low = rows.filter((r) => r.score < threshold);
if (low.length > 0) {
  console.log(`below ${threshold} %: ${low.map((r) => r.folder).join(', ')}`);
  process.exitCode = 1;
}
