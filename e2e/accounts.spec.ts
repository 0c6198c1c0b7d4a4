import { expect, test } from '@playwright/test';

test.describe('signed in as support', () => {
  test.use({ storageState: '.data/e2e-auth/support.json' });

  test('sees acme’s accounts in a table', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/w\/acme\/accounts/);
    await expect(page.getByRole('heading', { name: 'Accounts' })).toBeVisible();
    const rows = page.getByRole('table').getByRole('row');
    await expect(rows).toHaveCount(21);
    await expect(page.getByRole('table')).toContainText('WhatsApp');
    await expect(page.getByText('Sam Support')).toBeVisible();
  });
});

test('signed out, a page visit goes to sign-in, and a wrong password is refused', async ({ page }) => {
  await page.goto('/w/acme/accounts');
  await expect(page).toHaveURL(/\/signin/);
  await page.getByLabel('Email', { exact: true }).fill('support@demo.test');
  await page.getByLabel('Password', { exact: true }).fill('wrong');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Sign-in failed. Check the email and password.')).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
});
