import { expect, test } from '@playwright/test';
import { accountRows, auth, editButton, notifications, resetSimulator, tabTo } from './support';

/* Every journey by keyboard alone: Tab to move, Enter or Space to act, arrows in groups. */
test.use({ storageState: auth('support') });
test.beforeEach(resetSimulator);

test('page and filter the list', async ({ page }) => {
  await page.goto('/w/acme/accounts');
  await expect(accountRows(page)).toHaveCount(20);
  await tabTo(page, page.getByRole('link', { name: 'Next' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('navigation', { name: 'Pages' })).toContainText('Page 2 of 3');

  await tabTo(page, page.getByRole('link', { name: 'RCS', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/provider=rcs/);
  await expect(page.getByRole('table')).not.toHaveAttribute('aria-busy', 'true');
  await expect(accountRows(page).first()).toContainText('RCS');

  await tabTo(page, page.getByLabel('Rows per page'));
  await page.keyboard.press('ArrowDown');
  await expect(page).toHaveURL(/pageSize=50/);
});

test('the skip link jumps over the header', async ({ page }) => {
  await page.goto('/w/acme/accounts');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
});

test('create, rename and delete a Messenger account', async ({ page }) => {
  const id = `8${Date.now()}`.slice(0, 15);
  await page.goto('/w/acme/accounts');
  await tabTo(page, page.getByRole('link', { name: 'Create Messenger account' }));
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByLabel('Facebook Page id'));
  await page.keyboard.type(id);
  await page.keyboard.press('Tab');
  await page.keyboard.type('EAAGkeyboardonlytoken000000000K3Y9');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Acme Keyboard');
  await page.keyboard.press('Enter');
  await expect(notifications(page)).toContainText('Created the Messenger account Acme Keyboard.');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Acme Keyboard');

  await tabTo(page, editButton(page));
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Name', { exact: true })).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Acme Keys');
  await page.keyboard.press('Enter');
  await expect(notifications(page)).toContainText('Saved the name of Acme Keys.');
  await expect(editButton(page)).toBeFocused();

  await tabTo(page, page.getByRole('button', { name: 'Delete account…' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog')).toContainText(`Acme Keys (Page ${id})`);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(notifications(page)).toContainText('Deleted the Messenger account Acme Keys');
  await expect(page).toHaveURL(/provider=messenger/);
});
