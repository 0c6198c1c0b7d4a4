import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Account, CreateMessengerInput } from '@/lib/schemas/account';
import { apiFetch } from './api';
import { accountsPath } from './accounts';
import { settle } from './settle';

/** Its own module: the create page loads it without the other changes' code (page weight). */
export function useCreateMessenger(ws: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateMessengerInput) => apiFetch<Account>(`${accountsPath(ws)}/messenger`, { method: 'POST', body }),
    onSuccess: (account) => settle(qc, ws, 'messenger', account.externalId, account),
  });
}
