/** JSON shapes of accounts and applications as the upstream returns them. */
import type { StoredAccount, StoredApplication } from './types';

export function renderAccount(a: StoredAccount, apiKey: string) {
  return {
    external_id: a.external_id,
    api_key: apiKey,
    provider: a.provider,
    ...(a.name !== undefined ? { name: a.name } : {}),
    applications: [...a.applications],
    // Only Messenger accounts carry a token (a Facebook Page token).
    ...(a.provider === 'messenger' && a.access_token !== undefined ? { access_token: a.access_token } : {}),
  };
}

export function renderApplication(a: StoredApplication) {
  return {
    id: a.id,
    name: a.name,
    capabilities: a.capabilities,
    ...(a.keys ? { keys: { public_key: a.keys.public_key } } : {}),
    privacy: { improve_ai: false },
  };
}

/** Whether the External Accounts API may link this application (it must exist and have `messages`). */
export function isLinkable(a: StoredApplication | undefined): boolean {
  return a?.capabilities.messages !== undefined;
}

/** `?a=1&b=2` links on the simulator's own base; `prev` and `next` only when they exist. */
export function pageLinks(base: string, page: number, last: number, query: (page: number) => string): Record<string, { href: string }> {
  const href = (p: number) => ({ href: `${base}?${query(p)}` });
  return {
    self: href(page),
    first: href(1),
    last: href(last),
    ...(page > 1 ? { prev: href(page - 1) } : {}),
    ...(page < last ? { next: href(page + 1) } : {}),
  };
}
