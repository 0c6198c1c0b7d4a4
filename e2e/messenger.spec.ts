import { expect, test, type Page } from '@playwright/test';
import { accountRows, auth, editButton, notifications, openEditForm, resetSimulator, scriptBodies } from './support';

test.use({ storageState: auth('support') });
test.beforeEach(resetSimulator);

const pageId = () => `9${Date.now()}`.slice(0, 16);
const token = (tail: string) => `EAAG${'x'.repeat(40)}${tail}`;

async function createAccount(page: Page, id: string, name: string) {
  await page.goto('/w/acme/accounts');
  await page.getByRole('link', { name: 'Create Messenger account' }).click();
  await page.getByLabel('Facebook Page id').fill(id);
  await page.getByLabel('Page token').fill(token('AB12'));
  await page.getByLabel('Name (optional)').fill(name);
  await page.getByRole('radio', { name: /Acme Messages Staging/ }).check();
  await page.getByRole('button', { name: 'Create account' }).click();
}

test('create a Messenger account, rename it, rotate its token, delete it', async ({ page }) => {
  const id = pageId();
  await createAccount(page, id, 'Acme Pop-up Store');
  await expect(page).toHaveURL(new RegExp(`/w/acme/accounts/messenger/${id}$`));
  await expect(notifications(page)).toContainText('Created the Messenger account Acme Pop-up Store.');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Acme Pop-up Store');
  await expect(page.getByText('Set, ending in …AB12')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Linked application' })).toContainText('Acme Messages Staging');

  // The token field is never filled in, and the old token is nowhere on the page.
  await openEditForm(page);
  const newToken = page.getByLabel('New Page token');
  await expect(newToken).toHaveValue('');
  expect(await page.content()).not.toContain(token('AB12'));

  await page.getByLabel('Name', { exact: true }).fill('Acme Pop-up Store Berlin');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(notifications(page)).toContainText('Saved the name of Acme Pop-up Store Berlin.');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Acme Pop-up Store Berlin');
  // A save closes the form and gives the focus back to the button that opened it.
  await expect(editButton(page)).toBeFocused();

  await openEditForm(page);
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Acme Pop-up Store Berlin');
  await newToken.fill(token('ZZ99'));
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(notifications(page)).toContainText('Saved the Page token of Acme Pop-up Store Berlin.');
  await expect(page.getByText('Set, ending in …ZZ99')).toBeVisible();
  await openEditForm(page);
  await expect(newToken).toHaveValue('');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(newToken).toHaveCount(0);
  await expect(editButton(page)).toBeFocused();

  await page.getByRole('button', { name: 'Delete account…' }).click();
  const dialog = page.getByRole('dialog', { name: `Delete Acme Pop-up Store Berlin (Page ${id})?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(notifications(page)).toContainText(`Deleted the Messenger account Acme Pop-up Store Berlin (Page ${id}).`);
  await expect(page).toHaveURL(/\/w\/acme\/accounts\?provider=messenger$/);
  await expect(accountRows(page).first()).toBeVisible();
  await expect(page.getByRole('table')).not.toContainText(id);
  await page.goto(`/w/acme/accounts/messenger/${id}`);
  await expect(page.getByRole('heading', { name: 'Account not found' })).toBeVisible();
});

test('the form checks input in the browser with the server’s rules, and sends nothing until it is right', async ({ page }) => {
  const scripts = scriptBodies(page);
  await page.goto('/w/acme/accounts/new');
  await expect(page.getByRole('button', { name: 'Create account' })).toBeVisible();
  // A positive first: the form's own code has arrived, so the page's scripts are seen; only then the absence.
  await expect.poll(() => scripts.some('Create account')).toBe(true);
  await page.waitForLoadState('networkidle');
  // The rules (the server's zod schema) are fetched when the form is first used, not with the page.
  expect(await scripts.some('A Page token is at most 1000 characters')).toBe(false);
  const posts: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().includes('/api/')) posts.push(r.url());
  });
  await page.getByLabel('Facebook Page id').fill('12ab');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('A Facebook Page ID is 1 to 20 digits')).toBeVisible();
  await expect(page.getByText('Enter the Page token')).toBeVisible();
  await expect(page.getByLabel('Facebook Page id')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Facebook Page id')).toBeFocused();
  expect(posts).toEqual([]);
  expect(await scripts.some('A Page token is at most 1000 characters')).toBe(true);
});

test('when the rules cannot be fetched, the form is sent and the server’s check lands on the fields', async ({ page }) => {
  const scripts = scriptBodies(page);
  await page.goto('/w/acme/accounts/new');
  await expect(page.getByRole('button', { name: 'Create account' })).toBeVisible();
  // The form's code is in before the later chunks (the rules) are made to fail.
  await expect.poll(() => scripts.some('Create account')).toBe(true);
  await page.waitForLoadState('networkidle');
  await page.route('**/_next/static/chunks/**', (r) => r.abort());
  const posts: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().includes('/api/')) posts.push(r.url());
  });
  await page.getByLabel('Facebook Page id').fill('12ab');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByLabel('Facebook Page id')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Page token')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('A Facebook Page ID is 1 to 20 digits')).toBeVisible();
  expect(posts).toHaveLength(1);
  await expect(page.getByLabel('Facebook Page id')).toHaveValue('12ab');
  await expect(page).toHaveURL(/\/accounts\/new$/);
});

test('the server’s field errors land on their fields and nothing typed is lost', async ({ page }) => {
  await page.goto('/w/acme/accounts?provider=messenger');
  const existing = (await accountRows(page).first().getByRole('link').innerText()).trim();
  await page.getByRole('link', { name: 'Create Messenger account' }).click();
  await page.getByLabel('Facebook Page id').fill(existing);
  await page.getByLabel('Page token').fill(token('QQ11'));
  await page.getByLabel('Name (optional)').fill('A second Acme Support');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByLabel('Facebook Page id')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Vonage rejected this value')).toBeVisible();
  await expect(page.getByLabel('Facebook Page id')).toHaveValue(existing);
  await expect(page.getByLabel('Page token')).toHaveValue(token('QQ11'));
  await expect(page.getByLabel('Name (optional)')).toHaveValue('A second Acme Support');
  await expect(page).toHaveURL(/\/accounts\/new$/);
});

test('a name left unchanged with no new token is not sent', async ({ page }) => {
  await page.goto('/w/acme/accounts?provider=messenger');
  await accountRows(page).first().getByRole('link').click();
  await openEditForm(page);
  let patched = false;
  page.on('request', (r) => {
    if (r.method() === 'PATCH') patched = true;
  });
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Change the name, the Page token, or both')).toBeVisible();
  expect(patched).toBe(false);
});

test('the edit form’s code comes with the click, not with the page, and never on other providers’ pages', async ({ page }) => {
  const scripts = scriptBodies(page);
  const formCode = 'Leave empty to keep the current token.';
  await page.goto('/w/acme/accounts/whatsapp/447700900001');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Acme Support UK');
  // The account page's own code has arrived (it names the not-found case) before the edit form's absence counts.
  await expect.poll(() => scripts.some('Could not load the account')).toBe(true);
  await page.waitForLoadState('networkidle');
  await expect(editButton(page)).toHaveCount(0);

  await page.goto('/w/acme/accounts?provider=messenger');
  await accountRows(page).first().getByRole('link').click();
  await expect(editButton(page)).toBeVisible();
  // The button's own code is in (the form would load from it) before the form's absence counts.
  await expect.poll(() => scripts.some('The current token is never shown.')).toBe(true);
  await page.waitForLoadState('networkidle');
  expect(await scripts.some(formCode)).toBe(false);
  await expect(page.getByLabel('New Page token')).toHaveCount(0);

  await openEditForm(page);
  expect(await scripts.some(formCode)).toBe(true);
});
