/** The bench's results: their shape, the budget check, and the markdown that goes into docs/performance.md. */
import type { ActivityFigures } from './activity';
import type { IndexFigures } from './account-index';
import type { SessionFigures } from './sessions';
import { round } from './stats';

export interface Side {
  p50Ms: number;
  p99Ms: number;
  rps: number;
  /** CPU the serving process spent per request: the simulator's when direct, the console's through the BFF. */
  cpuMsPerRequest?: number;
}

/** One operation at one concurrency: medians over the rounds, and the BFF's cost as paired per-round differences. */
export interface Pair {
  direct: Side;
  bff: Side;
  addedP50Ms: number;
  addedP99Ms: number;
  /** BFF throughput as a fraction of direct (median of the per-round ratios). */
  throughputRatio: number;
  rounds: number;
}

export type Operation = 'nextFloor' | 'list' | 'detail' | 'linkUnlink';
/** overhead[latency]['c16'].list; `nextFloor` only at 0 ms. */
export type Overhead = Record<string, Record<string, Partial<Record<Operation, Pair>>>>;

export interface FeelFigure {
  medianMs: number;
  samplesMs: number[];
}

/** One signed-in person's calls (one at a time), quiet and then during a flood of sign-in attempts. */
export interface SignInFlood {
  connections: number;
  seconds: number;
  rounds: number;
  quiet: Side;
  flooded: Side;
  /** Flooded p50 / quiet p50: the median of the per-round ratios. */
  floodedOverQuiet: number;
  /** The flood's attempts: password checked (401, a wrong password) or turned away at once (429). */
  signIns: { checked: number; refused: number; checkedPerSecond: number; checkedP50Ms: number; checkedP99Ms: number };
}

export interface Results {
  date: string;
  machine: { cpus: number; load: number; loadAfter: number; node: string; durationS: number };
  overhead: Overhead;
  pageWeightKiB: Record<string, number>;
  feelMs: {
    nextPagePaint: FeelFigure;
    linkConfirmed: FeelFigure;
    accountsLcp: FeelFigure & { element: string };
    accountsRowsPainted: FeelFigure;
    /** A first visit on a slow laptop and link (4× CPU slowdown, 150 ms, 1.6 Mbps): navigation → rows painted. */
    slowProfileRowsVisible?: FeelFigure;
  };
  scale: {
    accounts: number;
    concurrency: number;
    page1: Side;
    page5000: Side;
    page5000OverPage1: number;
    loadSeconds: number;
    consoleRssMB: number;
    consolePeakRssMB: number;
    consoleTreeRssMB: number;
    simulatorRssMB: number;
    simulatorPeakRssMB: number;
  };
  coldStartMs: number;
  coldStartSamplesMs: number[];
  signInFlood: SignInFlood;
  /** The activity log on each engine (bench/activity.ts). */
  activity: ActivityFigures[];
  /** The session check in the store, on each engine (bench/sessions.ts). */
  sessions?: SessionFigures[];
  /** The account index at 100,000 accounts, on each engine (bench/account-index.ts). */
  index?: IndexFigures[];
  budgets?: BudgetCheck[];
}

export interface Budgets {
  overhead: {
    concurrency: number;
    /** Our CPU per request (the console's, less Next's bare route handler in the same run), upstream 0 ms. */
    maxOwnCpuMsOverFloor: number;
    /** Throughput / direct with this upstream latency (every row of it: steady and with jitter). */
    upstreamLatencyMs: number;
    minThroughputRatioWithLatency: number;
    /** Added p50 at concurrency 1, upstream 0 ms. */
    maxAddedP50MsAtConcurrency1: number;
  };
  maxPageWeightKiB: number;
  feelMs: { maxNextPagePaint: number; maxAccountsLcp: number; maxAccountsRowsPainted: number; maxSlowProfileRowsVisible: number };
  scale: { maxPage5000OverPage1: number; maxConsoleRssMB: number };
  maxColdStartMs: number;
  signInFlood: { maxFloodedOverQuiet: number };
  activity: { maxRecordCpuMsPerLinkUnlink: number; maxFirstPageP50Ms: number };
  sessions: { maxCheckCpuMsPerRequest: number };
  index: { maxSearchP95Ms: number; maxOverviewP95Ms: number };
}

export interface BudgetCheck {
  name: string;
  value: number;
  limit: number;
  /** 'max': value must be ≤ limit; 'min': ≥ limit. */
  kind: 'max' | 'min';
  ok: boolean;
}

/** The operations the budget covers; `nextFloor` (Next's bare route handler) is reported as the floor. */
const OPS: Operation[] = ['list', 'detail', 'linkUnlink'];
const OP_NAMES: Record<Operation, string> = {
  nextFloor: "Next.js floor: `/api/health` vs the simulator's health",
  list: 'list page',
  detail: 'account detail',
  linkUnlink: 'link + unlink',
};

