import { expect, test, type Page } from '@playwright/test';
import { accountRows, auth, expectAccessible, resetSimulator } from './support';

test.use({ storageState: auth('support') });
test.beforeAll(resetSimulator);

const PAGES: { name: string; path: string; ready: (page: Page) => Promise<void> }[] = [
  { name: 'accounts list', path: '/w/acme/accounts', ready: (p) => expect(accountRows(p)).toHaveCount(20) },
  {
    name: 'WhatsApp account with the link picker open',
    path: '/w/acme/accounts/whatsapp/447700900003',
    ready: async (p) => {
      await p.getByRole('button', { name: 'Link an application' }).click();
      await expect(p.getByRole('radio').first()).toBeVisible();
    },
  },
  {
    name: 'Messenger account with the delete confirmation open',
    path: '/w/acme/accounts?provider=messenger',
    ready: async (p) => {
      // The first visible account link: a table row on a desk, a card on a phone.
      await p
        .getByRole('link', { name: /^[0-9]+$/ })
        .first()
        .click();
      await p.getByRole('button', { name: 'Delete account…' }).click();
      await expect(p.getByRole('dialog')).toBeVisible();
    },
  },
  {
    name: 'Messenger account with the edit form open',
    path: '/w/acme/accounts?provider=messenger',
    ready: async (p) => {
      await p
        .getByRole('link', { name: /^[0-9]+$/ })
        .first()
        .click();
      await p.getByRole('button', { name: 'Rename or rotate token' }).click();
      await expect(p.getByLabel('New Page token')).toBeVisible();
    },
  },
  {
    name: 'Activity, every workspace',
    path: '/w/acme/activity?scope=all',
    ready: (p) => expect(p.getByRole('button', { name: 'Apply filters' })).toBeVisible(),
  },
  {
    name: 'RCS agent',
    path: '/w/acme/accounts/rcs/acme_support_agent',
    ready: (p) => expect(p.getByRole('heading', { level: 1 })).toBeVisible(),
  },
  {
    name: 'create Messenger with errors shown',
    path: '/w/acme/accounts/new',
    ready: async (p) => {
      await p.getByRole('button', { name: 'Create account' }).click();
      await expect(p.getByText('Enter the Page token')).toBeVisible();
    },
  },
  {
    name: 'Overview',
    path: '/w/acme/overview',
    ready: (p) => expect(p.locator('tr[data-provider="rcs"] td').first()).toHaveText(/\d/),
  },
  {
    name: 'Applications',
    path: '/w/acme/applications',
    ready: (p) => expect(p.getByRole('link', { name: 'Acme Support Bot' })).toBeVisible(),
  },
  {
    name: 'header search with results',
    path: '/w/acme/activity',
    ready: async (p) => {
      // The search's own options (the Activity page's filters have options too), with time for the combobox to load.
      await p.getByRole('combobox', { name: /Search accounts/ }).fill('acme s');
      await expect(p.getByRole('listbox', { name: 'Accounts found' }).getByRole('option').first()).toBeVisible({ timeout: 15_000 });
    },
  },
  { name: 'not found', path: '/w/nope/accounts', ready: (p) => expect(p.getByRole('heading', { name: 'Not found' })).toBeVisible() },
];

for (const scheme of ['light', 'dark'] as const) {
  for (const { name, path, ready } of PAGES) {
    test(`${name} (${scheme}): no serious or critical axe violation`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(path);
      await ready(page);
      await expectAccessible(page);
    });
  }
}

test.describe('signed out', () => {
  test.use({ storageState: { cookies: [], origins: [] } });
  for (const scheme of ['light', 'dark'] as const) {
    test(`sign-in page (${scheme}): no serious or critical axe violation`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto('/signin');
      await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
      await expectAccessible(page);
    });
  }
});

test.describe('on a 390 px phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  for (const { name, path, ready } of PAGES) {
    test(`${name}: fits the width and stays accessible`, async ({ page }) => {
      await page.goto(path);
      await ready(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await expectAccessible(page);
    });
  }

  test('each account is a card with every field, and opens on a tap', async ({ page }) => {
    await page.goto('/w/acme/accounts?provider=whatsapp');
    await expect(page.getByRole('table')).toBeHidden();
    const cards = page.getByRole('list', { name: 'Accounts of this workspace' }).getByRole('listitem');
    await expect(cards).toHaveCount(14);
    const first = cards.filter({ hasText: '447700900001' });
    await expect(first).toContainText('Acme Support UK');
    await expect(first).toContainText('Application: Acme Messages Production');
    await expect(first).toContainText('API key:');
    await first.getByRole('link', { name: '447700900001' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Acme Support UK');
  });
});
