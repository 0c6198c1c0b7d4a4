import 'server-only';
import type { Workspace } from '@/lib/config/load';
import { log } from '@/lib/log';
import type { Account } from '@/lib/schemas/account';
import type { Provider } from '@/lib/schemas/providers';
import { linkApplication, readAccount, unlinkApplication } from './accounts';
import { UpstreamError } from './errors';
import { sleep } from './retry';

const SETTLE_READS = 3;
const SETTLE_PAUSE_MS = 500;

/** After a change nobody confirmed: read until Vonage answers (a few tries), or null. */
async function settledRead(ws: Workspace, provider: Provider, externalId: string): Promise<Account | null> {
  for (let i = 0; i < SETTLE_READS; i += 1) {
    await sleep(SETTLE_PAUSE_MS);
    try {
      return await readAccount(ws, provider, externalId);
    } catch {
      // Vonage still unsure or failing: try again after a pause.
    }
  }
  return null;
}

const failed = (e: unknown, restored: boolean): UpstreamError => {
  const err = e instanceof UpstreamError ? e : new UpstreamError('unreachable', 'replace failed');
  return new UpstreamError(err.kind, err.message, { ...err.extra, restored });
};

/** What replace did, step by step, for the activity log. */
export type ReplaceStep = { step: 'unlink' | 'link' | 'restore'; applicationId: string; outcome: 'ok' | 'failed' | 'unconfirmed' };

const outcomeOf = (e: unknown): ReplaceStep['outcome'] =>
  e instanceof UpstreamError && e.kind === 'unconfirmed' ? 'unconfirmed' : 'failed';

/** Links `old` again after a failed replace; true when it is linked again. */
async function restore(ws: Workspace, provider: Provider, externalId: string, old: string | null, steps: ReplaceStep[]): Promise<boolean> {
  if (old === null) return true;
  steps.push({ step: 'restore', applicationId: old, outcome: 'ok' });
  try {
    await linkApplication(ws, provider, externalId, old);
    return true;
  } catch (e) {
    steps.at(-1)!.outcome = outcomeOf(e);
    const now = await settledRead(ws, provider, externalId);
    return now?.applications.includes(old) ?? false;
  }
}

/**
 * Replace as one operation (product.md): 409 and nothing changed when the
 * linked application is not `expectedCurrent`; otherwise unlink it, link the
 * new one, and when that fails link the old one again. A link that cannot be
 * confirmed is read back first, so the old one is never restored over a new
 * one that landed, and the account is never left without what it had.
 */
export async function replaceApplication(
  ws: Workspace,
  provider: Provider,
  externalId: string,
  to: string,
  expectedCurrent: string | null,
  steps: ReplaceStep[] = [],
): Promise<Account> {
  const before = await readAccount(ws, provider, externalId);
  const current = before.applications[0] ?? null;
  if (current !== expectedCurrent) throw new UpstreamError('link_changed', 'linked application is not the expected one');
  if (current === to) return before;
  if (current !== null) {
    steps.push({ step: 'unlink', applicationId: current, outcome: 'ok' });
    try {
      await unlinkApplication(ws, provider, externalId, current);
    } catch (e) {
      steps.at(-1)!.outcome = outcomeOf(e);
      if (!(e instanceof UpstreamError && e.kind === 'unconfirmed')) throw failed(e, true);
      const now = await settledRead(ws, provider, externalId);
      if (now?.applications.includes(current)) throw failed(e, true);
      throw failed(e, await restore(ws, provider, externalId, current, steps));
    }
  }
  steps.push({ step: 'link', applicationId: to, outcome: 'ok' });
  try {
    return await linkApplication(ws, provider, externalId, to);
  } catch (e) {
    steps.at(-1)!.outcome = outcomeOf(e);
    if (e instanceof UpstreamError && e.kind === 'unconfirmed') {
      const now = await settledRead(ws, provider, externalId);
      if (now?.applications.includes(to)) {
        steps.at(-1)!.outcome = 'ok';
        return now;
      }
    }
    const restored = await restore(ws, provider, externalId, current, steps);
    log('warn', 'replace failed', { step: 'link', restored });
    throw failed(e, restored);
  }
}