export function checkBudgets(r: Results, b: Budgets): BudgetCheck[] {
  const checks: BudgetCheck[] = [];
  const add = (name: string, value: number, limit: number, kind: 'max' | 'min' = 'max') =>
    checks.push({
      name,
      value: round(value),
      limit,
      kind,
      ok: Number.isFinite(value) && (kind === 'max' ? value <= limit : value >= limit),
    });
  const o = b.overhead;
  const c = `c${o.concurrency}`;
  const floor = r.overhead['0ms']?.[c]?.nextFloor?.bff.cpuMsPerRequest ?? NaN;
  for (const op of OPS) {
    const cpu = r.overhead['0ms']?.[c]?.[op]?.bff.cpuMsPerRequest ?? NaN;
    add(`our CPU per request over Next's floor, ${OP_NAMES[op]}, ${c}, upstream 0ms (ms)`, cpu - floor, o.maxOwnCpuMsOverFloor);
  }
  for (const op of OPS)
    add(
      `BFF adds at p50, ${OP_NAMES[op]}, c1, upstream 0ms (ms)`,
      r.overhead['0ms']?.c1?.[op]?.addedP50Ms ?? NaN,
      o.maxAddedP50MsAtConcurrency1,
    );
  const withLatency = Object.keys(r.overhead).filter((l) => parseFloat(l) === o.upstreamLatencyMs);
  if (!withLatency.length) withLatency.push(`${o.upstreamLatencyMs}ms`);
  for (const latency of withLatency)
    for (const op of OPS)
      add(
        `BFF throughput / direct, ${OP_NAMES[op]}, ${c}, upstream ${latency}`,
        r.overhead[latency]?.[c]?.[op]?.throughputRatio ?? NaN,
        o.minThroughputRatioWithLatency,
        'min',
      );
  for (const [page, kib] of Object.entries(r.pageWeightKiB)) add(`first-load JS, ${page} (KiB gzip)`, kib, b.maxPageWeightKiB);
  add('next page painted after the click (ms)', r.feelMs.nextPagePaint.medianMs, b.feelMs.maxNextPagePaint);
  add('LCP of the accounts page (ms)', r.feelMs.accountsLcp.medianMs, b.feelMs.maxAccountsLcp);
  add('accounts page: first rows painted, first visit (ms)', r.feelMs.accountsRowsPainted.medianMs, b.feelMs.maxAccountsRowsPainted);
  add(
    'accounts page: rows visible on the slow profile, from navigation (ms)',
    r.feelMs.slowProfileRowsVisible?.medianMs ?? NaN,
    b.feelMs.maxSlowProfileRowsVisible,
  );
  add('list page 5,000 / page 1 (p50)', r.scale.page5000OverPage1, b.scale.maxPage5000OverPage1);
  add('console RSS after the load (MB)', r.scale.consoleRssMB, b.scale.maxConsoleRssMB);
  add('cold start to the first 200 (ms)', r.coldStartMs, b.maxColdStartMs);
  add('signed-in latency under a sign-in flood / quiet (p50)', r.signInFlood.floodedOverQuiet, b.signInFlood.maxFloodedOverQuiet);
  for (const a of r.activity ?? []) {
    add(`activity: recording a link + unlink, CPU (ms), ${a.engine}`, 2 * a.recordCpuMs, b.activity.maxRecordCpuMsPerLinkUnlink);
    add(
      `activity: first page of ${a.events.toLocaleString('en')} events, p50 (ms), ${a.engine}`,
      a.firstPageP50Ms,
      b.activity.maxFirstPageP50Ms,
    );
  }
  for (const s of r.sessions ?? [])
    add(`session check in the store, CPU per request (ms), ${s.engine}`, s.steadyCpuMs, b.sessions.maxCheckCpuMsPerRequest);
  for (const x of r.index ?? []) {
    const at = `${x.accounts.toLocaleString('en')} accounts, ${x.engine}`;
    add(`index: peak upstream concurrency of a whole re-read, ${at}`, x.reread.peakConcurrency, x.concurrencyLimit);
    add(`index: search by part of a name, p95 (ms), ${at}`, x.searchP95Ms, b.index.maxSearchP95Ms);
    add(`index: overview, p95 (ms), ${at}`, x.overviewP95Ms, b.index.maxOverviewP95Ms);
  }
  return checks;
}

const f = (n: number) => (Number.isFinite(n) ? String(round(n)) : '–');
const pct = (n: number) => (Number.isFinite(n) ? `${Math.round(n * 100)} %` : '–');

