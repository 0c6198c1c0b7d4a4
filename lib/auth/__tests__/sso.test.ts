import { describe, expect, it } from 'vitest';
import { decideSso, ssoFailureReason, ssoRefusalMessage, type SsoRules } from '../sso';

const rules: SsoRules = {
  id: 'demo-sso',
  issuer: 'http://127.0.0.1:4011',
  groupsClaim: 'groups',
  map: [
    { group: 'acme-admins', role: 'customer', workspace: 'acme' },
    { group: 'support-staff', role: 'support', workspace: null },
    { group: 'everyone', role: 'viewer', workspace: null },
  ],
  requireMfa: false,
};
const claims = (extra: Record<string, unknown> = {}) => ({
  iss: rules.issuer,
  email: 'Pat@Demo.test',
  email_verified: true,
  name: 'Pat',
  groups: ['support-staff'],
  amr: ['pwd'],
  ...extra,
});

describe('decideSso', () => {
  it('maps the first entry whose group is in the groups claim', () => {
    expect(decideSso(rules, claims())).toEqual({ ok: true, email: 'pat@demo.test', name: 'Pat', role: 'support', workspace: null });
    expect(decideSso(rules, claims({ groups: ['everyone', 'acme-admins'] }))).toMatchObject({ role: 'customer', workspace: 'acme' });
    expect(decideSso(rules, claims({ groups: 'everyone' }))).toMatchObject({ ok: true, role: 'viewer' });
  });

  it('reads the configured groups claim', () => {
    expect(decideSso({ ...rules, groupsClaim: 'roles' }, claims({ roles: ['support-staff'], groups: [] }))).toMatchObject({
      role: 'support',
    });
  });

  it('refuses a person in no mapped group, or with no groups claim', () => {
    for (const groups of [['marketing'], [], undefined, 42])
      expect(decideSso(rules, claims({ groups }))).toMatchObject({ ok: false, code: 'SsoNoGroup', email: 'pat@demo.test' });
  });

  it('with requireMfa, refuses an amr without a second factor and accepts one with it', () => {
    const mfa = { ...rules, requireMfa: true };
    for (const amr of [['pwd'], [], undefined, 'pwd'])
      expect(decideSso(mfa, claims({ amr }))).toMatchObject({ ok: false, code: 'SsoNoMfa' });
    expect(decideSso(mfa, claims({ amr: ['pwd', 'otp'] }))).toMatchObject({ ok: true });
    expect(decideSso(mfa, claims({ amr: ['hwk'] }))).toMatchObject({ ok: true });
  });

  it('refuses a token from another issuer, and one without a verified email', () => {
    expect(decideSso(rules, claims({ iss: 'http://127.0.0.1:9999' }))).toMatchObject({ ok: false, code: 'SsoIssuer' });
    expect(decideSso(rules, claims({ email: undefined }))).toMatchObject({ ok: false, code: 'SsoNoEmail' });
    expect(decideSso(rules, claims({ email_verified: false }))).toMatchObject({ ok: false, code: 'SsoNoEmail' });
  });
});

describe('the words for a refusal', () => {
  it('names the provider in plain words', () => {
    expect(ssoRefusalMessage('SsoNoGroup', 'Demo SSO')).toBe(
      'Your account at Demo SSO is not in a group that may use this console. Ask your administrator.',
    );
    expect(ssoRefusalMessage('SsoNoMfa', 'Demo SSO')).toContain('second factor');
    expect(ssoRefusalMessage('OAuthSignin', 'single sign-on')).toMatch(/could not reach single sign-on/);
    expect(ssoRefusalMessage('CredentialsSignin', 'Demo SSO')).toBeNull();
  });

  it('reduces openid-client errors to a fixed reason without their values', () => {
    expect(ssoFailureReason('state mismatch, expected abc, got: xyz')).toMatch(/^state/);
    expect(ssoFailureReason('State cookie was missing.')).toMatch(/^state/);
    expect(ssoFailureReason('nonce mismatch, expected abc, got: xyz')).toBe('nonce mismatched');
    expect(ssoFailureReason('unexpected iss value, expected a, got: b')).toBe('ID token from another issuer');
    expect(ssoFailureReason('aud mismatch, expected a, got: b')).toBe('ID token for another audience');
    expect(ssoFailureReason('anything')).not.toContain('anything');
  });
});

