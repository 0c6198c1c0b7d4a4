import { expect, request, test, type APIRequestContext, type BrowserContext, type Page } from '@playwright/test';
import { accountRows, auth, GOOD_PASSWORD, invitedPerson, signInAs, signInWith, uniqueEmail } from './support';

/*
 * Sessions that end (docs/security.md A31) and throttled guessing (A30), in
 * the browser. Only sessions made here are ended, and only emails of these
 * tests' own are locked out (a shared demo user would be locked for 15 minutes).
 */

const ACCOUNTS = '/api/workspaces/globex/accounts';

/** The session cookie of a browser, in a client of its own that is not a browser: a copy as an attacker would hold it. */
async function copyOfCookies(context: BrowserContext, baseURL: string): Promise<APIRequestContext> {
  return request.newContext({ baseURL, storageState: { cookies: await context.cookies(), origins: [] } });
}

async function signedIn(context: BrowserContext, email: string, password: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto('/signin');
  await signInWith(page, email, password);
  await expect(page).toHaveURL(/\/w\/globex\/accounts$/);
  await expect(accountRows(page).first()).toBeVisible();
  return page;
}

test('a cookie copied before sign-out gets 401 after it', async ({ browser, baseURL }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/signin');
  await signInAs(page, 'owner@globex.test');
  await expect(accountRows(page).first()).toBeVisible();
  const copy = await copyOfCookies(context, baseURL!);
  expect((await copy.get(ACCOUNTS)).status()).toBe(200);

  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/signin/);
  const after = await copy.get(ACCOUNTS);
  expect(after.status()).toBe(401);
  expect(after.headers()['content-type']).toContain('application/problem+json');
  expect((await copy.get('/w/globex/accounts', { maxRedirects: 0 })).status()).not.toBe(200);
  await copy.dispose();
  await context.close();
});

test('“Sign out everywhere” in the header ends the person’s other browsers and copied cookies too', async ({ browser, baseURL }) => {
  // A person of this test's own: signing out everywhere must not end a stored state's session.
  const admin = await browser.newContext({ storageState: auth('admin') });
  const first = await browser.newContext();
  const email = await invitedPerson(first.request, admin.request, 'Eve Everywhere', 'customer', 'globex');
  await admin.close();
  const second = await browser.newContext();
  const here = await signedIn(first, email, GOOD_PASSWORD);
  const there = await signedIn(second, email, GOOD_PASSWORD);
  const copy = await copyOfCookies(second, baseURL!);
  expect((await copy.get(ACCOUNTS)).status()).toBe(200);

  await here.getByRole('button', { name: 'Sign out everywhere', exact: true }).click();
  await expect(here).toHaveURL(/\/signin/);

  expect((await copy.get(ACCOUNTS)).status()).toBe(401);
  expect((await second.request.get(ACCOUNTS)).status()).toBe(401);
  await there.reload();
  await expect(there).toHaveURL(/\/signin/);
  await copy.dispose();
  await first.close();
  await second.close();
});

/** Posts a sign-in as next-auth's own form does (its CSRF token first); answers the response. */
async function postSignIn(api: APIRequestContext, email: string, password: string) {
  const { csrfToken } = (await (await api.get('/api/auth/csrf')).json()) as { csrfToken: string };
  return api.post('/api/auth/callback/credentials', { form: { email, password, csrfToken, json: 'true' } });
}

const LOCKED = 'Too many failed sign-ins for this email. Try again in 15 minutes.';

test('six wrong passwords for one email are refused with Retry-After, while another person signs in normally', async ({
  browser,
  baseURL,
}) => {
  const admin = await browser.newContext({ storageState: auth('admin') });
  const guesser = await browser.newContext();
  const email = await invitedPerson(guesser.request, admin.request, 'Tom Throttled', 'customer', 'globex');

  const page = await guesser.newPage();
  await page.goto('/signin');
  const alert = page.getByRole('alert').filter({ hasText: /sign-in/i });
  const attempt = async (password: string) => {
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/auth/callback/credentials'));
    await signInWith(page, email, password);
    const res = await answer;
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeEnabled();
    return res;
  };
  for (let i = 1; i <= 5; i++) {
    expect((await attempt(`wrong-password-${i}`)).status()).toBe(401);
    await expect(alert).toHaveText('Sign-in failed. Check the email and password.');
  }
  // The sixth guess, while another person signs in in a browser of their own at the same moment: they get in.
  const other = await browser.newContext();
  const theirs = await other.newPage();
  await theirs.goto('/signin');
  const [sixth] = await Promise.all([
    attempt('wrong-password-6'),
    (async () => {
      await signInAs(theirs, 'owner@globex.test');
      await expect(theirs).toHaveURL(/\/w\/globex\/accounts$/);
      await expect(accountRows(theirs).first()).toBeVisible();
    })(),
  ]);
  await other.close();
  expect(sixth.status()).toBe(429);
  const retryAfter = Number(sixth.headers()['retry-after']);
  expect(retryAfter).toBeGreaterThan(14 * 60);
  expect(retryAfter).toBeLessThanOrEqual(15 * 60);
  await expect(alert).toHaveText(LOCKED);
  await expect(page).toHaveURL(/\/signin/);

  // Refused whatever the password, the right one too, before it is read.
  const right = await postSignIn(guesser.request, email, GOOD_PASSWORD);
  expect(right.status()).toBe(429);
  expect(Number(right.headers()['retry-after'])).toBeGreaterThan(0);
  expect((await right.json()).detail).toBe(LOCKED);

  // An email that does not exist gets the very same answers: nothing tells the two apart.
  const nobody = uniqueEmail('nobody', 'nowhere.test');
  const api = await request.newContext({ baseURL: baseURL! });
  for (let i = 1; i <= 5; i++) {
    const res = await postSignIn(api, nobody, `guess-${i}`);
    expect(res.status()).toBe(401);
  }
  const refused = await postSignIn(api, nobody, 'guess-6');
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()['retry-after'])).toBeGreaterThan(14 * 60);
  const body = (await refused.json()) as { detail: string; title: string; status: number };
  expect(body).toMatchObject({ detail: LOCKED, title: 'Too many sign-in attempts', status: 429 });
  const known = (await (await postSignIn(api, email, 'wrong-password-7')).json()) as typeof body;
  expect({ detail: known.detail, title: known.title, status: known.status }).toEqual({
    detail: body.detail,
    title: body.title,
    status: body.status,
  });
  await api.dispose();

  // Staff see the guesses and the refusals in the activity log.
  const seen = await admin.request.get(`/api/activity?target=${encodeURIComponent(email)}&outcome=denied`);
  expect(seen.status()).toBe(200);
  const statuses = ((await seen.json()) as { items: { action: string; status: number }[] }).items.map((e) => `${e.action} ${e.status}`);
  expect(statuses.filter((x) => x === 'session.sign-in 401')).toHaveLength(5);
  expect(statuses.filter((x) => x === 'session.sign-in 429').length).toBeGreaterThanOrEqual(3);
  await admin.close();
  await guesser.close();
});
