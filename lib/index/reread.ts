import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Workspace } from '@/lib/config/load';
import { store } from '@/lib/db/client';
import { env } from '@/lib/env';
import { log } from '@/lib/log';
import { listAccounts } from '@/lib/vonage/accounts';
import { listApplications } from '@/lib/vonage/applications';
import { UpstreamError } from '@/lib/vonage/errors';
import { Limiter } from './limiter';
import { endLease, putAccounts, putApplications, settleIndex, sweep, takeLease } from './store';

const PAGE = 100;
/** A lease outlives any read that goes well; one left by a stopped instance runs out after this. */
const LEASE_MS = 10 * 60_000;
/** A 429 is waited out (its Retry-After, at most this long) this many times per page before the read gives up. */
const MAX_RETRY_AFTER_S = 60;
const MAX_429_PER_PAGE = 5;

export interface ReadResult {
  workspace: string;
  ok: boolean;
  /** `busy`: another instance holds the lease; nothing was read here. */
  skipped?: 'busy';
  accounts: number;
  applications: number;
  calls: number;
  peakConcurrency: number;
  ms: number;
  error?: string;
}

const slot = globalThis as typeof globalThis & { indexOwner?: string; indexReads?: Map<string, Promise<ReadResult>> };
const owner = (slot.indexOwner ??= `${process.pid}-${randomUUID()}`);
const running = (slot.indexReads ??= new Map());

/** What a call of a read that has already failed elsewhere throws instead of asking Vonage. */
class ReadStopped extends Error {
  constructor() {
    super('the re-read stopped');
  }
}

/** One whole read of a workspace's accounts and applications, 100 a page, at most `concurrency` calls at once. */
class Reader {
  readonly limiter: Limiter;
  private pausedUntil = 0;
  /** Set on the first failure, kept in `failure`: no caller of this read asks Vonage again, and pauses end at once. */
  stopped = false;
  failure: unknown;
  private wakers = new Set<() => void>();
  accounts = 0;
  applications = 0;

  constructor(
    private readonly ws: Workspace,
    concurrency: number,
  ) {
    this.limiter = new Limiter(concurrency);
  }

  /** Stops the read on its first failure (later ones, and the ReadStopped they cause, are not the cause). */
  stop(e: unknown): void {
    if (this.stopped || e instanceof ReadStopped) return;
    this.stopped = true;
    this.failure = e;
    for (const wake of [...this.wakers]) wake();
  }

  /** A pause that `stop` ends early. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakers.add(done);
    });
  }

  /** One upstream call under the limit; a 429 pauses every caller of this read for its Retry-After, then tries again. */
  private async call<T>(fn: () => Promise<T>): Promise<T> {
    for (let tries = 0; ; tries += 1) {
      const wait = this.pausedUntil - Date.now();
      if (wait > 0 && !this.stopped) await this.pause(wait);
      try {
        // Checked once the limiter lets the call go: it may have waited behind the call that failed.
        return await this.limiter.run(() => (this.stopped ? Promise.reject(new ReadStopped()) : fn()));
      } catch (e) {
        if (!(e instanceof UpstreamError && e.kind === 'rate_limited') || tries >= MAX_429_PER_PAGE) throw e;
        const seconds = Math.min(MAX_RETRY_AFTER_S, Math.max(1, e.extra.retryAfterSeconds ?? 1));
        this.pausedUntil = Math.max(this.pausedUntil, Date.now() + seconds * 1000);
      }
    }
  }

  /** Pages 2…last by a pool of workers once page 1 told how many there are. */
  private async pages(last: number, read: (page: number) => Promise<void>, width: number) {
    let next = 2;
    const worker = async () => {
      try {
        while (next <= last && !this.stopped) await read(next++);
      } catch (e) {
        this.stop(e);
        throw e;
      }
    };
    // Every worker ends before this does, the ones still reading a page when another failed included.
    await Promise.allSettled(Array.from({ length: Math.min(width, Math.max(0, last - 1)) }, worker));
    if (this.stopped) throw this.failure;
  }

  async readAccounts(width: number) {
    const { db } = await store();
    const page = async (n: number) => {
      const p = await this.call(() => listAccounts(this.ws, { page: n, pageSize: PAGE }));
      await putAccounts(db, this.ws.id, p.items);
      this.accounts += p.items.length;
      return p;
    };
    const first = await page(1);
    if (first.lastPage !== null) return this.pages(first.lastPage, async (n) => void (await page(n)), width);
    // No `last` link: the pages can only be followed one by one.
    for (let n = 2, p = first; p.hasNext; n += 1) p = await page(n);
  }

  async readApplications(width: number) {
    const { db } = await store();
    const page = async (n: number) => {
      const p = await this.call(() => listApplications(this.ws, { page: n, pageSize: PAGE }));
      await putApplications(db, this.ws.id, p.items);
      this.applications += p.items.length;
      return p;
    };
    const first = await page(1);
    await this.pages(first.totalPages, async (n) => void (await page(n)), width);
  }
}

async function readWhole(ws: Workspace, concurrency: number): Promise<ReadResult> {
  const started = Date.now();
  const { db } = await store();
  const base = { workspace: ws.id, accounts: 0, applications: 0, calls: 0, peakConcurrency: 0, ms: 0 };
  if (!(await takeLease(db, ws.id, owner, LEASE_MS))) return { ...base, ok: false, skipped: 'busy' };
  const readStart = new Date();
  const reader = new Reader(ws, concurrency);
  let error: string | undefined;
  try {
    // Accounts and applications side by side, under the one limit. The first failure stops both, and the read
    // ends only once neither has a call left in flight: nothing reaches Vonage, or the index, after the lease is
    // given back.
    const sides = [reader.readAccounts(concurrency), reader.readApplications(concurrency)].map((side) =>
      side.catch((e: unknown) => reader.stop(e)),
    );
    await Promise.all(sides);
    if (reader.stopped) throw reader.failure;
    await sweep(db, ws.id, readStart);
  } catch (e) {
    // Stopped early: nothing is marked gone, and the index's "as of" stays the last whole read's.
    error = e instanceof UpstreamError ? e.kind : e instanceof Error ? e.message : String(e);
  }
  if (reader.accounts + reader.applications > 0)
    await settleIndex(db).catch((e: unknown) =>
      log('warn', 'index not analysed', { workspace: ws.id, error: e instanceof Error ? e.message : String(e) }),
    );
  const result: ReadResult = {
    ...base,
    ok: !error,
    accounts: reader.accounts,
    applications: reader.applications,
    calls: reader.limiter.calls,
    peakConcurrency: reader.limiter.peak,
    ms: Date.now() - started,
    ...(error ? { error } : {}),
  };
  await endLease(db, ws.id, owner, { ...result, readStart }).catch((e: unknown) =>
    log('error', 'index lease not released', { workspace: ws.id, error: e instanceof Error ? e.message : String(e) }),
  );
  log(error ? 'warn' : 'info', 'index re-read', { ...result });
  return result;
}

/** True while this process re-reads the workspace. */
export const isReading = (workspace: string) => running.has(workspace);

/** Re-reads a workspace now; a read of it already running in this process is joined, not repeated. */
export function reread(ws: Workspace, concurrency = env().INDEX_CONCURRENCY): Promise<ReadResult> {
  let read = running.get(ws.id);
  if (!read) {
    read = readWhole(ws, concurrency).finally(() => running.delete(ws.id));
    running.set(ws.id, read);
  }
  return read;
}
