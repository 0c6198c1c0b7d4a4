import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import type { FaultConfig } from '../simulator/types';

/** The demo's simulator for this run (playwright.config.ts starts it). */
export const SIMULATOR = `http://127.0.0.1:${process.env.E2E_SIMULATOR_PORT ?? 4917}`;

export const auth = (role: 'support' | 'viewer' | 'acme' | 'globex' | 'admin') => `.data/e2e-auth/${role}.json`;

export async function setFaults(faults: FaultConfig) {
  const res = await fetch(`${SIMULATOR}/_sim/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(faults),
  });
  expect(res.status).toBe(200);
}

export async function clearFaults() {
  await fetch(`${SIMULATOR}/_sim/faults`, { method: 'DELETE' });
}

/** Signs in through the real sign-in page (demo password). */
export async function signInAs(page: Page, email: string) {
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill('demo');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Back to the seed: every test file starts from the same accounts and links. */
export async function resetSimulator() {
  const res = await fetch(`${SIMULATOR}/_sim/reset`, { method: 'POST' });
  expect(res.ok).toBe(true);
}

/** Upstream path of an account, for fault scripts. */
export const upstreamPath = (provider: string, id: string) => `/beta/chatapp-accounts/${provider}/${id}`;

/** No serious or critical accessibility violation on the page as it is now. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad).toEqual([]);
}

/** Moves focus with the Tab key alone until `target` has it. */
export async function tabTo(page: Page, target: Locator, max = 60) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target}`);
}

/** The announcement region of the console (Next's route announcer is also an alert, so scope to ours). */
export const notifications = (page: Page) => page.getByRole('region', { name: 'Notifications' });

/** Rows of the accounts table (in the DOM at every width; on a phone the cards are what shows). */
export const accountRows = (page: Page) => page.locator('table:has(caption#accounts-caption) tbody tr');

/** The button that opens a Messenger account's rename / rotate-token form. */
export const editButton = (page: Page) => page.getByRole('button', { name: 'Rename or rotate token' });

/** Opens the edit form; its first field takes the focus. */
export async function openEditForm(page: Page) {
  await editButton(page).click();
  await expect(page.getByLabel('Name', { exact: true })).toBeFocused();
}

/**
 * The bodies of every script the page has fetched so far, to tell whether a
 * piece of code came with it (a body that can no longer be read counts as empty).
 */
export function scriptBodies(page: Page) {
  const bodies: Promise<string>[] = [];
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script') bodies.push(r.text().catch(() => ''));
  });
  return {
    /** Whether a script fetched so far contains `text`. */
    some: async (text: string) => (await Promise.all(bodies)).some((b) => b.includes(text)),
  };
}

/** A password no list of common ones holds, for people invited by a test. */
export const GOOD_PASSWORD = 'Plum-Harbour-Kettle-42';

/** An email no other test (nor run) uses: a person of this test alone. */
export const uniqueEmail = (who: string, domain = 'acme.test') => `${who}-${Date.now()}-${Math.floor(Math.random() * 1000)}@${domain}`;

/** Signs in through the real sign-in page with a password of the test's choosing. */
export async function signInWith(page: Page, email: string, password: string) {
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Invites someone through the BFF as the signed-in manager of `request`; answers the one-time link. */
export async function invite(request: APIRequestContext, body: { email: string; role: string; workspace?: string }): Promise<string> {
  const res = await request.post('/api/people/invitations', { headers: { 'x-csrf': '1' }, data: body });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { link: string }).link;
}

/** The token of an invitation link (`/invite#<token>`). */
export const tokenOf = (link: string) => new URL(link).hash.slice(1);

/** Uses an invitation through the BFF (no browser), choosing GOOD_PASSWORD. */
export async function accept(request: APIRequestContext, link: string, name: string) {
  const res = await request.post('/api/invitations/accept', {
    headers: { 'x-csrf': '1' },
    data: { token: tokenOf(link), name, password: GOOD_PASSWORD },
  });
  expect(res.status()).toBe(201);
}

/** A person of this test alone, invited by the admin and with GOOD_PASSWORD chosen. */
export async function invitedPerson(
  request: APIRequestContext,
  admin: APIRequestContext,
  who: string,
  role = 'customer',
  workspace: string | undefined = 'globex',
) {
  const email = uniqueEmail(who.toLowerCase().replace(/[^a-z0-9]+/g, '-'), workspace ? `${workspace}.test` : 'demo.test');
  await accept(request, await invite(admin, { email, role, ...(workspace ? { workspace } : {}) }), who);
  return email;
}

/** Refresh now, through the BFF as the page's own button does, and wait for the re-read to end. */
export async function refreshIndex(page: Page, ws: string) {
  const before = await (await page.request.post(`/api/workspaces/${ws}/index/refresh`, { headers: { 'x-csrf': '1' } })).json();
  await expect
    .poll(async () => {
      const s = await (await page.request.get(`/api/workspaces/${ws}/index`)).json();
      return !s.running && s.finishedAt !== before.finishedAt;
    })
    .toBe(true);
}
