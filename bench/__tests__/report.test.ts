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

function results(
  over: { added?: number; kib?: number; rss?: number; cold?: number; flood?: number; recordCpu?: number; activityPage?: number } = {},
): Results {
  const p = pairOf(over.added ?? 0.5, 2, 0.9);
  return {
    date: '2026-11-27T00:00:00.000Z',
    machine: { cpus: 2, load: 1, loadAfter: 1, node: '20', durationS: 400 },
    overhead: { '0ms': { c16: { list: p, detail: p, linkUnlink: p, nextFloor: pairOf(9, 9, 0.1) } } },
    pageWeightKiB: { 'sign-in': 140, 'accounts list': over.kib ?? 150 },
    feelMs: {
      nextPagePaint: feel(40),
      linkConfirmed: feel(50),
      accountsLcp: { ...feel(200), element: 'h1: Accounts' },
      accountsRowsPainted: feel(300),
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
  it('are all met by figures inside every limit; the Next.js floor row is not budgeted', () => {
    const checks = checkBudgets(results(), budgets);
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    expect(checks.some((c) => c.name.includes('floor'))).toBe(false);
    expect(checks.length).toBe(9 + 2 + 2 + 2 + 1 + 1 + 2);
  });

  it('name each figure that goes over its limit', () => {
    const missed = checkBudgets(
      results({ added: 1.5, kib: 171, rss: 301, cold: 1501, flood: 2.1, recordCpu: 0.06, activityPage: 51 }),
      budgets,
    )
      .filter((c) => !c.ok)
      .map((c) => c.name);
    expect(missed).toEqual([
      'BFF adds at p50, list page, c16, upstream 0ms (ms)',
      'BFF adds at p50, account detail, c16, upstream 0ms (ms)',
      'BFF adds at p50, link + unlink, c16, upstream 0ms (ms)',
      'first-load JS, accounts list (KiB gzip)',
      'console RSS after the load (MB)',
      'cold start to the first 200 (ms)',
      'signed-in latency under a sign-in flood / quiet (p50)',
      'activity: recording a link + unlink, CPU (ms), pglite',
      'activity: first page of 100,000 events, p50 (ms), pglite',
    ]);
  });

  it('count a missing figure as missed, not as met', () => {
    const r = results();
    r.coldStartMs = Number.NaN;
    expect(checkBudgets(r, budgets).find((c) => c.name.startsWith('cold start'))?.ok).toBe(false);
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
