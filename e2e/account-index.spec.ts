import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { accountRows, auth, notifications, refreshIndex, resetSimulator } from './support';

const searchBox = (page: Page) => page.getByRole('combobox', { name: /Search accounts/ });
const options = (page: Page) => page.getByRole('listbox', { name: 'Accounts found' }).getByRole('option');

test.describe('as support', () => {
  test.use({ storageState: auth('support') });
  test.beforeEach(async ({ page }) => {
    await resetSimulator();
    await refreshIndex(page, 'acme');
  });

  test('the header search finds a WhatsApp number live, and part of a name from the index', async ({ page }) => {
    await page.goto('/w/acme/accounts');
    // The rows come in the first HTML, so the page can show before React has hydrated it and heard the key: a key
    // pressed that early does nothing, as it would for a person, who presses it again.
    await expect(async () => {
      await page.keyboard.press('/');
      await expect(searchBox(page)).toBeFocused({ timeout: 500 });
    }).toPass();
    await searchBox(page).fill('+44 7700 900001');
    const live = options(page).filter({ hasText: 'Acme Support UK' });
    await expect(live).toContainText('live');
    await expect(live).toContainText('Acme Corp');
    await expect(page.getByRole('status').filter({ hasText: /found/ })).toContainText('1 account found');

    await searchBox(page).fill('support u');
    const indexed = options(page).filter({ hasText: '447700900001' });
    await expect(indexed).toContainText(/as of \d\d:\d\d/);
    await expect(options(page)).toHaveCount(1);
    // The arrow keys move through the options once they are in (the answer may still be settling).
    await expect(async () => {
      await page.keyboard.press('ArrowDown');
      await expect(searchBox(page)).toHaveAttribute('aria-activedescendant', 'search-option-0', { timeout: 500 });
    }).toPass();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/w\/acme\/accounts\/whatsapp\/447700900001$/);

    // Ctrl+K reaches it from anywhere.
    await page.getByRole('heading', { level: 1 }).click();
    await page.keyboard.press('Control+k');
    await expect(searchBox(page)).toBeFocused();
  });

  test('an application’s page lists every account linked to it; unlinking there updates both pages', async ({ page }) => {
    await page.goto('/w/acme/applications');
    const row = page.getByRole('row').filter({ hasText: 'Acme Messages Staging' });
    const count = Number(await row.getByRole('cell').nth(2).textContent());
    expect(count).toBeGreaterThan(1);
    await row.getByRole('link').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Acme Messages Staging');
    const api = await (await page.request.get('/api/workspaces/acme/accounts?pageSize=100')).json();
    const appId = page.url().split('/').pop()!;
    const linked = api.items.filter((a: { applications: string[] }) => a.applications.includes(appId));
    await expect(page.getByTestId('linked-count')).toHaveText(String(linked.length));
    for (const a of linked) await expect(page.getByRole('listitem').filter({ hasText: a.externalId }).first()).toBeVisible();

    const first = linked[0] as { externalId: string; name: string };
    await page.getByRole('button', { name: `Unlink ${first.name}` }).click();
    await page.getByRole('dialog', { name: 'Unlink the application?' }).getByRole('button', { name: 'Unlink' }).click();
    await expect(notifications(page)).toContainText(`Unlinked Acme Messages Staging from ${first.name}.`);
    await expect(page.getByTestId('linked-count')).toHaveText(String(linked.length - 1));
    await expect(page.getByRole('listitem').filter({ hasText: first.externalId })).toHaveCount(0);

    await page.getByRole('link', { name: '← Applications' }).click();
    await expect(page.getByRole('row').filter({ hasText: 'Acme Messages Staging' }).getByRole('cell').nth(2)).toHaveText(String(count - 1));
  });

  test('the overview’s totals equal what the provider tabs show', async ({ page }) => {
    await page.goto('/w/acme/overview');
    await expect(page.getByTestId('as-of')).toContainText(/as of \d\d:\d\d/);
    for (const provider of ['messenger', 'whatsapp', 'viber_service_msg', 'rcs']) {
      const total = page.locator(`tr[data-provider="${provider}"] td`).nth(2);
      await expect(total).toHaveText(/\d+/);
      const expected = await total.textContent();
      const tab = await page.context().newPage();
      await tab.goto(`/w/acme/accounts?provider=${provider}&pageSize=100`);
      await expect(accountRows(tab).first().getByRole('link')).toBeVisible();
      await expect(accountRows(tab), provider).toHaveCount(Number(expected));
      await tab.close();
    }
  });

  test('the CSV inventory shows a name =1+1 as text', async ({ page }) => {
    const externalId = `95${Date.now()}`.slice(0, 15);
    const made = await page.request.post('/api/workspaces/acme/accounts/messenger', {
      headers: { 'x-csrf': '1' },
      data: { externalId, accessToken: 'EAAGe2eexporte2eexport', name: '=1+1' },
    });
    expect(made.status()).toBe(201);
    await page.goto('/w/acme/overview');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'download CSV' }).click()]);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text).toContain(`messenger,${externalId},'=1+1,`);
    expect(text).not.toContain('EAAGe2eexport');
  });
});

test.describe('as a customer of globex', () => {
  test.use({ storageState: auth('globex') });

  test('the same searches show nothing of Acme', async ({ page }) => {
    await refreshIndex(page, 'globex');
    await page.goto('/w/globex/accounts');
    for (const q of ['+44 7700 900001', 'support u', 'Acme']) {
      await searchBox(page).fill(q);
      await expect(page.getByRole('listbox', { name: 'Accounts found' }).locator('..')).toContainText('No account matches');
      await expect(options(page)).toHaveCount(0);
    }
  });
});
