import { expect, test, type Page } from '@playwright/test';
import { auth, clearFaults, notifications, resetSimulator, setFaults, upstreamPath } from './support';

/*
 * A change that ends without a confirmed answer: the page says it does not know,
 * reads the account again, and shows what Vonage has, without a reload.
 * The console's upstream deadline in e2e is 2.5 s (playwright.config.ts).
 */
test.use({ storageState: auth('support') });
test.beforeEach(resetSimulator);
test.afterEach(clearFaults);

const ACCOUNT = '447700900001';
const panel = (page: Page) => page.getByRole('region', { name: 'Linked application' });

test('an unlink that lands 0.5 s after its 504 shows as unlinked within a few seconds, without a reload', async ({ page }) => {
  await page.goto(`/w/acme/accounts/whatsapp/${ACCOUNT}`);
  await expect(panel(page)).toContainText('Acme Messages Production');
  // Vonage makes the change 3 s after it arrived: 0.5 s after the console gave up waiting.
  await setFaults({
    script: [{ method: 'DELETE', path: `${upstreamPath('whatsapp', ACCOUNT)}/applications`, delayMs: 3000, passThrough: true }],
  });
  let loads = 0;
  page.on('load', () => (loads += 1));
  await panel(page).getByRole('button', { name: 'Unlink application' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Unlink' }).click();
  const alert = notifications(page).getByRole('alert');
  await expect(alert).toContainText('so the console does not know whether the change was made', { timeout: 10_000 });
  await expect(alert).not.toContainText('Nothing was changed');
  await expect(panel(page)).toContainText('No application is linked', { timeout: 6_000 });
  expect(loads).toBe(0);
});

test('replace is one request to the console, and a refused link puts the old application back', async ({ page }) => {
  await page.goto(`/w/acme/accounts/whatsapp/${ACCOUNT}`);
  await expect(panel(page)).toContainText('Acme Messages Production');
  const changes: string[] = [];
  page.on('request', (r) => {
    if (r.method() !== 'GET') changes.push(`${r.method()} ${new URL(r.url()).pathname}`);
  });
  await setFaults({ script: [{ method: 'POST', path: `${upstreamPath('whatsapp', ACCOUNT)}/applications`, status: 403 }] });
  await panel(page).getByRole('button', { name: 'Replace application' }).click();
  await page.getByRole('radio', { name: /Acme Omnichannel/ }).check();
  await panel(page).getByRole('button', { name: 'Replace', exact: true }).click();
  await expect(panel(page).getByRole('alert')).toContainText(
    'Could not link Acme Omnichannel, so Acme Messages Production is linked again.',
  );
  expect(changes).toEqual([`PUT /api/workspaces/acme/accounts/whatsapp/${ACCOUNT}/applications`]);
  await expect(panel(page)).toContainText('Acme Messages Production');
});
