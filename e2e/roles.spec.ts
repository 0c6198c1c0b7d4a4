import { expect, test, type Page } from '@playwright/test';
import { accountRows, auth, signInAs } from './support';

const MUTATION_CONTROLS = [
  'Create Messenger account',
  'Link an application',
  'Replace application',
  'Unlink application',
  'Rename or rotate token',
  'Save changes',
  'Delete account…',
];

async function expectNoMutationControls(page: Page) {
  for (const name of MUTATION_CONTROLS) {
    await expect(page.getByRole('button', { name })).toHaveCount(0);
    await expect(page.getByRole('link', { name })).toHaveCount(0);
  }
  await expect(page.getByRole('textbox')).toHaveCount(0);
}

test.describe('a viewer', () => {
  test.use({ storageState: auth('viewer') });

  test('sees every workspace and no control that changes anything', async ({ page }) => {
    await page.goto('/w/acme/accounts');
    await expect(accountRows(page)).toHaveCount(20);
    await expect(page.getByText('Viewer (read only)')).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Workspaces' }).getByRole('link')).toHaveText(['Acme Corp', 'Globex', 'Initech']);
    await expectNoMutationControls(page);

    await page.goto('/w/acme/accounts?provider=messenger');
    await accountRows(page).first().getByRole('link').click();
    await expect(page.getByRole('region', { name: 'Linked application' })).toBeVisible();
    await expectNoMutationControls(page);

    await page.goto('/w/acme/accounts/whatsapp/447700900001');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Acme Support UK');
    await expectNoMutationControls(page);

    await page.goto('/w/acme/accounts/new');
    await expect(page.getByText('Your role may look at accounts but not create them.')).toBeVisible();
    await expectNoMutationControls(page);
  });
});

test.describe('a customer', () => {
  test.use({ storageState: auth('acme') });

  test('sees their workspace by name, with no switcher', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/w\/acme\/accounts/);
    await expect(page.getByRole('banner')).toContainText('Acme Corp');
    await expect(page.getByRole('navigation', { name: 'Workspaces' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Create Messenger account' })).toBeVisible();
  });
});

test.describe('owner@globex.test', () => {
  test.use({ storageState: auth('globex') });

  test('typing an acme URL gets the not-found page', async ({ page }) => {
    for (const path of ['/w/acme/accounts', '/w/acme/accounts/whatsapp/447700900001', '/w/acme/accounts/new']) {
      const res = await page.goto(path);
      expect(res?.status()).toBe(404);
      await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
      await expect(page.getByText('Acme')).toHaveCount(0);
    }
    await page.getByRole('link', { name: 'Go to your accounts' }).click();
    await expect(page).toHaveURL(/\/w\/globex\/accounts/);
    await expect(page.getByRole('table')).toContainText('Globex');
  });
});

test('signed out, a page visit goes to sign-in, and a wrong password is refused', async ({ page }) => {
  await page.goto('/w/acme/accounts');
  await expect(page).toHaveURL(/\/signin/);
  await page.getByLabel('Email', { exact: true }).fill('support@demo.test');
  await page.getByLabel('Password', { exact: true }).fill('wrong');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByText('Sign-in failed. Check the email and password.')).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
});

test('turned away by a sign-in flood (429), the form says when to try again', async ({ page }) => {
  // The flood itself is tests/integration/sign-in-flood.test.ts; here the browser gets the server's answer to it.
  await page.route('**/api/auth/callback/credentials', (route) =>
    route.fulfill({
      status: 429,
      headers: { 'retry-after': '3', 'content-type': 'application/problem+json' },
      body: JSON.stringify({ type: '/problems/rate-limited', title: 'Too many sign-ins', status: 429 }),
    }),
  );
  await page.goto('/signin');
  await signInAs(page, 'owner@acme.test');
  await expect(page.getByRole('alert').filter({ hasText: 'Too many sign-ins' })).toHaveText(
    'Too many sign-ins right now. Try again in 3 seconds.',
  );
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeEnabled();
});

test('signing out ends the session and leaves no page reachable', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/signin');
  await signInAs(page, 'owner@acme.test');
  await expect(accountRows(page)).toHaveCount(20);
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto('/w/acme/accounts');
  await expect(page).toHaveURL(/\/signin/);
  expect((await page.request.get('/api/workspaces/acme/accounts')).status()).toBe(401);
  await context.close();
});

test('a session that ends mid-use sends the user to sign in, then back to where they were', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/signin?callbackUrl=%2Fw%2Facme%2Faccounts%3Fprovider%3Dwhatsapp');
  await signInAs(page, 'owner@acme.test');
  await expect(page).toHaveURL(/\/w\/acme\/accounts\?provider=whatsapp$/);
  await expect(accountRows(page)).toHaveCount(14);

  await context.clearCookies();
  await page.getByRole('link', { name: 'RCS', exact: true }).click();
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await signInAs(page, 'owner@acme.test');
  await expect(page).toHaveURL(/\/w\/acme\/accounts\?provider=rcs$/);
  await context.close();
});

test('a sign-in link cannot send the user to another site', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/signin?callbackUrl=%2F%5Cevil.example%2F');
  await signInAs(page, 'owner@globex.test');
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/w\/globex\/accounts$/);
  await context.close();
});
