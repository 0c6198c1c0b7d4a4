import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBudgets, DOC_END, DOC_START, markdown, spliceDoc, type Budgets, type Pair, type Results } from '../report';
import { median, percentile } from '../stats';

const budgets = JSON.parse(readFileSync(path.join(import.meta.dirname, '..', 'budgets.json'), 'utf8')) as Budgets;

const pairOf = (addedP50Ms: number, addedP99Ms: number, throughputRatio: number): Pair => ({
  direct: { p50Ms: 50, p99Ms: 60, rps: 300 },
  bff: { p50Ms: 50 + addedP50Ms, p99Ms: 60 + addedP99Ms, rps: 300 * throughputRatio },
  addedP50Ms,
  addedP99Ms,
  throughputRatio,
  rounds: 5,
});
const feel = (medianMs: number) => ({ medianMs, samplesMs: [medianMs] });

type Over = {
  added?: number;
  cpu?: number;
  ratio?: number;
  kib?: number;
  rows?: number;
  slow?: number;
  rss?: number;
  cold?: number;
  flood?: number;
  recordCpu?: number;
  activityPage?: number;
};

function results(over: Over = {}): Results {
  const withCpu = (pr: Pair, cpuMsPerRequest: number): Pair => ({ ...pr, bff: { ...pr.bff, cpuMsPerRequest } });
  // Next's floor costs 1 ms of CPU a request; the BFF's routes 1 + `cpu`.
  const p = withCpu(pairOf(9, 20, 0.05), 1 + (over.cpu ?? 0.2));
  const c1 = pairOf(over.added ?? 0.5, 2, 0.3);
  const slow = pairOf(20, 30, over.ratio ?? 0.85);
  return {
    date: '2026-11-27T00:00:00.000Z',
    machine: { cpus: 2, load: 1, loadAfter: 1, node: '20', durationS: 400 },
    overhead: {
      '0ms': {
        c1: { list: c1, detail: c1, linkUnlink: c1, nextFloor: pairOf(0.4, 3, 0.1) },
        c16: { list: p, detail: p, linkUnlink: p, nextFloor: withCpu(pairOf(9, 9, 0.1), 1) },
      },
      '50ms': { c16: { list: slow, detail: slow, linkUnlink: slow } },
      '50±20ms': { c16: { list: slow, detail: slow, linkUnlink: pairOf(20, 30, 0.85) } },
    },
    pageWeightKiB: { 'sign-in': 140, 'accounts list': over.kib ?? 150 },
    feelMs: {
      nextPagePaint: feel(40),
      linkConfirmed: feel(50),
      accountsLcp: { ...feel(200), element: 'h1: Accounts' },
      accountsRowsPainted: feel(over.rows ?? 200),
      slowProfileRowsVisible: feel(over.slow ?? 900),
    },
    scale: {
      accounts: 100_000,
      concurrency: 16,
      page1: { p50Ms: 10, p99Ms: 20, rps: 500 },
      page5000: { p50Ms: 11, p99Ms: 21, rps: 490 },
      page5000OverPage1: 1.1,
      loadSeconds: 60,
      consoleRssMB: over.rss ?? 250,
      consolePeakRssMB: 260,
      consoleTreeRssMB: 300,
      simulatorRssMB: 180,
      simulatorPeakRssMB: 190,
    },
    coldStartMs: over.cold ?? 600,
    coldStartSamplesMs: [600],
    signInFlood: {
      connections: 16,
      seconds: 10,
      rounds: 5,
      quiet: { p50Ms: 1.5, p99Ms: 4, rps: 600 },
      flooded: { p50Ms: 1.5 * (over.flood ?? 1.4), p99Ms: 9, rps: 450 },
      floodedOverQuiet: over.flood ?? 1.4,
      signIns: { checked: 200, refused: 3000, checkedPerSecond: 20, checkedP50Ms: 700, checkedP99Ms: 900 },
    },
    activity: [
      {
        engine: 'pglite',
        events: 100_000,
        recordCpuMs: over.recordCpu ?? 0.04,
        recordWallMs: 1,
        firstPageP50Ms: over.activityPage ?? 20,
        firstPageP95Ms: 30,
        filteredFirstPageP50Ms: 25,
      },
    ],
  };
}

