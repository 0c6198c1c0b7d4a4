import { expect, test, type Page } from '@playwright/test';
import { totp } from '../idp/otp';
import { accountRows } from './support';

/** The demo identity provider's own login page (idp/pages.ts). */
async function signInAtIdp(page: Page, email: string) {
  await expect(page.getByRole('heading', { name: 'Demo SSO' })).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

test.describe('single sign-on with Demo SSO', () => {
  test('sso-support@demo.test lands in the console as support', async ({ page }) => {
    await page.goto('/signin');
    await page.getByRole('button', { name: 'Sign in with Demo SSO', exact: true }).click();
    await signInAtIdp(page, 'sso-support@demo.test');
    await expect(page).toHaveURL(/\/w\/acme\/accounts/);
    await expect(page.getByText('Sunny (SSO support)')).toBeVisible();
    await expect(page.getByText('· Support')).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Workspaces' }).getByRole('link')).toHaveText(['Acme Corp', 'Globex', 'Initech']);
    await expect(accountRows(page)).toHaveCount(20);
  });

  test('sso-outsider@demo.test is refused with a plain message, and is not signed in', async ({ page }) => {
    await page.goto('/signin');
    await page.getByRole('button', { name: 'Sign in with Demo SSO', exact: true }).click();
    await signInAtIdp(page, 'sso-outsider@demo.test');
    await expect(page).toHaveURL(/\/signin\?error=SsoNoGroup/);
    await expect(
      page.getByText('Your account at Demo SSO is not in a group that may use this console. Ask your administrator.'),
    ).toBeVisible();
    await page.goto('/w/acme/accounts');
    await expect(page).toHaveURL(/\/signin/);
  });

  test('with requireMfa, a sign-in without a second factor is refused; with the one-time code it is accepted', async ({ page }) => {
    await page.goto('/signin');
    await page.getByRole('button', { name: 'Sign in with Demo SSO (MFA)' }).click();
    await signInAtIdp(page, 'sso-support@demo.test');
    await expect(page).toHaveURL(/\/signin\?error=SsoNoMfa/);
    await expect(page.getByText(/needs a second factor/)).toBeVisible();

    await page.getByRole('button', { name: 'Sign in with Demo SSO (MFA)' }).click();
    await signInAtIdp(page, 'sso-mfa@demo.test');
    await page.getByLabel('One-time code').fill(totp('JBSWY3DPEHPK3PXP'));
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page).toHaveURL(/\/w\/acme\/accounts/);
    await expect(page.getByText('· Support')).toBeVisible();
  });
});
