import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Account, UpdateMessengerInput } from '@/lib/schemas/account';
import type { Provider } from '@/lib/schemas/providers';
import { ApiError, apiFetch } from './api';
import { isUnconfirmed } from './describe-error';
import { accountKeys, accountPath } from './accounts';
import { settle } from './settle';

/*
 * A change that ended without a confirmed answer (a 504, an unreadable 2xx, the
 * console's server lost on the way): Vonage may still make it. The account is
 * read again after a short pause and again until two reads agree (at most
 * about 10 s), so the page ends showing what Vonage has, without a reload.
 */
const REREAD_PAUSES_MS = [1000, 1500, 2500, 4000];

async function rereadUntilSettled(qc: QueryClient, ws: string, provider: Provider, id: string): Promise<void> {
  const detail = accountKeys.detail(ws, provider, id);
  let last = JSON.stringify(qc.getQueryData(detail) ?? null);
  for (const pause of REREAD_PAUSES_MS) {
    await new Promise((r) => setTimeout(r, pause));
    // Stryker disable next-line BooleanLiteral: no query key extends an account's detail key, so a prefix match is the same
    await qc.refetchQueries({ queryKey: detail, exact: true });
    const now = JSON.stringify(qc.getQueryData(detail) ?? null);
    if (now === last && !qc.getQueryState(detail)?.error) break;
    last = now;
  }
  await qc.invalidateQueries({ queryKey: accountKeys.lists(ws) });
}

function afterFailure(qc: QueryClient, ws: string, provider: Provider, id: string, err: unknown) {
  const unknownOutcome = isUnconfirmed(err) || !(err instanceof ApiError);
  void settle(qc, ws, provider, id);
  if (unknownOutcome) void rereadUntilSettled(qc, ws, provider, id);
}

const linkApp = (ws: string, provider: Provider, id: string, applicationId: string) =>
  apiFetch<Account>(`${accountPath(ws, provider, id)}/applications`, { method: 'POST', body: { applicationId } });

const unlinkApp = (ws: string, provider: Provider, id: string, applicationId: string) =>
  apiFetch(`${accountPath(ws, provider, id)}/applications/${encodeURIComponent(applicationId)}`, { method: 'DELETE' });

export function useUpdateMessenger(ws: string, id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateMessengerInput) => apiFetch<Account>(accountPath(ws, 'messenger', id), { method: 'PATCH', body }),
    onSuccess: (account) => settle(qc, ws, 'messenger', id, account),
    onError: (err) => afterFailure(qc, ws, 'messenger', id, err),
  });
}

export function useDeleteMessenger(ws: string, id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch(accountPath(ws, 'messenger', id), { method: 'DELETE' }),
    onSuccess: () => settle(qc, ws, 'messenger', id, null),
    onError: (err) => afterFailure(qc, ws, 'messenger', id, err),
  });
}

export function useLinkApplication(ws: string, provider: Provider, id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (applicationId: string) => linkApp(ws, provider, id, applicationId),
    onSuccess: (account) => settle(qc, ws, provider, id, account),
    onError: (err) => afterFailure(qc, ws, provider, id, err),
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
    onError: (err) => afterFailure(qc, ws, provider, id, err),
  });
}

/** A replace that could not finish: `restored` says whether the old application is linked again. */
export class ReplaceError extends Error {
  override name = 'ReplaceError';
  constructor(
    readonly cause: unknown,
    readonly restored: boolean,
  ) {
    super(restored ? 'The new application was not linked; the old one is linked again.' : 'The account is left with no application.');
  }
}

/** Replace is one BFF operation (PUT …/applications); a failure says whether the old application is linked again. */
export async function replaceApplication(ws: string, provider: Provider, id: string, from: string, to: string): Promise<Account> {
  try {
    return await apiFetch<Account>(`${accountPath(ws, provider, id)}/applications`, {
      method: 'PUT',
      body: { applicationId: to, expectedCurrent: from },
    });
  } catch (err) {
    const restored = err instanceof ApiError ? err.problem?.restored : undefined;
    throw restored === undefined ? err : new ReplaceError(err, restored);
  }
}

export function useReplaceApplication(ws: string, provider: Provider, id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ from, to }: { from: string; to: string }) => replaceApplication(ws, provider, id, from, to),
    onSuccess: (account) => settle(qc, ws, provider, id, account),
    onError: (err) => afterFailure(qc, ws, provider, id, err instanceof ReplaceError ? err.cause : err),
  });
}
