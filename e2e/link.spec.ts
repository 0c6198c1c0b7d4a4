import { expect, test, type Page } from '@playwright/test';
import { accountRows, auth, notifications, resetSimulator, tabTo } from './support';

test.use({ storageState: auth('support') });
test.beforeEach(resetSimulator);

const panel = (page: Page) => page.getByRole('region', { name: 'Linked application' });

test('link, see it in the list, replace, then unlink a WhatsApp account’s application', async ({ page }) => {
  await page.goto('/w/acme/accounts?provider=whatsapp');
  await accountRows(page).filter({ hasText: '447700900003' }).getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Acme Deliveries');
  await expect(panel(page)).toContainText('No application is linked');

  await panel(page).getByRole('button', { name: 'Link an application' }).click();
  const ivr = page.getByRole('radio', { name: /Acme IVR/ });
  await expect(ivr).toBeDisabled();
  await expect(panel(page)).toContainText('Cannot be linked: no Messages capability');
  await page.getByRole('radio', { name: /Acme Support Bot/ }).check();
  await panel(page).getByRole('button', { name: 'Link', exact: true }).click();
  await expect(notifications(page)).toContainText('Linked Acme Support Bot to Acme Deliveries.');
  await expect(panel(page)).toContainText('https://hooks.acme.example/support-bot/inbound');

  // Back to the list without a reload: the cached list page was refreshed by the mutation.
  await page.getByRole('link', { name: '← All accounts' }).click();
  await expect(accountRows(page).filter({ hasText: '447700900003' })).toContainText('Acme Support Bot');
  await accountRows(page).filter({ hasText: '447700900003' }).getByRole('link').click();

  await panel(page).getByRole('button', { name: 'Replace application' }).click();
  await expect(page.getByRole('radio', { name: /Acme Support Bot/ })).toBeDisabled();
  await page.getByRole('radio', { name: /Acme Omnichannel/ }).check();
  await panel(page).getByRole('button', { name: 'Replace', exact: true }).click();
  await expect(notifications(page)).toContainText('Replaced Acme Support Bot with Acme Omnichannel on Acme Deliveries.');
  await expect(panel(page)).toContainText('Acme Omnichannel');

  await panel(page).getByRole('button', { name: 'Unlink application' }).click();
  const dialog = page.getByRole('dialog', { name: 'Unlink the application?' });
  await expect(dialog).toContainText('Acme Omnichannel will no longer receive messages sent to Acme Deliveries');
  await dialog.getByRole('button', { name: 'Unlink' }).click();
  await expect(notifications(page)).toContainText('Unlinked Acme Omnichannel from Acme Deliveries.');
  await expect(panel(page)).toContainText('No application is linked');
  await expect(dialog).toBeHidden();

  await page.reload();
  await expect(panel(page)).toContainText('No application is linked');
});

test('the same journey by keyboard alone', async ({ page }) => {
  await page.goto('/w/acme/accounts?provider=whatsapp');
  await tabTo(page, page.getByRole('link', { name: '447700900005' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Acme Returns');

  await tabTo(page, page.getByRole('button', { name: 'Link an application' }));
  await page.keyboard.press('Enter');
  // Focus lands on the first choice; Space picks it, arrows move among the enabled applications.
  await expect(page.getByRole('radio').first()).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page.getByRole('radio').first()).toBeChecked();
  await page.keyboard.press('ArrowDown');
  const chosen = await page.getByRole('radio', { checked: true }).getAttribute('value');
  expect(chosen).toBeTruthy();
  await tabTo(page, panel(page).getByRole('button', { name: 'Link', exact: true }));
  await page.keyboard.press('Enter');
  await expect(notifications(page)).toContainText('Linked');

  await tabTo(page, page.getByRole('button', { name: 'Unlink application' }));
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  // Cancel has the focus first; Escape closes without a change.
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(panel(page)).not.toContainText('No application is linked');

  // Focus went back to the button that opened the dialog.
  await expect(page.getByRole('button', { name: 'Unlink application' })).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Unlink' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(panel(page)).toContainText('No application is linked');
});
