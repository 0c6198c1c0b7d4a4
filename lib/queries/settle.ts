import type { QueryClient } from '@tanstack/react-query';
import type { Account } from '@/lib/schemas/account';
import type { Provider } from '@/lib/schemas/providers';
import { accountKeys, indexKeys } from './accounts';
import { activityKeys } from './activity-keys';

/*
 * Every mutation ends the same way: the detail in the cache is set from the
 * answer (or refetched when the answer has none), and every list page of the
 * workspace is refreshed, whatever page or provider tab it was, and so are its
 * index views and its activity (the attempt is recorded whatever its outcome).
 */
export function settle(qc: QueryClient, ws: string, provider: Provider, id: string, account?: Account | null) {
  const detail = accountKeys.detail(ws, provider, id);
  if (account) qc.setQueryData(detail, account);
  else if (account === null) qc.removeQueries({ queryKey: detail });
  else void qc.invalidateQueries({ queryKey: detail });
  void qc.invalidateQueries({ queryKey: activityKeys.all(ws) });
  // The BFF updated the index from Vonage's answer: the overview, applications and search follow.
  void qc.invalidateQueries({ queryKey: indexKeys.all(ws) });
  return qc.invalidateQueries({ queryKey: accountKeys.lists(ws) });
}
