import { expect, test } from '@playwright/test';
import { accountRows, auth, resetSimulator } from './support';

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

test.describe('signed out', () => {
  test.use({ storageState: { cookies: [], origins: [] } });
  test('sign-in', async ({ page }) => {
    await page.goto('/signin');
    await page.screenshot({ path: out('signin'), fullPage: true });
  });
});
