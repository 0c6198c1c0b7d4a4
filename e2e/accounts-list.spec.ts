import { expect, test, type Page } from '@playwright/test';
import { accountRows, auth, resetSimulator } from './support';

test.use({ storageState: auth('support') });
test.beforeAll(resetSimulator);

const pager = (page: Page) => page.getByRole('navigation', { name: 'Pages' });
/** A linked application's name shows once the workspace's applications have loaded (a placeholder until then). */
const namesLoaded = (page: Page) => expect(accountRows(page).filter({ hasText: 'Loading the application’s name' })).toHaveCount(0);

test('pages through acme’s accounts with the controls, and back and forward', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/w\/acme\/accounts$/);
  await expect(accountRows(page)).toHaveCount(20);
  await expect(pager(page)).toContainText('Page 1 of 3');
  await namesLoaded(page);
  const firstOnPage1 = (await accountRows(page).first().textContent()) ?? '';
  expect(firstOnPage1).not.toBe('');

  await pager(page).getByRole('link', { name: 'Next' }).click();
  await expect(page).toHaveURL(/\?page=2$/);
  await expect(pager(page)).toContainText('Page 2 of 3');
  await expect(accountRows(page).first()).not.toHaveText(firstOnPage1);

  await pager(page).getByRole('link', { name: 'Last' }).click();
  await expect(pager(page)).toContainText('Page 3 of 3');
  await expect(accountRows(page)).toHaveCount(8);
  await expect(pager(page).getByRole('link', { name: 'Next' })).toHaveAttribute('aria-disabled', 'true');

  await page.goBack();
  await expect(pager(page)).toContainText('Page 2 of 3');
  await page.goForward();
  await expect(pager(page)).toContainText('Page 3 of 3');
  await pager(page).getByRole('link', { name: 'First' }).click();
  await expect(pager(page)).toContainText('Page 1 of 3');
  await expect(accountRows(page).first()).toHaveText(firstOnPage1);
});

test('a link or a reload shows the same page, provider and page size', async ({ page }) => {
  await page.goto('/w/acme/accounts?page=2&pageSize=10&provider=messenger');
  await expect(pager(page)).toContainText('Page 2 of 2');
  await expect(accountRows(page)).toHaveCount(6);
  await expect(page.getByRole('link', { name: 'Messenger', exact: true })).toHaveAttribute('aria-current', 'page');
  await namesLoaded(page);
  const rows = await accountRows(page).allInnerTexts();
  expect(rows.join('\n')).toContain('Acme Messages Staging');
  await page.reload();
  await expect(accountRows(page)).toHaveCount(6);
  await namesLoaded(page);
  expect(await accountRows(page).allInnerTexts()).toEqual(rows);
});

test('the page size can be chosen and starts again at page 1', async ({ page }) => {
  await page.goto('/w/acme/accounts?page=2');
  await page.getByLabel('Rows per page').selectOption('50');
  await expect(page).toHaveURL(/\?pageSize=50$/);
  await expect(accountRows(page)).toHaveCount(48);
  await expect(pager(page)).toContainText('Page 1 of 1');
});

test('unreadable URL state falls back to the first page', async ({ page }) => {
  await page.goto('/w/acme/accounts?page=abc&pageSize=7&provider=fax');
  await expect(pager(page)).toContainText('Page 1 of 3');
  await expect(accountRows(page)).toHaveCount(20);
});

test('a page past the end says so and offers the first page', async ({ page }) => {
  await page.goto('/w/acme/accounts?page=40');
  await expect(page.getByText('There is no page 40')).toBeVisible();
  await page.getByRole('link', { name: 'Go to the first page' }).click();
  await expect(accountRows(page)).toHaveCount(20);
});

