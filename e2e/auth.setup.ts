import { expect, test as setup } from '@playwright/test';

/** Signs in once per role through the real sign-in page and saves the storage state. */
const ROLES = {
  support: 'support@demo.test',
  viewer: 'viewer@demo.test',
  acme: 'owner@acme.test',
  globex: 'owner@globex.test',
} as const;

for (const [role, email] of Object.entries(ROLES)) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await page.goto('/signin');
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill('demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/w\/[a-z]+\/accounts/);
    await page.context().storageState({ path: `.data/e2e-auth/${role}.json` });
  });
}
