import 'server-only';
import type { Workspace } from '@/lib/config/load';
import { store } from '@/lib/db/client';
import type { Account } from '@/lib/schemas/account';
import type { Provider } from '@/lib/schemas/providers';
import { getAccount, readAccount } from '@/lib/vonage/accounts';
import { UpstreamError } from '@/lib/vonage/errors';
import { keepIndex } from './keep';
import { findAccount, readStates } from './store';
import { toIndexedAccount } from './rows';

/**
 * An account for its detail page. Messenger, WhatsApp and Viber are read from
 * Vonage (and the index follows what it says). RCS has no single read: it
 * comes from the index, and only a workspace never indexed yet scans the list.
 */
export async function accountForView(ws: Workspace, provider: Provider, externalId: string): Promise<Account> {
  if (provider !== 'rcs') {
    try {
      const account = await getAccount(ws, provider, externalId);
      await keepIndex.seen(ws, account);
      return account;
    } catch (e) {
      if (e instanceof UpstreamError && e.kind === 'not_found') await keepIndex.gone(ws, provider, externalId);
      throw e;
    }
  }
  const { db } = await store();
  if ((await readStates(db, [ws.id])).get(ws.id)?.asOf) {
    const row = await findAccount(db, ws.id, provider, externalId);
    if (!row) throw new UpstreamError('not_found', 'no such RCS account in the index');
    return toIndexedAccount(row);
  }
  const account = await readAccount(ws, provider, externalId);
  await keepIndex.seen(ws, account);
  return account;
}
