import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totp } from '../otp';
import { PEOPLE } from '../people';
import { startIdp } from '../server';
import { CLIENT, follow, form, Jar, pkce, REDIRECT } from './flow';

let idp: Awaited<ReturnType<typeof startIdp>>;

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'idp-'));
  const clientsFile = path.join(dir, 'clients.json');
  writeFileSync(clientsFile, JSON.stringify({ clients: [{ ...CLIENT, redirectUris: [REDIRECT] }] }));
  idp = await startIdp({ port: 0, clientsFile, dataDir: dir });
});
afterAll(() => idp.close());

/** Starts a sign-in as the console would and returns the login form's interaction path. */
async function begin(jar: Jar, opts: { pkce?: boolean } = {}) {
  const p = pkce();
  const q = new URLSearchParams({
    client_id: CLIENT.clientId,
    response_type: 'code',
    scope: 'openid email profile groups',
    redirect_uri: REDIRECT,
    state: 'st',
    nonce: 'n-0S6',
    ...(opts.pkce === false ? {} : { code_challenge: p.challenge, code_challenge_method: 'S256' }),
  });
  const res = await follow(jar, `${idp.url}/auth?${q}`);
  const html = res.status === 200 ? await res.text() : '';
  const action = /action="(\/interaction\/[^"]+\/login)"/.exec(html)?.[1];
  return { res, action, verifier: p.verifier };
}

async function code(res: Response): Promise<string> {
  const loc = new URL(res.headers.get('location') ?? '');
  expect(loc.searchParams.get('state')).toBe('st');
  return loc.searchParams.get('code') ?? '';
}

async function idToken(c: string, verifier: string) {
  const res = await fetch(`${idp.url}/token`, {
    ...form({ grant_type: 'authorization_code', code: c, redirect_uri: REDIRECT, code_verifier: verifier }),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${CLIENT.clientId}:${CLIENT.clientSecret}`).toString('base64')}`,
    },
  });
  expect(res.status).toBe(200);
  const { id_token } = (await res.json()) as { id_token: string };
  const { payload } = await jwtVerify(id_token, createRemoteJWKSet(new URL(`${idp.url}/jwks`)), {
    issuer: idp.url,
    audience: CLIENT.clientId,
  });
  return payload;
}

describe('the demo identity provider', () => {
  it('signs a person in with email and password: the ID token has email, name, groups and amr ["pwd"]', async () => {
    const jar = new Jar();
    const { action, verifier } = await begin(jar);
    expect(action).toBeDefined();
    const done = await follow(jar, `${idp.url}${action}`, form({ email: 'sso-support@demo.test', password: 'demo' }));
    const claims = await idToken(await code(done), verifier);
    expect(claims).toMatchObject({
      sub: 'sso-support@demo.test',
      email: 'sso-support@demo.test',
      name: PEOPLE[0]!.name,
      groups: ['support-staff'],
      amr: ['pwd'],
      nonce: 'n-0S6',
    });
  });

  it('asks again at the next sign-in in the same browser (no single sign-on session): one person after another', async () => {
    const jar = new Jar();
    const first = await begin(jar);
    await follow(jar, `${idp.url}${first.action}`, form({ email: 'sso-outsider@demo.test', password: 'demo' }));
    const second = await begin(jar);
    expect(second.action).toBeDefined();
    const done = await follow(jar, `${idp.url}${second.action}`, form({ email: 'sso-support@demo.test', password: 'demo' }));
    expect((await idToken(await code(done), second.verifier)).email).toBe('sso-support@demo.test');
  });

  it('refuses a wrong password, and an unknown email, with the form again', async () => {
    for (const [email, password] of [
      ['sso-support@demo.test', 'nope'],
      ['nobody@demo.test', 'demo'],
    ] as const) {
      const jar = new Jar();
      const { action } = await begin(jar);
      const res = await follow(jar, `${idp.url}${action}`, form({ email, password }));
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('Wrong email or password.');
    }
  });

  it('asks a person with a second factor for a one-time code; then amr is ["pwd", "otp"]', async () => {
    const jar = new Jar();
    const { action, verifier } = await begin(jar);
    const step = await follow(jar, `${idp.url}${action}`, form({ email: 'sso-mfa@demo.test', password: 'demo' }));
    const otpAction = /action="(\/interaction\/[^"]+\/otp)"/.exec(await step.text())?.[1];
    expect(otpAction).toBeDefined();
    const wrong = await follow(jar, `${idp.url}${otpAction}`, form({ code: '000000' === totp('JBSWY3DPEHPK3PXP') ? '111111' : '000000' }));
    expect(await wrong.text()).toContain('That code is not right.');
    const done = await follow(jar, `${idp.url}${otpAction}`, form({ code: totp('JBSWY3DPEHPK3PXP') }));
    const claims = await idToken(await code(done), verifier);
    expect(claims.amr).toEqual(['pwd', 'otp']);
  });

  it('requires PKCE', async () => {
    const { res } = await begin(new Jar(), { pkce: false });
    expect(res.headers.get('location')).toContain('error=invalid_request');
  });

  it('does not answer for a redirect URI it does not know', async () => {
    const res = await fetch(
      `${idp.url}/auth?client_id=${CLIENT.clientId}&response_type=code&scope=openid&redirect_uri=${encodeURIComponent('https://evil.example/cb')}`,
      { redirect: 'manual' },
    );
    expect(res.status).toBe(400);
  });
});