export function markdown(r: Results, checks: BudgetCheck[]): string {
  const lines: string[] = [];
  lines.push(
    `Run of ${r.date}: ${r.machine.cpus} CPUs, load average ${r.machine.load} at the start and ${r.machine.loadAfter} at the end, ` +
      `Node ${r.machine.node}, ${Math.round(r.machine.durationS)} s in all. Latencies in ms (medians over the rounds), throughput in requests/s.`,
    '',
    '### BFF overhead (the same calls straight to the simulator vs through the console)',
    '',
    '| upstream latency | operation | conc. | direct p50 | BFF p50 | added p50 | direct p99 | BFF p99 | added p99 | direct req/s | BFF req/s | BFF / direct | simulator CPU ms/req | console CPU ms/req | ours over the floor |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  );
  for (const [latency, byConcurrency] of Object.entries(r.overhead))
    for (const op of ['nextFloor', ...OPS] as Operation[])
      for (const [c, at] of Object.entries(byConcurrency)) {
        const p = at[op];
        if (!p) continue;
        // Next's own cost per request (the floor row, same concurrency, measured at 0 ms only): what is left is ours.
        const floorCpu = r.overhead['0ms']?.[c]?.nextFloor?.bff.cpuMsPerRequest;
        const ours = op !== 'nextFloor' && floorCpu !== undefined ? (p.bff.cpuMsPerRequest ?? NaN) - floorCpu : NaN;
        lines.push(
          `| ${latency} | ${OP_NAMES[op]} | ${c.slice(1)} | ${f(p.direct.p50Ms)} | ${f(p.bff.p50Ms)} | ${f(p.addedP50Ms)} | ${f(p.direct.p99Ms)} | ${f(p.bff.p99Ms)} | ${f(p.addedP99Ms)} | ${f(p.direct.rps)} | ${f(p.bff.rps)} | ${pct(p.throughputRatio)} | ${f(p.direct.cpuMsPerRequest ?? NaN)} | ${f(p.bff.cpuMsPerRequest ?? NaN)} | ${f(ours)} |`,
        );
      }
  lines.push('', '### First-load JavaScript (gzip, as fetched by chromium)', '', '| page | KiB |', '|---|---|');
  for (const [page, kib] of Object.entries(r.pageWeightKiB)) lines.push(`| ${page} | ${f(kib)} |`);
  const feel = r.feelMs;
  lines.push(
    '',
    '### Feel (chromium, medians)',
    '',
    '| what | median ms | samples |',
    '|---|---|---|',
    `| click "Next" → next page's rows painted (prefetched) | ${f(feel.nextPagePaint.medianMs)} | ${feel.nextPagePaint.samplesMs.length} |`,
    `| click "Link" → linked application shown | ${f(feel.linkConfirmed.medianMs)} | ${feel.linkConfirmed.samplesMs.length} |`,
    `| accounts page LCP (first visit, empty cache; element: ${feel.accountsLcp.element}) | ${f(feel.accountsLcp.medianMs)} | ${feel.accountsLcp.samplesMs.length} |`,
    `| accounts page: first rows painted | ${f(feel.accountsRowsPainted.medianMs)} | ${feel.accountsRowsPainted.samplesMs.length} |`,
    ...(feel.slowProfileRowsVisible
      ? [
          `| accounts page on the slow profile (4× CPU slowdown, 150 ms, 1.6 Mbps): rows visible after navigation | ${f(feel.slowProfileRowsVisible.medianMs)} | ${feel.slowProfileRowsVisible.samplesMs.length} |`,
        ]
      : []),
  );
  const s = r.scale;
  lines.push(
    '',
    `### Scale (${s.accounts.toLocaleString('en')} accounts, through the BFF, concurrency ${s.concurrency}, ${s.loadSeconds} s of load)`,
    '',
    '| | p50 | p99 | req/s |',
    '|---|---|---|---|',
    `| page 1 | ${f(s.page1.p50Ms)} | ${f(s.page1.p99Ms)} | ${f(s.page1.rps)} |`,
    `| page 5,000 | ${f(s.page5000.p50Ms)} | ${f(s.page5000.p99Ms)} | ${f(s.page5000.rps)} |`,
    '',
    `Page 5,000 / page 1 (p50): ${f(s.page5000OverPage1)}. RSS after the load: console ${f(s.consoleRssMB)} MB (peak ${f(s.consolePeakRssMB)}; ` +
      `with its launcher ${f(s.consoleTreeRssMB)}), simulator ${f(s.simulatorRssMB)} MB (peak ${f(s.simulatorPeakRssMB)}).`,
    '',
    `### Cold start`,
    '',
    `Production console, spawn to the first 200 of \`/signin\`: ${f(r.coldStartMs)} ms (median of ${r.coldStartSamplesMs.length}: ${r.coldStartSamplesMs.map(f).join(', ')}).`,
    '',
    ...signInFloodLines(r.signInFlood),
    '',
    ...activityLines(r.activity ?? []),
    '',
    ...sessionLines(r.sessions ?? []),
    '',
    ...indexLines(r.index ?? []),
    '',
    '### Budgets (bench/budgets.json)',
    '',
    '| budget | value | limit | |',
    '|---|---|---|---|',
  );
  for (const c of checks)
    lines.push(`| ${c.name} | ${f(c.value)} | ${c.kind === 'max' ? '≤' : '≥'} ${c.limit} | ${c.ok ? 'met' : '**missed**'} |`);
  return lines.join('\n');
}

function signInFloodLines(fl: SignInFlood): string[] {
  const si = fl.signIns;
  return [
    `### Signed-in latency under a sign-in flood (${fl.connections} clients posting wrong passwords, ${fl.seconds} s in ${fl.rounds} rounds)`,
    '',
    '| one signed-in person, one call at a time (medians of the rounds) | p50 | p99 | req/s |',
    '|---|---|---|---|',
    `| quiet | ${f(fl.quiet.p50Ms)} | ${f(fl.quiet.p99Ms)} | ${f(fl.quiet.rps)} |`,
    `| during the flood | ${f(fl.flooded.p50Ms)} | ${f(fl.flooded.p99Ms)} | ${f(fl.flooded.rps)} |`,
    '',
    `Flooded / quiet (p50, median of the rounds' ratios): ${f(fl.floodedOverQuiet)}. The flood's attempts: ${si.checked} had their password checked ` +
      `(${f(si.checkedPerSecond)} a second; answered in ${f(si.checkedP50Ms)} ms p50, ${f(si.checkedP99Ms)} ms p99), ` +
      `${si.refused} were turned away at once with 429.`,
  ];
}

function activityLines(engines: ActivityFigures[]): string[] {
  return [
    '### The activity log (in-process, on the functions the BFF calls)',
    '',
    '| engine | events in the workspace | CPU per recorded event | wall per recorded event | first page p50 | first page p95 | filtered first page p50 |',
    '|---|---|---|---|---|---|---|',
    ...engines.map(
      (a) =>
        `| ${a.engine} | ${a.events.toLocaleString('en')} | ${f(a.recordCpuMs)} | ${f(a.recordWallMs)} | ${f(a.firstPageP50Ms)} | ${f(a.firstPageP95Ms)} | ${f(a.filteredFirstPageP50Ms)} |`,
    ),
    '',
    'A link + unlink records two events. PGlite runs PostgreSQL inside the console process, so its CPU is the console’s own;',
    'a PostgreSQL server does the same work in its own process.',
  ];
}

function sessionLines(engines: SessionFigures[]): string[] {
  return [
    '### The session check in the store (in-process, on the functions the BFF calls)',
    '',
    '| engine | CPU per request, 10 requests a second | CPU per check that reads the store | wall per check that reads the store |',
    '|---|---|---|---|',
    ...engines.map((s) => `| ${s.engine} | ${f(s.steadyCpuMs)} | ${f(s.uncachedCpuMs)} | ${f(s.uncachedWallMs)} |`),
    '',
    'Each instance keeps a session it read for 4 s (a sign-out elsewhere reaches it within that), and writes',
    '`last_seen_at` at most once a minute; a request more than 4 s after the last reads the store.',
  ];
}

function indexLines(engines: IndexFigures[]): string[] {
  return [
    '### The account index (in-process, on the functions the BFF calls; a workspace of generated accounts)',
    '',
    '| engine | accounts | whole re-read | upstream calls | peak upstream concurrency (limit) | search p50 / p95 | no-match search p95 | overview p50 / p95 |',
    '|---|---|---|---|---|---|---|---|',
    ...engines.map(
      (x) =>
        `| ${x.engine} | ${x.accounts.toLocaleString('en')} | ${f(x.reread.ms / 1000)} s | ${x.reread.calls} | ${x.reread.peakConcurrency} (${x.concurrencyLimit}) | ${f(x.searchP50Ms)} / ${f(x.searchP95Ms)} ms | ${f(x.searchNoMatchP95Ms)} ms | ${f(x.overviewP50Ms)} / ${f(x.overviewP95Ms)} ms |`,
    ),
  ];
}

export const DOC_START = '<!-- bench:start (written by npm run bench) -->';
export const DOC_END = '<!-- bench:end -->';

/** Replaces the generated part of docs/performance.md, keeping the prose around it. */
export function spliceDoc(doc: string, table: string): string {
  const block = `${DOC_START}\n${table}\n${DOC_END}`;
  const a = doc.indexOf(DOC_START);
  const b = doc.indexOf(DOC_END);
  if (a === -1 || b === -1 || b < a) return `${doc.trimEnd()}\n\n## Latest run\n\n${block}\n`;
  return doc.slice(0, a) + block + doc.slice(b + DOC_END.length);
}
