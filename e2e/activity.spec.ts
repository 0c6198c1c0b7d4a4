import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { auth, editButton, expectAccessible, notifications, openEditForm, refreshIndex, resetSimulator } from './support';

test.beforeAll(resetSimulator);

const token = (tail: string) => `EAAG${'q'.repeat(40)}${tail}`;
const activityRows = (page: Page) => page.getByRole('region', { name: /^Activity in/ }).locator('tbody tr');

/** A Messenger account of acme's of this test's own, made through the BFF. */
async function freshAccount(request: APIRequestContext): Promise<string> {
  const id = `96${Date.now()}`.slice(0, 15);
  const res = await request.post('/api/workspaces/acme/accounts/messenger', {
    headers: { 'x-csrf': '1' },
    data: { externalId: id, accessToken: token('OLD1'), name: 'Activity Store' },
  });
  expect(res.status()).toBe(201);
  return id;
}

test.describe('as support', () => {
  test.use({ storageState: auth('support') });

  test('a rename with a new token, and a viewer refused, show on the Activity page with who, what and no token', async ({
    page,
    browser,
  }) => {
    const id = await freshAccount(page.request);
    await page.goto(`/w/acme/accounts/messenger/${id}`);
    await openEditForm(page);
    await page.getByLabel('Name', { exact: true }).fill('Activity Store Berlin');
    await page.getByLabel('New Page token').fill(token('NEW2'));
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(notifications(page)).toContainText('Saved');
    await expect(editButton(page)).toBeVisible();

    // A viewer has no control to change anything; the API refuses them all the same, and that is recorded.
    const viewer = await browser.newContext({ storageState: auth('viewer') });
    const refused = await viewer.request.post(`/api/workspaces/acme/accounts/messenger/${id}/applications`, {
      headers: { 'x-csrf': '1' },
      data: { applicationId: '6a2b1f7e-1c1d-4e0a-9b4e-0d7c1b2a3f4e' },
    });
    expect(refused.status()).toBe(403);
    await viewer.close();

    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Activity' }).click();
    await expect(page).toHaveTitle('Activity · Acme Corp');
    await page.getByLabel('Account or target id').fill(id);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(new RegExp(`/w/acme/activity\\?target=${id}$`));
    await expect(activityRows(page)).toHaveCount(3);
    const [refusal, rename, created] = [activityRows(page).nth(0), activityRows(page).nth(1), activityRows(page).nth(2)];
    await expect(refusal).toContainText('Vic Viewer');
    await expect(refusal).toContainText('Linked an application');
    await expect(refusal).toContainText('Refused');
    await expect(rename).toContainText('Renamed a Messenger account and gave it a new Page token');
    await expect(rename).toContainText('Name: Activity Store → Activity Store Berlin');
    await expect(rename).toContainText('Page token: …OLD1 → …NEW2');
    await expect(rename).toContainText('Sam Support');
    await expect(created).toContainText('Created a Messenger account');
    const html = await page.content();
    expect(html).not.toContain(token('OLD1'));
    expect(html).not.toContain(token('NEW2'));

    // Filters live in the URL: a reload shows the same, and the outcome filter narrows it.
    await page.getByLabel('Outcome').selectOption('denied');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/outcome=denied/);
    await expect(activityRows(page)).toHaveCount(1);
    await page.reload();
    await expect(activityRows(page)).toHaveCount(1);
    await expect(page.getByLabel('Outcome')).toHaveValue('denied');
    await expectAccessible(page);
  });

  test('staff see every workspace, and the export is a file', async ({ page }) => {
    await page.goto('/w/acme/activity');
    await page.getByRole('link', { name: 'Every workspace' }).click();
    await expect(page).toHaveURL(/scope=all/);
    await expect(page.getByRole('region', { name: 'Activity in every workspace, newest first' })).toBeVisible();
    await page.getByRole('navigation', { name: 'Whose activity' }).getByRole('link', { name: 'Acme Corp' }).click();
    await expect(page).not.toHaveURL(/scope=all/);
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'CSV' }).click();
    expect((await download).suggestedFilename()).toMatch(/^activity-acme-\d{4}-\d{2}-\d{2}\.csv$/);
  });

  test('a date filter that is not a date is refused on its field before anything is sent', async ({ page }) => {
    await page.goto('/w/initech/activity');
    await expect(page.getByText('Nothing has happened here yet')).toBeVisible();
    await page.getByLabel('Person (email)').fill('no one');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/\/w\/initech\/activity\?actor=no\+one$/);
    await expect(page.getByText('No event matches these filters')).toBeVisible();
  });
});

test.describe('as a customer', () => {
  test.use({ storageState: auth('acme') });

  test("sees their workspace's activity, with staff shown as Support, and no way to every workspace", async ({ page }) => {
    await page.goto('/w/acme/activity?actor=support%40demo.test');
    await expect(activityRows(page).first()).toContainText('Support — Sam Support');
    await expect(page.getByText('support@demo.test', { exact: true })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Every workspace' })).toHaveCount(0);
    await page.goto('/w/acme/activity?scope=all');
    await expect(page.getByRole('region', { name: 'Activity in Acme Corp, newest first' })).toBeVisible();
  });
});

test.describe('the account page', () => {
  test.use({ storageState: auth('support') });

  test("shows the account's history, refreshed after a change made there", async ({ page }) => {
    const id = await freshAccount(page.request);
    await page.goto(`/w/acme/accounts/messenger/${id}`);
    const history = page.getByRole('region', { name: 'Changes to this account, newest first' });
    await expect(history.locator('tbody tr')).toHaveCount(1);
    await expect(history).toContainText('Created a Messenger account');
    await openEditForm(page);
    await page.getByLabel('Name', { exact: true }).fill('Activity Store Paris');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(history.locator('tbody tr')).toHaveCount(2);
    await expect(history.locator('tbody tr').first()).toContainText('Name: Activity Store → Activity Store Paris');
    await page.getByRole('link', { name: 'All activity for this account' }).click();
    await expect(page).toHaveURL(new RegExp(`/w/acme/activity\\?target=${id}$`));
  });

  test('names the application a link changed, and the provider, in words', async ({ page }) => {
    // The index names applications: read acme again now, as its Refresh button does.
    await refreshIndex(page, 'acme');
    const id = await freshAccount(page.request);
    await page.goto(`/w/acme/accounts/messenger/${id}`);
    const panel = page.getByRole('region', { name: 'Linked application' });
    await panel.getByRole('button', { name: 'Link an application' }).click();
    await page.getByRole('radio', { name: /Acme Support Bot/ }).check();
    await panel.getByRole('button', { name: 'Link', exact: true }).click();
    const history = page.getByRole('region', { name: 'Changes to this account, newest first' });
    await expect(history.locator('tbody tr')).toHaveCount(2);
    const link = history.locator('tbody tr').first();
    await expect(link).toContainText('Linked an application');
    await expect(link).toContainText('Applications: Acme Support Bot');
    await expect(link).toContainText(`Messenger ${id}`);
  });
});
