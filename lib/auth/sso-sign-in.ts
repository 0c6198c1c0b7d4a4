import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Account, User as AuthUser } from 'next-auth';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import { getConfig, type SsoProvider } from '@/lib/config/load';
import { log } from '@/lib/log';
import { paths } from '@/lib/paths';
import type { Role } from '@/lib/schemas/roles';
import { personRow, upsertSsoPerson } from './people';
import { recordSessionEvent } from './sign-in-events';
import { decideSso, ssoFailureReason, type SsoRefusal } from './sso';

/** The person an accepted SSO sign-in gives next-auth (the interface the store's sessions take over). */
export interface SsoUser extends AuthUser {
  id: string;
  email: string;
  name: string;
  role: string;
  workspace: string | null;
  source: `sso:${string}`;
  /** Set instead of a role when the mapping refuses: the signIn callback turns it away. */
  refusal?: { code: SsoRefusal; reason: string };
}

/** One SSO callback request: its headers for the activity log, and why openid-client refused it, if it did. */
const callbackRequest = new AsyncLocalStorage<{ headers: Headers; reason: string | null; recorded: boolean }>();

/** next-auth's OAuth providers for the config's `sso` entries: code flow with PKCE, state and nonce; the person from the ID token. */
export function ssoAuthProviders(list: readonly SsoProvider[] = getConfig().sso): OAuthConfig<Record<string, unknown>>[] {
  return list.map((p) => ({
    id: p.id,
    name: p.name,
    type: 'oauth' as const,
    wellKnown: `${p.issuer}/.well-known/openid-configuration`,
    issuer: p.issuer,
    clientId: p.clientId,
    clientSecret: p.clientSecret,
    client: { token_endpoint_auth_method: 'client_secret_basic' },
    authorization: { params: { scope: 'openid email profile groups' } },
    idToken: true,
    checks: ['pkce', 'state', 'nonce'],
    profile(claims: Record<string, unknown>): SsoUser {
      const d = decideSso(p, claims);
      const base = { id: d.email || `unknown@${p.id}`, email: d.email, name: d.name, source: `sso:${p.id}` as const };
      return d.ok
        ? { ...base, role: d.role, workspace: d.workspace }
        : { ...base, role: 'none', workspace: null, refusal: { code: d.code, reason: d.reason } };
    },
  }));
}

function signInUrl(code: string, providerId: string): string {
  const q = new URLSearchParams({ error: code, provider: providerId });
  return `${paths.signIn()}?${q}`;
}

/** next-auth's signIn callback for an SSO sign-in: a refusal goes back to the sign-in page with its code; both are recorded. */
export async function ssoSignIn(user: AuthUser, account: Account): Promise<true | string> {
  const u = user as SsoUser;
  const store = callbackRequest.getStore();
  if (store) store.recorded = true;
  const headers = store?.headers;
  if (u.refusal) {
    log('warn', 'sso sign-in refused', { provider: account.provider, code: u.refusal.code });
    await recordSessionEvent('session.sign-in', { email: u.email }, 'denied', 403, headers, {
      provider: account.provider,
      reason: u.refusal.reason,
    });
    return signInUrl(u.refusal.code, account.provider);
  }
  // A person an admin disabled stays disabled, whatever their groups say.
  if ((await personRow(u.email))?.disabledAt) {
    log('warn', 'sso sign-in refused', { provider: account.provider, code: 'SsoDisabled' });
    await recordSessionEvent('session.sign-in', { email: u.email }, 'denied', 403, headers, {
      provider: account.provider,
      reason: 'disabled in the console',
    });
    return signInUrl('SsoDisabled', account.provider);
  }
  // The person is kept in the store with the role and workspace their groups give now; their session reads it there.
  const person = { email: u.email, name: u.name, role: u.role as Role, workspace: u.workspace };
  await upsertSsoPerson(person, account.provider);
  log('info', 'signed in', { email: u.email, role: u.role, via: account.provider });
  await recordSessionEvent('session.sign-in', { user: { ...person, source: `sso:${account.provider}` } }, 'ok', 200, headers, {
    provider: account.provider,
  });
  return true;
}

/** From next-auth's logger: why an SSO callback failed (state, nonce, issuer, audience…), kept for the activity log. */
export function noteSsoError(code: string, metadata: unknown): void {
  const store = callbackRequest.getStore();
  if (!store || !code.startsWith('OAUTH_CALLBACK')) return;
  const m = metadata as { error?: { message?: unknown }; message?: unknown } | undefined;
  store.reason = ssoFailureReason(String(m?.error?.message ?? m?.message ?? ''));
}

/**
 * Runs next-auth for an SSO callback request. When it sends the browser back
 * with an error that no signIn callback recorded (openid-client refused the
 * answer: a forged or replayed state, a wrong nonce, another issuer or
 * audience), the refusal is recorded here, with its reason.
 */
export async function runSsoCallback(providerId: string, headers: Headers, run: () => Promise<Response>): Promise<Response> {
  const store = { headers, reason: null as string | null, recorded: false };
  const res = await callbackRequest.run(store, run);
  const location = res.headers.get('location') ?? '';
  if (!store.recorded && /[?&]error=/.test(location)) {
    log('warn', 'sso sign-in refused', { provider: providerId, reason: store.reason ?? 'refused' });
    await recordSessionEvent('session.sign-in', { email: '' }, 'denied', 403, headers, {
      provider: providerId,
      reason: store.reason ?? 'the identity provider’s answer was refused',
    });
  }
  return res;
}

/** The refusal codes' provider name for the sign-in page. */
export function ssoProviderName(id: string | undefined): string {
  return getConfig().sso.find((p) => p.id === id)?.name ?? 'single sign-on';
}