describe('budgets', () => {
  it('are all met by figures inside every limit; the Next.js floor row is budgeted only as what ours is measured over', () => {
    const checks = checkBudgets(results(), budgets);
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    expect(checks.some((c) => c.name.includes('Next.js floor'))).toBe(false);
    // CPU over the floor and added p50 at c1 for 3 operations, throughput at 50 ms and 50 ± 20 ms for 3; 2 pages;
    // 4 feel figures; 2 scale; cold start; flood; 2 activity.
    expect(checks.length).toBe(3 + 3 + 6 + 2 + 4 + 2 + 1 + 1 + 2);
  });

  it('name each figure that goes over its limit', () => {
    const missed = checkBudgets(
      results({
        added: 0.9,
        cpu: 0.35,
        ratio: 0.79,
        kib: 171,
        rows: 251,
        slow: 1001,
        rss: 301,
        cold: 1501,
        flood: 2.1,
        recordCpu: 0.06,
        activityPage: 51,
      }),
      budgets,
    )
      .filter((c) => !c.ok)
      .map((c) => c.name);
    expect(missed).toEqual([
      "our CPU per request over Next's floor, list page, c16, upstream 0ms (ms)",
      "our CPU per request over Next's floor, account detail, c16, upstream 0ms (ms)",
      "our CPU per request over Next's floor, link + unlink, c16, upstream 0ms (ms)",
      'BFF adds at p50, list page, c1, upstream 0ms (ms)',
      'BFF adds at p50, account detail, c1, upstream 0ms (ms)',
      'BFF adds at p50, link + unlink, c1, upstream 0ms (ms)',
      'BFF throughput / direct, list page, c16, upstream 50ms',
      'BFF throughput / direct, account detail, c16, upstream 50ms',
      'BFF throughput / direct, link + unlink, c16, upstream 50ms',
      'BFF throughput / direct, list page, c16, upstream 50±20ms',
      'BFF throughput / direct, account detail, c16, upstream 50±20ms',
      'first-load JS, accounts list (KiB gzip)',
      'accounts page: first rows painted, first visit (ms)',
      'accounts page: rows visible on the slow profile, from navigation (ms)',
      'console RSS after the load (MB)',
      'cold start to the first 200 (ms)',
      'signed-in latency under a sign-in flood / quiet (p50)',
      'activity: recording a link + unlink, CPU (ms), pglite',
      'activity: first page of 100,000 events, p50 (ms), pglite',
    ]);
  });

  it('hold the account index to its limits on each engine: concurrency, search and overview', () => {
    const index = (engine: 'pglite' | 'postgres', peak: number, search: number, overview: number) => ({
      engine,
      accounts: 100_000,
      concurrencyLimit: 4,
      reread: { ok: true, ms: 13_000, calls: 1001, peakConcurrency: peak, accounts: 100_000 },
      rereadRssGrowthMB: 1,
      searchP50Ms: search / 2,
      searchP95Ms: search,
      searchNoMatchP95Ms: search,
      overviewP50Ms: overview / 2,
      overviewP95Ms: overview,
    });
    const r = { ...results(), index: [index('pglite', 5, 51, 20), index('postgres', 4, 30, 101)] };
    const checks = checkBudgets(r, budgets).filter((c) => c.name.startsWith('index:'));
    expect(checks).toHaveLength(6);
    expect(checks.filter((c) => !c.ok).map((c) => c.name)).toEqual([
      'index: peak upstream concurrency of a whole re-read, 100,000 accounts, pglite',
      'index: search by part of a name, p95 (ms), 100,000 accounts, pglite',
      'index: overview, p95 (ms), 100,000 accounts, postgres',
    ]);
    expect(markdown(r, checks)).toContain('| postgres | 100,000 | 13 s | 1001 | 4 (4) |');
  });

  it('count a missing figure as missed, not as met', () => {
    const r = results();
    r.coldStartMs = Number.NaN;
    delete r.feelMs.slowProfileRowsVisible;
    delete r.overhead['0ms']!.c16!.nextFloor;
    const missed = checkBudgets(r, budgets).filter((c) => !c.ok);
    expect(missed.map((c) => c.name)).toContain('cold start to the first 200 (ms)');
    expect(missed.map((c) => c.name)).toContain('accounts page: rows visible on the slow profile, from navigation (ms)');
    expect(missed.filter((c) => c.name.startsWith('our CPU'))).toHaveLength(3);
  });

  it('measure our CPU against the floor of the same run', () => {
    const cpu = checkBudgets(results({ cpu: 0.25 }), budgets).find((c) => c.name.startsWith("our CPU per request over Next's floor, list"));
    expect(cpu).toMatchObject({ value: 0.25, limit: 0.3, ok: true });
  });
});

describe('docs/performance.md', () => {
  it('replaces only the generated block and keeps the prose around it', () => {
    const doc = `# Performance\n\nWhy.\n\n${DOC_START}\nold table\n${DOC_END}\n\n## Floors\n\nMore.\n`;
    const out = spliceDoc(doc, 'new table');
    expect(out).toBe(`# Performance\n\nWhy.\n\n${DOC_START}\nnew table\n${DOC_END}\n\n## Floors\n\nMore.\n`);
  });

  it('states the date, the load and every budget in the table', () => {
    const r = results({ kib: 171 });
    const md = markdown(r, checkBudgets(r, budgets));
    expect(md).toContain('2026-11-27');
    expect(md).toContain('load average 1');
    expect(md).toContain('| first-load JS, accounts list (KiB gzip) | 171 | ≤ 170 | **missed** |');
    expect(md).toContain('| signed-in latency under a sign-in flood / quiet (p50) | 1.4 | ≤ 2 | met |');
    expect(md).toContain('3000 were turned away at once with 429');
    expect(md).toContain('| 0ms | list page | 16 | 50 | 59 | 9 | 60 | 80 | 20 | 300 | 15 | 5 % | – | 1.2 | 0.2 |');
  });
});

describe('stats', () => {
  it('nearest-rank percentiles and medians', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([Number.NaN, 5])).toBe(5);
  });
});
