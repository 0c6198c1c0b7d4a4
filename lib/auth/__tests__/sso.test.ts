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
