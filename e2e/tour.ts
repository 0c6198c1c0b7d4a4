import { expect, test } from '@playwright/test';
import { accountRows, auth, notifications, refreshIndex, resetSimulator } from './support';

/*
 * The README's tour: `npm run screenshots` takes these from the demo and
 * writes them to docs/screenshots/. Not part of `npm test` (it asserts nothing new).
 */
const out = (name: string) => `docs/screenshots/${name}.png`;

test.use({ storageState: auth('support'), viewport: { width: 1280, height: 800 } });
test.beforeAll(resetSimulator);

test('tour', async ({ page }) => {
  await page.goto('/w/acme/accounts');
  await expect(accountRows(page)).toHaveCount(20);
  await page.screenshot({ path: out('accounts'), fullPage: true });

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/w/acme/accounts?provider=whatsapp');
  await expect(accountRows(page)).toHaveCount(14);
  await page.screenshot({ path: out('accounts-dark'), fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });

  await page.goto('/w/acme/accounts/whatsapp/447700900003');
  await page.getByRole('button', { name: 'Link an application' }).click();
  await expect(page.getByRole('radio', { name: /Acme IVR/ })).toBeDisabled();
  await page.screenshot({ path: out('account-link'), fullPage: true });

  await page.goto('/w/acme/accounts?provider=messenger');
  await accountRows(page).first().getByRole('link').click();
  await page.getByRole('button', { name: 'Rename or rotate token' }).click();
  await expect(page.getByRole('button', { name: 'Save changes' })).toBeVisible();
  await page.screenshot({ path: out('messenger-account'), fullPage: true });

  await page.goto('/w/acme/accounts/new');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Enter the Page token')).toBeVisible();
  await page.screenshot({ path: out('create-messenger'), fullPage: true });

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/w/acme/accounts');
  await expect(accountRows(page)).toHaveCount(20);
  await page.screenshot({ path: out('accounts-phone') });
});

test('the index, activity and people pages', async ({ page, browser }) => {
  // The index read again now, so that its pages and the search show every account.
  await refreshIndex(page, 'acme');

  // A change to show on the Activity page: link an application, as a person would.
  await page.goto('/w/acme/accounts/whatsapp/447700900003');
  await page.getByRole('button', { name: 'Link an application' }).click();
  await page.getByRole('radio', { name: /Acme Support Bot/ }).check();
  await page.getByRole('region', { name: 'Linked application' }).getByRole('button', { name: 'Link', exact: true }).click();
  await expect(notifications(page)).toContainText('Linked Acme Support Bot');

  const searchBox = page.getByRole('combobox', { name: /Search accounts/ });
  await page.goto('/w/acme/accounts');
  await expect(async () => {
    await page.keyboard.press('/');
    await expect(searchBox).toBeFocused({ timeout: 500 });
  }).toPass();
  await searchBox.fill('support');
  await expect(page.getByRole('listbox', { name: 'Accounts found' }).getByRole('option').first()).toContainText(/as of/);
  await page.screenshot({ path: out('search') });

  await page.goto('/w/acme/overview');
  await expect(page.getByTestId('as-of')).toContainText(/as of \d\d:\d\d/);
  await page.screenshot({ path: out('overview'), fullPage: true });

  await page.goto('/w/acme/applications');
  await page.getByRole('row').filter({ hasText: 'Acme Messages Staging' }).getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Acme Messages Staging');
  await expect(page.getByTestId('linked-count')).toHaveText(/\d+/);
  await page.screenshot({ path: out('application'), fullPage: true });

  await page.goto('/w/acme/activity');
  const events = page.getByRole('region', { name: /^Activity in/ }).locator('tbody tr');
  await expect(events.filter({ hasText: 'Linked an application' }).first()).toBeVisible();
  await page.screenshot({ path: out('activity'), fullPage: true });

  const admin = await browser.newContext({ storageState: auth('admin'), viewport: { width: 1280, height: 800 } });
  const people = await admin.newPage();
  await people.goto('/w/acme/people');
  await expect(people.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(people.getByText('owner@acme.test').first()).toBeVisible();
  await people.screenshot({ path: out('people'), fullPage: true });
  await admin.close();
});

test.describe('signed out', () => {
  test.use({ storageState: { cookies: [], origins: [] } });
  test('sign-in', async ({ page }) => {
    await page.goto('/signin');
    await page.screenshot({ path: out('signin'), fullPage: true });
  });
});
