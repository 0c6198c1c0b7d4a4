import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Account, CreateMessengerInput, UpdateMessengerInput } from '@/lib/schemas/account';
import type { Provider } from '@/lib/schemas/providers';
import { apiFetch } from './api';
import { accountKeys, accountPath, accountsPath } from './accounts';
import { activityKeys } from './activity-keys';

/*
 * Every mutation ends the same way: the detail in the cache is set from the
 * answer (or refetched when the answer has none), and every list page of the
 * workspace is refreshed, whatever page or provider tab it was, and so is its
 * activity (the attempt is recorded whatever its outcome).
 */
function settle(qc: QueryClient, ws: string, provider: Provider, id: string, account?: Account | null) {
  const detail = accountKeys.detail(ws, provider, id);
  if (account) qc.setQueryData(detail, account);
  else if (account === null) qc.removeQueries({ queryKey: detail });
  else void qc.invalidateQueries({ queryKey: detail });
  void qc.invalidateQueries({ queryKey: activityKeys.all(ws) });
  return qc.invalidateQueries({ queryKey: accountKeys.lists(ws) });
}

const linkApp = (ws: string, provider: Provider, id: string, applicationId: string) =>
  apiFetch<Account>(`${accountPath(ws, provider, id)}/applications`, { method: 'POST', body: { applicationId } });

const unlinkApp = (ws: string, provider: Provider, id: string, applicationId: string) =>
  apiFetch(`${accountPath(ws, provider, id)}/applications/${encodeURIComponent(applicationId)}`, { method: 'DELETE' });

export function useCreateMessenger(ws: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateMessengerInput) => apiFetch<Account>(`${accountsPath(ws)}/messenger`, { method: 'POST', body }),
    onSuccess: (account) => settle(qc, ws, 'messenger', account.externalId, account),
  });
}

export function useUpdateMessenger(ws: string, id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateMessengerInput) => apiFetch<Account>(accountPath(ws, 'messenger', id), { method: 'PATCH', body }),
    onSuccess: (account) => settle(qc, ws, 'messenger', id, account),
    onError: () => settle(qc, ws, 'messenger', id),
  });
}

export function useDeleteMessenger(ws: string, id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch(accountPath(ws, 'messenger', id), { method: 'DELETE' }),
    onSuccess: () => settle(qc, ws, 'messenger', id, null),
    onError: () => settle(qc, ws, 'messenger', id),
  });
}

export function useLinkApplication(ws: string, provider: Provider, id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (applicationId: string) => linkApp(ws, provider, id, applicationId),
    onSuccess: (account) => settle(qc, ws, provider, id, account),
    onError: () => settle(qc, ws, provider, id),
  });
}

export function useUnlinkApplication(ws: string, provider: Provider, id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (applicationId: string) => unlinkApp(ws, provider, id, applicationId),
    onSuccess: (_: unknown, applicationId: string) => {
      qc.setQueryData<Account>(accountKeys.detail(ws, provider, id), (old) =>
        old ? { ...old, applications: old.applications.filter((a) => a !== applicationId) } : old,
      );
      return settle(qc, ws, provider, id);
    },
    onError: () => settle(qc, ws, provider, id),
  });
}

/** A replace that could not finish: `restored` says whether the old application is linked again. */
export class ReplaceError extends Error {
  override name = 'ReplaceError';
  constructor(
    readonly cause: unknown,
    readonly restored: boolean,
    readonly restoreError?: unknown,
  ) {
    super(restored ? 'The new application was not linked; the old one is linked again.' : 'The account is left with no application.');
  }
}

/** Vonage has no replace: unlink the old application, link the new one, and on failure link the old one again. */
export async function replaceApplication(ws: string, provider: Provider, id: string, from: string, to: string): Promise<Account> {
  await unlinkApp(ws, provider, id, from);
  try {
    return await linkApp(ws, provider, id, to);
  } catch (err) {
    try {
      await linkApp(ws, provider, id, from);
    } catch (restoreError) {
      throw new ReplaceError(err, false, restoreError);
    }
    throw new ReplaceError(err, true);
  }
}

export function useReplaceApplication(ws: string, provider: Provider, id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ from, to }: { from: string; to: string }) => replaceApplication(ws, provider, id, from, to),
    onSuccess: (account) => settle(qc, ws, provider, id, account),
    onError: () => settle(qc, ws, provider, id),
  });
}
