import 'server-only';
import type { Role } from '@/lib/schemas/roles';

/** What the mapping needs of a provider (lib/config/load.ts's SsoProvider). */
export interface SsoRules {
  id: string;
  issuer: string;
  groupsClaim: string;
  map: readonly { group: string; role: Role; workspace: string | null }[];
  requireMfa: boolean;
}

export type SsoRefusal = 'SsoNoEmail' | 'SsoNoGroup' | 'SsoNoMfa' | 'SsoIssuer' | 'SsoDisabled';

export type SsoDecision =
  | { ok: true; email: string; name: string; role: Role; workspace: string | null }
  | { ok: false; code: SsoRefusal; email: string; name: string; reason: string };

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];

/**
 * Who an ID token's claims make of a person, or why they are refused: the
 * first map entry whose group is in the groups claim gives the role (and the
 * workspace of a customer role); no entry, no entry; with `requireMfa`, an
 * `amr` that names nothing besides a password is refused (docs/security.md, A36).
 */
export function decideSso(rules: SsoRules, claims: Record<string, unknown>): SsoDecision {
  const rawEmail = typeof claims.email === 'string' ? claims.email.trim().toLowerCase().slice(0, 320) : '';
  const name = (typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim() : rawEmail).slice(0, 100);
  const refuse = (code: SsoRefusal, reason: string): SsoDecision => ({ ok: false, code, email: rawEmail, name, reason });
  // openid-client has checked iss against the issuer's discovery document; this also holds it to the configured one.
  if (claims.iss !== rules.issuer) return refuse('SsoIssuer', 'the ID token is from another issuer than the one configured');
  if (!rawEmail || !rawEmail.includes('@') || claims.email_verified === false)
    return refuse('SsoNoEmail', 'the ID token has no verified email');
  const groups = new Set(strings(claims[rules.groupsClaim]));
  const entry = rules.map.find((m) => groups.has(m.group));
  if (!entry) return refuse('SsoNoGroup', `no mapped group in the "${rules.groupsClaim}" claim`);
  const amr = strings(claims.amr);
  if (rules.requireMfa && !amr.some((m) => m !== 'pwd'))
    return refuse('SsoNoMfa', `a second factor is required; amr was ${JSON.stringify(amr.slice(0, 5))}`);
  return { ok: true, email: rawEmail, name, role: entry.role, workspace: entry.workspace };
}

/** The words a person reads on the sign-in page for a refusal (`/signin?error=<code>`). */
export function ssoRefusalMessage(code: string, providerName: string): string | null {
  switch (code) {
    case 'SsoNoGroup':
      return `Your account at ${providerName} is not in a group that may use this console. Ask your administrator.`;
    case 'SsoNoMfa':
      return `This console needs a second factor (such as a one-time code) when you sign in with ${providerName}, and this sign-in had none. Sign in again with your second factor, or ask your administrator to set one up.`;
    case 'SsoDisabled':
      return `Your access to this console has been turned off. Ask your administrator.`;
    case 'SsoNoEmail':
      return `${providerName} did not tell the console a verified email address for your account. Ask your administrator.`;
    case 'OAuthSignin':
      return `The console could not reach ${providerName} to start the sign-in. Try again in a moment; if it goes on, ask your administrator.`;
    case 'SsoIssuer':
    case 'OAuthCallback':
    case 'Callback':
      return `Sign-in with ${providerName} did not complete and was refused. Start again from this page.`;
    default:
      return null;
  }
}

/**
 * A short, fixed reason for the activity log from openid-client's or
 * next-auth's error, which can quote the state or nonce it compared.
 */
export function ssoFailureReason(message: string): string {
  if (/state/i.test(message)) return 'state missing or mismatched (forged or replayed callback)';
  if (/nonce/i.test(message)) return 'nonce mismatched';
  if (/\biss\b|issuer/i.test(message)) return 'ID token from another issuer';
  if (/\baud\b|audience|azp/i.test(message)) return 'ID token for another audience';
  if (/pkce|code_verifier|code verifier/i.test(message)) return 'PKCE check failed';
  if (/signature|jwks|alg/i.test(message)) return 'ID token signature refused';
  if (/expired|iat|exp\b|nbf/i.test(message)) return 'ID token expired or not yet valid';
  if (/invalid_grant|invalid_client|access_denied|OPError/i.test(message)) return 'the identity provider refused the sign-in';
  return 'the identity provider’s answer was refused';
}
