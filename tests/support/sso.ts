/*
 * Single sign-on driven with real requests, as a browser would: the console's
 * next-auth endpoints and an identity provider's pages, each with its own
 * cookie jar. Also an impostor identity provider that answers what a real one
 * would not (another issuer, another audience, a wrong nonce).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

export const IMPOSTOR_SSO = (port: number) => ({
  id: 'impostor',
  name: 'Impostor SSO',
  issuer: `http://127.0.0.1:${port}`,
  clientId: 'console-at-impostor',
  clientSecret: 'impostor-client-secret-0123456789',
  map: [{ group: 'support-staff', role: 'support' }],
});

export class Jar {
  private cookies = new Map<string, string>();
  take(res: Response): this {
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const i = pair.indexOf('=');
      const value = pair.slice(i + 1);
      if (/max-age=0|expires=Thu, 01 Jan 1970/i.test(c) || value === '') this.cookies.delete(pair.slice(0, i));
      else this.cookies.set(pair.slice(0, i), value);
    }
    return this;
  }
  get(name: string): string | undefined {
    return this.cookies.get(name);
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

const get = (url: string, jar: Jar) => fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } }).then((r) => (jar.take(r), r));
const post = (url: string, jar: Jar, fields: Record<string, string>) =>
  fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  }).then((r) => (jar.take(r), r));
const location = (res: Response, base: string) => new URL(res.headers.get('location') ?? '', base).href;

/** The console's sign-in start: next-auth's state, PKCE and nonce cookies in `console`, and the provider's authorize URL. */
export async function startSso(consoleUrl: string, providerId: string) {
  const console_ = new Jar();
  const csrf = await get(`${consoleUrl}/api/auth/csrf`, console_);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await post(`${consoleUrl}/api/auth/signin/${providerId}`, console_, { csrfToken, callbackUrl: `${consoleUrl}/` });
  return { console: console_, authorizeUrl: location(res, consoleUrl) };
}

/** Signs in at the demo identity provider (idp/): returns the callback URL it sends the browser to. */
export async function idpSignIn(authorizeUrl: string, person: { email: string; password?: string; otp?: () => string }) {
  const idp = new Jar();
  let res = await get(authorizeUrl, idp);
  let url = authorizeUrl;
  while (res.status >= 300 && res.status < 400) res = await get((url = location(res, url)), idp);
  const loginAction = /action="([^"]+\/login)"/.exec(await res.text())?.[1];
  if (!loginAction) throw new Error('no login form at the identity provider');
  url = new URL(loginAction, url).href;
  res = await post(url, idp, { email: person.email, password: person.password ?? 'demo' });
  if (res.status === 200) {
    const otpAction = /action="([^"]+\/otp)"/.exec(await res.text())?.[1];
    if (!otpAction || !person.otp) throw new Error('the identity provider refused the password or asked for a code');
    url = new URL(otpAction, url).href;
    res = await post(url, idp, { code: person.otp() });
  }
  const origin = new URL(authorizeUrl).origin;
  while (res.status >= 300 && res.status < 400) {
    const next = location(res, url);
    if (!next.startsWith(origin)) return next;
    res = await get((url = next), idp);
  }
  throw new Error(`the identity provider did not send the browser back (${res.status})`);
}

/** The console's callback with the browser's cookies: where it sends the browser, and whether a session was made. */
export async function finishSso(callbackUrl: string, console_: Jar, consoleUrl: string) {
  const res = await get(callbackUrl, console_);
  const made = res.headers.getSetCookie().some((c) => c.startsWith('next-auth.session-token=') && !/max-age=0/i.test(c));
  const session = made ? `next-auth.session-token=${console_.get('next-auth.session-token')}` : null;
  let where = location(res, consoleUrl);
  // next-auth's own error and sign-in endpoints only send the browser on to the sign-in page.
  for (let hops = 0; hops < 3 && /^\/api\/auth\/(error|signin)$/.test(new URL(where).pathname); hops++)
    where = location(await get(where, console_), consoleUrl);
  return { status: res.status, location: where, session };
}

/** A whole SSO sign-in through the demo identity provider. */
export async function ssoSignIn(consoleUrl: string, providerId: string, person: Parameters<typeof idpSignIn>[1]) {
  const { console: jar, authorizeUrl } = await startSso(consoleUrl, providerId);
  const callbackUrl = await idpSignIn(authorizeUrl, person);
  return { callbackUrl, jar, ...(await finishSso(callbackUrl, jar, consoleUrl)) };
}

export type ImpostorMode = 'honest' | 'other-issuer' | 'other-audience' | 'wrong-nonce';

/**
 * An OpenID provider at the issuer the config names for `impostor`, that
 * signs in anyone at once and then, as told, issues an ID token from another
 * issuer, for another audience, or with a nonce other than the one asked for.
 */
export async function startImpostor(port: number, clientId: string) {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'impostor', alg: 'RS256', use: 'sig' };
  const issuer = `http://127.0.0.1:${port}`;
  const state = { mode: 'honest' as ImpostorMode, nonce: '' };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    const json = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/.well-known/openid-configuration')
      return json({
        issuer,
        authorization_endpoint: `${issuer}/auth`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
      });
    if (url.pathname === '/jwks') return json({ keys: [jwk] });
    if (url.pathname === '/auth') {
      state.nonce = url.searchParams.get('nonce') ?? '';
      const back = new URL(url.searchParams.get('redirect_uri') ?? '');
      back.searchParams.set('code', 'impostor-code');
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      res.writeHead(302, { location: back.href });
      return res.end();
    }
    if (url.pathname === '/token') {
      req.resume();
      void new SignJWT({
        email: 'sso-support@demo.test',
        email_verified: true,
        name: 'Impostor',
        groups: ['support-staff'],
        amr: ['pwd', 'otp'],
        nonce: state.mode === 'wrong-nonce' ? 'not-the-nonce-asked-for' : state.nonce,
      })
        .setProtectedHeader({ alg: 'RS256', kid: 'impostor' })
        .setIssuer(state.mode === 'other-issuer' ? 'http://127.0.0.1:1/elsewhere' : issuer)
        .setAudience(state.mode === 'other-audience' ? 'another-client' : clientId)
        .setSubject('impostor-subject')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey)
        .then((idToken) => json({ access_token: 'impostor-access-token', token_type: 'Bearer', expires_in: 300, id_token: idToken }));
      return;
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setMode: (mode: ImpostorMode) => void (state.mode = mode),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A sign-in through the impostor: it sends the browser straight back to the console. */
export async function impostorSignIn(consoleUrl: string) {
  const { console: jar, authorizeUrl } = await startSso(consoleUrl, 'impostor');
  const back = await get(authorizeUrl, new Jar());
  const callbackUrl = location(back, authorizeUrl);
  return { callbackUrl, ...(await finishSso(callbackUrl, jar, consoleUrl)) };
}
