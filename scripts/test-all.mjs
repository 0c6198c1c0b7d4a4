#!/usr/bin/env node
/*
 * `npm test`: every test a newcomer must see pass — vitest (unit + integration
 * against the real simulator and a production console), Playwright in
 * Debian's chromium, and the cluster tests (two consoles behind nginx, when a
 * PostgreSQL server answers) — then one line `N passed, N failed` summing them all.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureChromium } from './chromium.mjs';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, '.data', 'test-results');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
mkdirSync(path.join(root, '.data', 'e2e-auth'), { recursive: true });
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' };

/** Seconds each suite took, printed before the sum (what makes CI slower or faster). */
const took = [];

function run(cmd, args, extraEnv = {}, label = cmd) {
  const started = Date.now();
  const { status } = spawnSync(path.join(root, 'node_modules', '.bin', cmd), args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...env, ...extraEnv },
  });
  took.push(`${label} ${Math.round((Date.now() - started) / 1000)} s`);
  return status;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

let passed = 0;
let failed = 0;
let skipped = 0;

// 1. vitest: unit and integration.
const vitestFile = path.join(out, 'vitest.json');
const vitestStatus = run(
  'vitest',
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestFile}`],
  {},
  'vitest (unit + integration)',
);
const v = readJson(vitestFile);
if (v) {
  passed += v.numPassedTests;
  failed += v.numFailedTests;
  skipped += v.numPendingTests + v.numTodoTests;
}
if (!v || (vitestStatus !== 0 && v.numFailedTests === 0)) failed += 1; // a crash counts as a failure

// 2. Playwright e2e in Debian's chromium.
if (ensureChromium(env)) {
  // A fresh data folder starts from the seed, so every run sees the same accounts.
  rmSync(path.join(root, '.data', 'e2e'), { recursive: true, force: true });
  const pwFile = path.join(out, 'playwright.json');
  const pwStatus = run('playwright', ['test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwFile });
  const p = readJson(pwFile);
  if (p) {
    passed += p.stats.expected;
    failed += p.stats.unexpected + p.stats.flaky;
    skipped += p.stats.skipped;
  }
  if (!p || (pwStatus !== 0 && p.stats.unexpected === 0)) failed += 1;
} else {
  failed += 1;
}

// 3. Two instances behind nginx on one PostgreSQL database (`npm run test:cluster`). Its setup skips every test,
// printing why, when no PostgreSQL server answers or nginx is missing and cannot be installed.
const clusterFile = path.join(out, 'cluster.json');
const clusterStatus = run(
  'vitest',
  ['run', '--config', 'vitest.cluster.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${clusterFile}`],
  {},
  'cluster',
);
const c = readJson(clusterFile);
if (c) {
  passed += c.numPassedTests;
  failed += c.numFailedTests;
  skipped += c.numPendingTests + c.numTodoTests;
}
if (!c || (clusterStatus !== 0 && c.numFailedTests === 0)) failed += 1;

console.log(`\ntime: ${took.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 ? 0 : 1);
