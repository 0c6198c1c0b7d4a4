import 'server-only';
import type { Workspace } from '@/lib/config/load';
import type { Provider } from '@/lib/schemas/providers';
import type { Account, AccountPage } from '@/lib/schemas/account';
import { log } from '@/lib/log';
import { vonageFetch } from './client';
import { UpstreamError } from './errors';
import { failFor, parseBody } from './answers';
import { itemLabel, rawAccountListSchema, rawAccountSchema, toAccount } from './raw';

function pageNumberOf(href: string | undefined): number | null {
  if (!href) return null;
  try {
    const n = Number(new URL(href, 'http://x').searchParams.get('page_number'));
    return Number.isInteger(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

export async function listAccounts(ws: Workspace, q: { provider?: Provider; page: number; pageSize: number }): Promise<AccountPage> {
  const body = await vonageFetch(
    {
      workspace: ws,
      method: 'GET',
      api: 'accounts',
      op: 'listAccounts',
      query: { provider: q.provider, page_number: q.page, page_size: q.pageSize },
    },
    (answer) => {
      if (answer.status !== 200) failFor(answer);
      return parseBody(answer, rawAccountListSchema);
    },
  );
  const items: Account[] = [];
  for (const [index, raw] of body._embedded.entries()) {
    const parsed = rawAccountSchema.safeParse(raw);
    if (parsed.success) items.push(toAccount(parsed.data));
    else log('warn', 'upstream list item skipped: not an account', itemLabel(raw, index));
  }
  const links = body._links ?? {};
  return {
    items,
    page: q.page,
    pageSize: q.pageSize,
    hasPrev: Boolean(links.prev),
    hasNext: Boolean(links.next),
    lastPage: pageNumberOf(links.last?.href),
  };
}

export async function getAccount(ws: Workspace, provider: Exclude<Provider, 'rcs'>, externalId: string): Promise<Account> {
  return vonageFetch({ workspace: ws, method: 'GET', api: 'accounts', op: 'getAccount', segments: [provider, externalId] }, (answer) => {
    if (answer.status !== 200) failFor(answer);
    return toAccount(parseBody(answer, rawAccountSchema));
  });
}

export async function createMessengerAccount(
  ws: Workspace,
  input: { externalId: string; accessToken: string; name?: string; applicationId?: string },
): Promise<Account> {
  return vonageFetch(
    {
      workspace: ws,
      method: 'POST',
      api: 'accounts',
      op: 'createMessengerAccount',
      segments: ['messenger'],
      body: {
        external_id: input.externalId,
        access_token: input.accessToken,
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.applicationId ? { applications: [input.applicationId] } : {}),
      },
    },
    (answer) => {
      if (answer.status !== 201 && answer.status !== 200) failFor(answer, input.applicationId ? { 403: 'application_not_linkable' } : {});
      return toAccount(parseBody(answer, rawAccountSchema));
    },
  );
}

export async function updateMessengerAccount(
  ws: Workspace,
  externalId: string,
  input: { name?: string; accessToken?: string },
): Promise<Account> {
  return vonageFetch(
    {
      workspace: ws,
      method: 'PATCH',
      api: 'accounts',
      op: 'updateMessengerAccount',
      segments: ['messenger', externalId],
      body: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.accessToken !== undefined ? { access_token: input.accessToken } : {}),
      },
    },
    (answer) => {
      if (answer.status !== 200) failFor(answer);
      return toAccount(parseBody(answer, rawAccountSchema));
    },
  );
}

export async function deleteMessengerAccount(ws: Workspace, externalId: string): Promise<void> {
  await vonageFetch(
    { workspace: ws, method: 'DELETE', api: 'accounts', op: 'deleteMessengerAccount', segments: ['messenger', externalId] },
    (answer) => {
      if (answer.status !== 204 && answer.status !== 200) failFor(answer);
    },
  );
}

export async function linkApplication(ws: Workspace, provider: Provider, externalId: string, applicationId: string): Promise<Account> {
  return vonageFetch(
    {
      workspace: ws,
      method: 'POST',
      api: 'accounts',
      op: 'linkApplication',
      segments: [provider, externalId, 'applications'],
      body: { application: applicationId },
    },
    (answer) => {
      if (answer.status !== 200) failFor(answer, { 403: 'application_not_linkable', 409: 'already_linked' });
      return toAccount(parseBody(answer, rawAccountSchema));
    },
  );
}

export async function unlinkApplication(ws: Workspace, provider: Provider, externalId: string, applicationId: string): Promise<void> {
  await vonageFetch(
    {
      workspace: ws,
      method: 'DELETE',
      api: 'accounts',
      op: 'unlinkApplication',
      segments: [provider, externalId, 'applications', applicationId],
    },
    (answer) => {
      if (answer.status !== 204 && answer.status !== 200) failFor(answer, { 403: 'not_linked', 409: 'not_linked' });
    },
  );
}

/** RCS has no single-account read: its list is searched, 100 a page, this many pages at most. */
const RCS_PAGES = 20;

/** One account as Vonage has it; RCS has no single read, so its list is searched. */
export async function readAccount(ws: Workspace, provider: Provider, externalId: string): Promise<Account> {
  if (provider !== 'rcs') return getAccount(ws, provider, externalId);
  for (let page = 1; page <= RCS_PAGES; page += 1) {
    const list = await listAccounts(ws, { provider, page, pageSize: 100 });
    const found = list.items.find((a) => a.externalId === externalId);
    if (found) return found;
    if (!list.hasNext) break;
  }
  throw new UpstreamError('not_found', 'no such RCS account');
}
