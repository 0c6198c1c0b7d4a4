import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { interactionPolicy } from 'oidc-provider';
import { readClients } from './clients';
import { loadKeys } from './keys';
import { checkTotp } from './otp';
import { errorPage, loginPage, otpPage } from './pages';
import { checkPassword, PEOPLE, type Person } from './people';

export interface IdpOptions {
  port: number;
  host?: string;
  clientsFile: string;
  /** Keeps the signing key and cookie keys across restarts; without it they are made afresh. */
  dataDir?: string;
  people?: readonly Person[];
}

const MAX_BODY = 8 * 1024;

/**
 * Every sign-in asks for the password (as `max_age=0` would): the demo keeps
 * no single sign-on session, so one browser can try one person after another.
 */
function askEveryTime() {
  const policy = interactionPolicy.base();
  policy
    .get('login')
    ?.checks.add(
      new interactionPolicy.Check('demo_asks_every_time', 'the demo identity provider asks at every sign-in', (ctx) =>
        ctx.oidc.result?.login ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT,
      ),
    );
  return policy;
}

function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > MAX_BODY) reject(new Error('body too large'));
    });
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });
}

/** The login pages' CSP: their forms post here, and the redirect that follows may go back to a client. */
function csp(formTargets: string): string {
  return `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${formTargets}; frame-ancestors 'none'`;
}

/** A real OpenID Connect provider (oidc-provider) with its own login pages, for the demo and the SSO tests. */
export async function startIdp(opts: IdpOptions): Promise<{ url: string; close: () => Promise<void> }> {
  const people = opts.people ?? PEOPLE;
  const clients = readClients(opts.clientsFile);
  const clientOrigins = [...new Set(clients.flatMap((c) => c.redirectUris.map((u) => new URL(u).origin)))].join(' ');
  const html = (res: ServerResponse, status: number, body: string) => {
    res.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': csp(clientOrigins),
    });
    res.end(body);
  };
  const keys = loadKeys(opts.dataDir);
  /** Interactions whose password was right and that wait for a one-time code: uid → email. */
  const awaitingOtp = new Map<string, string>();
  // Made once the port is known (port 0 picks one): the issuer names it.
  const ready: { provider?: Provider } = {};

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) html(res, 500, errorPage('Something went wrong. Start the sign-in again.'));
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const { provider } = ready;
    if (!provider) return html(res, 503, errorPage('Starting.'));
    const m = /^\/interaction\/([\w-]+)(?:\/(login|otp))?$/.exec((req.url ?? '').split('?')[0] ?? '');
    if (!m) return provider.callback()(req, res);
    const [, uid, step] = m as unknown as [string, string, 'login' | 'otp' | undefined];
    let details;
    try {
      details = await provider.interactionDetails(req, res);
    } catch {
      return html(res, 400, errorPage('This sign-in has expired or was opened in another browser. Start again from the application.'));
    }
    if (details.uid !== uid) return html(res, 400, errorPage('This sign-in does not match. Start again from the application.'));
    const clientId = String(details.params.client_id ?? '');
    if (req.method === 'GET' && !step) return html(res, 200, awaitingOtp.has(uid) ? otpPage(uid, {}) : loginPage(uid, { clientId }));
    if (req.method !== 'POST' || !step) return html(res, 405, errorPage('Not allowed.'));
    const form = await readForm(req);
    if (step === 'login') {
      const email = (form.get('email') ?? '').slice(0, 320);
      const person = checkPassword(people, email, (form.get('password') ?? '').slice(0, 1000));
      if (!person) return html(res, 200, loginPage(uid, { clientId, email, error: 'Wrong email or password.' }));
      if (person.totpSecret) {
        awaitingOtp.set(uid, person.email);
        return html(res, 200, otpPage(uid, {}));
      }
      return provider.interactionFinished(
        req,
        res,
        { login: { accountId: person.email, amr: ['pwd'] } },
        { mergeWithLastSubmission: false },
      );
    }
    const email = awaitingOtp.get(uid);
    const person = people.find((p) => p.email === email);
    if (!person?.totpSecret) return html(res, 400, errorPage('Enter your email and password first. Start again from the application.'));
    if (!checkTotp(person.totpSecret, form.get('code') ?? ''))
      return html(res, 200, otpPage(uid, { error: 'That code is not right. Try the current one.' }));
    awaitingOtp.delete(uid);
    return provider.interactionFinished(
      req,
      res,
      { login: { accountId: person.email, amr: ['pwd', 'otp'] } },
      { mergeWithLastSubmission: false },
    );
  }

  await new Promise<void>((resolve) => server.listen(opts.port, opts.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://${opts.host ?? '127.0.0.1'}:${port}`;

  const provider = new Provider(url, {
    clients: clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: c.redirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    })),
    jwks: { keys: [keys.signingKey] },
    cookies: { keys: keys.cookieKeys },
    // Authorization code with PKCE (S256) for every client, not only public ones.
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    // Seconds. A sign-in takes a minute or two; nothing here needs to outlive an hour.
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AuthorizationCode: 60, AccessToken: 600, IdToken: 600 },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}`, policy: askEveryTime() },
    scopes: ['openid', 'email', 'profile', 'groups'],
    claims: { openid: ['sub', 'amr'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    // The console reads the person from the ID token (its `profile()`), not from the userinfo endpoint.
    conformIdTokenClaims: false,
    findAccount: (_ctx, sub) => {
      const person = people.find((p) => p.email === sub);
      if (!person) return undefined;
      return {
        accountId: sub,
        claims: () => ({ sub, email: person.email, email_verified: true, name: person.name, groups: person.groups }),
      };
    },
    // Consent is granted for the configured clients: they are this organisation's own applications.
    loadExistingGrant: async (ctx) => {
      const { oidc } = ctx;
      if (!oidc.client || !oidc.session?.accountId) return undefined;
      const grantId = oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(oidc.client.clientId);
      if (grantId) return oidc.provider.Grant.find(grantId);
      const grant = new oidc.provider.Grant({ clientId: oidc.client.clientId, accountId: oidc.session.accountId });
      grant.addOIDCScope('openid email profile groups');
      await grant.save();
      return grant;
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage(`${out.error}: ${out.error_description ?? ''}`);
    },
  });
  provider.proxy = false;
  ready.provider = provider;

  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