test('filters by provider on the server', async ({ page }) => {
  await page.goto('/w/acme/accounts');
  const seen: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/workspaces/acme/accounts?')) seen.push(new URL(r.url()).searchParams.get('provider') ?? '');
  });
  for (const [tab, label] of [
    ['Messenger', 'Messenger'],
    ['WhatsApp', 'WhatsApp'],
    ['Viber', 'Viber'],
    ['RCS', 'RCS'],
  ] as const) {
    await page.getByRole('navigation', { name: 'Filter by provider' }).getByRole('link', { name: tab, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`provider=${tab === 'Viber' ? 'viber_service_msg' : tab.toLowerCase()}`));
    // Every row shown is of that provider (the previous tab's rows stay, dimmed, until the new page arrives).
    await expect
      .poll(async () => {
        const providers = await accountRows(page).locator('td:first-child').allInnerTexts();
        return [...new Set(providers.map((p) => p.replace(/^\w\s*/, '').trim()))];
      })
      .toEqual([label]);
    await expect(page.getByRole('table')).not.toHaveAttribute('aria-busy', 'true');
  }
  expect(seen).toEqual(expect.arrayContaining(['messenger', 'whatsapp', 'viber_service_msg', 'rcs']));
  await page.getByRole('link', { name: 'All', exact: true }).click();
  await expect(page).toHaveURL(/\/accounts$/);
});

test('the next page is fetched ahead, so Next needs no request', async ({ page }) => {
  const prefetched = page.waitForRequest((r) => r.url().includes('/api/workspaces/acme/accounts?page=2'));
  await page.goto('/w/acme/accounts');
  await prefetched;
  const later: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('page=2&')) later.push(r.url());
  });
  await pager(page).getByRole('link', { name: 'Next' }).click();
  await expect(pager(page)).toContainText('Page 2 of 3');
  expect(later).toEqual([]);
});

test('the list names each linked application and opens an account', async ({ page }) => {
  await page.goto('/w/acme/accounts?provider=whatsapp');
  const row = accountRows(page).filter({ hasText: '447700900001' });
  await expect(row).toContainText('Acme Messages Production');
  await row.getByRole('link', { name: '447700900001' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Acme Support UK');
  await expect(page.getByText('https://hooks.acme.example/messages/inbound')).toBeVisible();
  await expect(page.getByText('https://hooks.acme.example/messages/status')).toBeVisible();
});

test('a Viber account opens from the Viber tab with its own fields', async ({ page }) => {
  await page.goto('/w/acme/accounts?provider=viber_service_msg');
  const row = accountRows(page).filter({ hasText: 'Acme Viber Alerts' });
  await row.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Acme Viber Alerts');
  await expect(page.getByText('Viber Service Message id')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Linked application' })).toContainText('Acme Messages Production');
  await expect(page.getByRole('button', { name: 'Rename or rotate token' })).toHaveCount(0);
});

test('back from an account returns to the same tab, page and page size', async ({ page }) => {
  await page.goto('/w/acme/accounts?provider=whatsapp&page=2&pageSize=10');
  await page.getByRole('link', { name: '447700900011' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Acme VIP Line');
  await page.getByRole('link', { name: '← All accounts' }).click();
  await expect(page).toHaveURL(/\/w\/acme\/accounts\?provider=whatsapp&page=2&pageSize=10$/);
  await expect(accountRows(page)).toHaveCount(4);
});

test('an RCS agent opens although Vonage has no single read for it', async ({ page }) => {
  await page.goto('/w/acme/accounts/rcs/acme_support_agent');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Acme Support RCS');
  await expect(page.getByText('RCS agent id')).toBeVisible();
  await expect(page.getByText('no create, edit or delete for this provider')).toBeVisible();
});

test('an account that does not exist, and a malformed one, are not found', async ({ page }) => {
  await page.goto('/w/acme/accounts/whatsapp/447700900999');
  await expect(page.getByRole('heading', { name: 'Account not found' })).toBeVisible();
  await page.goto('/w/acme/accounts/whatsapp/not-a-number');
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
});

test('switching workspace shows that workspace’s accounts only', async ({ page }) => {
  await page.goto('/w/acme/accounts');
  await expect(accountRows(page)).toHaveCount(20);
  await page.getByRole('navigation', { name: 'Workspaces' }).getByRole('link', { name: 'Globex' }).click();
  await expect(page).toHaveURL(/\/w\/globex\/accounts/);
  await expect(page.getByRole('table')).not.toContainText('Acme');
  await expect(page.getByRole('table')).toContainText('Globex');
});
