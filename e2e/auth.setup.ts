import { expect, test as setup } from '@playwright/test';
import { signInAs } from './support';

/** Signs in once per role through the real sign-in page and saves the storage state. */
const ROLES = {
  support: 'support@demo.test',
  viewer: 'viewer@demo.test',
  acme: 'owner@acme.test',
  globex: 'owner@globex.test',
  admin: 'admin@demo.test',
} as const;

for (const [role, email] of Object.entries(ROLES)) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await page.goto('/signin');
    await signInAs(page, email);
    await expect(page).toHaveURL(/\/w\/[a-z]+\/accounts/);
    await page.context().storageState({ path: `.data/e2e-auth/${role}.json` });
  });
}
