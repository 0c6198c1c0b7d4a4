import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InvitationInput, PeopleView, PersonChange } from '@/lib/schemas/people';
import { apiFetch } from './api';

export const peopleKeys = { all: ['people'] as const };

export interface MadeInvitation {
  id: string;
  email: string;
  role: string;
  workspace: string | null;
  expiresAt: string;
  link: string;
  mailed: boolean;
}

export function usePeople() {
  return useQuery({ queryKey: peopleKeys.all, queryFn: ({ signal }) => apiFetch<PeopleView>('/api/people', { signal }) });
}

export function useInvite() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: InvitationInput) => apiFetch<MadeInvitation>('/api/people/invitations', { method: 'POST', body }),
    onSettled: () => qc.invalidateQueries({ queryKey: peopleKeys.all }),
  });
}

const personPath = (email: string) => `/api/people/${encodeURIComponent(email)}`;

export function useChangePerson() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ email, change }: { email: string; change: PersonChange }) =>
      apiFetch<unknown>(personPath(email), { method: 'PATCH', body: change }),
    onSettled: () => qc.invalidateQueries({ queryKey: peopleKeys.all }),
  });
}

export function useRevokeSessions() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (email: string) => apiFetch(`${personPath(email)}/sessions`, { method: 'DELETE' }),
    onSettled: () => qc.invalidateQueries({ queryKey: peopleKeys.all }),
  });
}

/** Sign out everywhere: every session of mine ends, this one too. */
export function signOutEverywhere(): Promise<void> {
  return apiFetch('/api/me/sessions/revoke', { method: 'POST' });
}