describe('who the claims make', () => {
  it('trims and lowercases the email, and keeps the trimmed name, or the email when the name is blank', () => {
    expect(decideSso(rules, claims({ email: '  Pat@Demo.TEST ', name: '  Pat Doe  ' }))).toMatchObject({
      ok: true,
      email: 'pat@demo.test',
      name: 'Pat Doe',
    });
    for (const name of ['   ', '', undefined, 42])
      expect(decideSso(rules, claims({ name }))).toMatchObject({ ok: true, name: 'pat@demo.test' });
  });

  it('refuses an email without an @, and a non-string email, and names what it refused', () => {
    expect(decideSso(rules, claims({ email: 'pat.demo.test' }))).toEqual({
      ok: false,
      code: 'SsoNoEmail',
      email: 'pat.demo.test',
      name: 'Pat',
      reason: 'the ID token has no verified email',
    });
    expect(decideSso(rules, claims({ email: 7 }))).toMatchObject({ ok: false, code: 'SsoNoEmail', email: '' });
    expect(decideSso(rules, claims({ email_verified: undefined }))).toMatchObject({ ok: true });
  });

  it('reads only the strings of a groups or amr claim', () => {
    expect(decideSso(rules, claims({ groups: [42, 'support-staff'] }))).toMatchObject({ ok: true, role: 'support' });
    expect(decideSso(rules, claims({ groups: [{ toString: () => 'support-staff' }] }))).toMatchObject({ code: 'SsoNoGroup' });
    expect(decideSso({ ...rules, requireMfa: true }, claims({ amr: [7, 'pwd'] }))).toMatchObject({ code: 'SsoNoMfa' });
    expect(decideSso({ ...rules, requireMfa: true }, claims({ amr: 'otp' }))).toMatchObject({ ok: true });
  });

  it('says why, in the reason the activity log keeps', () => {
    expect(decideSso(rules, claims({ iss: 'http://elsewhere' }))).toMatchObject({
      reason: 'the ID token is from another issuer than the one configured',
    });
    expect(decideSso(rules, claims({ groups: ['marketing'] }))).toMatchObject({
      reason: 'no mapped group in the "groups" claim',
    });
    expect(decideSso({ ...rules, requireMfa: true }, claims({ amr: ['pwd'] }))).toMatchObject({
      reason: 'a second factor is required; amr was ["pwd"]',
    });
    expect(decideSso({ ...rules, requireMfa: true }, claims({ amr: ['pwd', 'pwd', 'pwd', 'pwd', 'pwd', 'pwd'] }))).toMatchObject({
      reason: 'a second factor is required; amr was ["pwd","pwd","pwd","pwd","pwd"]',
    });
  });
});

describe('every refusal code has its words', () => {
  it.each([
    [
      'SsoNoMfa',
      'This console needs a second factor (such as a one-time code) when you sign in with Demo SSO, and this sign-in had none. Sign in again with your second factor, or ask your administrator to set one up.',
    ],
    ['SsoDisabled', 'Your access to this console has been turned off. Ask your administrator.'],
    ['SsoNoEmail', 'Demo SSO did not tell the console a verified email address for your account. Ask your administrator.'],
    [
      'OAuthSignin',
      'The console could not reach Demo SSO to start the sign-in. Try again in a moment; if it goes on, ask your administrator.',
    ],
    ['SsoIssuer', 'Sign-in with Demo SSO did not complete and was refused. Start again from this page.'],
    ['OAuthCallback', 'Sign-in with Demo SSO did not complete and was refused. Start again from this page.'],
    ['Callback', 'Sign-in with Demo SSO did not complete and was refused. Start again from this page.'],
  ])('%s', (code, words) => {
    expect(ssoRefusalMessage(code, 'Demo SSO')).toBe(words);
  });

  it.each([
    ['PKCE verification failed', 'PKCE check failed'],
    ['code_verifier mismatch', 'PKCE check failed'],
    ['invalid code verifier', 'PKCE check failed'],
    ['JWT signature verification failed', 'ID token signature refused'],
    ['no matching key in jwks', 'ID token signature refused'],
    ['unexpected alg received', 'ID token signature refused'],
    ['JWT expired, now 5, exp 4', 'ID token expired or not yet valid'],
    ['iat in the future', 'ID token expired or not yet valid'],
    ['exp mismatch', 'ID token expired or not yet valid'],
    ['nbf in the future', 'ID token expired or not yet valid'],
    ['invalid_grant (grant request is invalid)', 'the identity provider refused the sign-in'],
    ['invalid_client', 'the identity provider refused the sign-in'],
    ['access_denied', 'the identity provider refused the sign-in'],
    ['OPError: server_error', 'the identity provider refused the sign-in'],
    ['unexpected issuer', 'ID token from another issuer'],
    ['wrong audience', 'ID token for another audience'],
    ['azp must be the client_id', 'ID token for another audience'],
    ['something else entirely', 'the identity provider’s answer was refused'],
    ['aiss', 'the identity provider’s answer was refused'],
    ['audit', 'the identity provider’s answer was refused'],
  ])('the reason for "%s"', (message, reason) => {
    expect(ssoFailureReason(message)).toBe(reason);
  });
});
