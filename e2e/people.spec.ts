import { expect, test, type Page } from '@playwright/test';
import {
  accountRows,
  auth,
  expectAccessible,
  GOOD_PASSWORD,
  invite,
  invitedPerson,
  resetSimulator,
  signInWith,
  tabTo,
  uniqueEmail,
} from './support';

/*
 * People and sign-in (issue 12, docs/security.md A31 and A37), as a new user
 * would try them. Every person invited here has an email of the test's own,
 * and anything that ends sessions ends only sessions made here.
 */

test.beforeAll(resetSimulator);

const sections = (page: Page) => page.getByRole('navigation', { name: 'Sections' });
/** A person's row, by their email exactly (`support@demo.test` is also the end of `sso-support@demo.test`). */
const peopleRow = (page: Page, email: string) =>
  page
    .getByRole('table', { name: 'People who may sign in' })
    .getByRole('row')
    .filter({ has: page.getByText(email, { exact: true }) });
const activityRows = (page: Page) => page.getByRole('region', { name: /^Activity in/ }).locator('tbody tr');
/** A change through the BFF that a read-only role is refused (403) before its body is read (400 for anyone else). */
const tryCreate = (page: Page, ws: string) =>
  page.request.post(`/api/workspaces/${ws}/accounts/messenger`, { headers: { 'x-csrf': '1' }, data: {} });

test.describe('owner@acme.test', () => {
  test.use({ storageState: auth('acme') });

  test('invites a colleague as read-only, who chooses a password, signs in and sees Acme read-only; the link works once', async ({
    page,
    browser,
  }) => {
    const email = uniqueEmail('colleague');
    await page.goto('/w/acme/accounts');
    await sections(page).getByRole('link', { name: 'People' }).click();
    await expect(page).toHaveURL(/\/w\/acme\/people$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('People');

    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Customer (read only)' });
    await page.getByRole('button', { name: 'Invite', exact: true }).click();
    const made = page.getByRole('status').filter({ hasText: `Invitation for ${email}` });
    await expect(made).toContainText('Send this link to them yourself');
    const link = await page.getByLabel('Invitation link').inputValue();
    expect(link).toMatch(/\/invite#[A-Za-z0-9_-]{20,}$/);
    const pending = page.getByRole('table', { name: 'Invitations not used yet' }).getByRole('row').filter({ hasText: email });
    await expect(pending).toContainText('Customer (read only)');
    await expect(pending).toContainText('owner@acme.test');

    // The colleague, in a browser of their own.
    const theirs = await browser.newContext();
    const colleague = await theirs.newPage();
    await colleague.goto(link);
    await expect(colleague.getByRole('heading', { name: 'Accept your invitation' })).toBeVisible();
    await expect(colleague.getByText(`For ${email}, as Customer (read only) of Acme Corp.`)).toBeVisible();
    const password = colleague.getByLabel('Choose a password');
    const again = colleague.getByLabel('The same password again');
    await colleague.getByLabel('Your name').fill('Cole League');

    await password.fill('short-one');
    await again.fill('short-one');
    await colleague.getByRole('button', { name: 'Set password and sign in' }).click();
    await expect(password).toHaveAttribute('aria-invalid', 'true');
    await expect(password).toHaveAccessibleDescription(/Use at least 12 characters/);

    // Long enough, but among the most common passwords: the server refuses it, against the field.
    await password.fill('qwerty123456');
    await again.fill('qwerty123456');
    await colleague.getByRole('button', { name: 'Set password and sign in' }).click();
    await expect(password).toHaveAccessibleDescription(/This password is among the most common ones\. Choose another\./);
    await expect(password).toHaveAttribute('aria-invalid', 'true');

    await password.fill(GOOD_PASSWORD);
    await again.fill(GOOD_PASSWORD);
    await colleague.getByRole('button', { name: 'Set password and sign in' }).click();
    await expect(colleague).toHaveURL(/\/w\/acme\/accounts$/);
    await expect(accountRows(colleague)).toHaveCount(20);
    const banner = colleague.getByRole('banner');
    await expect(banner).toContainText('Acme Corp');
    await expect(banner).toContainText('Cole League · Customer (read only)');
    // Acme only, read-only: no switcher, no People, no control that changes anything; the API refuses a change.
    await expect(sections(colleague).getByRole('link', { name: 'Activity' })).toBeVisible();
    await expect(sections(colleague).getByRole('link', { name: 'People' })).toHaveCount(0);
    await expect(colleague.getByRole('navigation', { name: 'Workspaces' })).toHaveCount(0);
    await expect(colleague.getByRole('link', { name: 'Create Messenger account' })).toHaveCount(0);
    expect((await tryCreate(colleague, 'acme')).status()).toBe(403);
    expect((await colleague.request.get('/api/workspaces/globex/accounts')).status()).toBe(404);
    expect((await colleague.request.get('/api/workspaces')).status()).toBe(200);
    expect(await (await colleague.request.get('/api/workspaces')).json()).toEqual([{ id: 'acme', name: 'Acme Corp' }]);
    await colleague.goto('/w/acme/people');
    await expect(colleague.getByRole('heading', { name: 'Not found' })).toBeVisible();

    // The same link again, in another browser: refused in plain words.
    const other = await browser.newContext();
    const second = await other.newPage();
    await second.goto(link);
    const refusal = second.getByRole('alert').filter({ hasText: 'This invitation cannot be used' });
    await expect(refusal).toContainText('This invitation has already been used. Sign in, or ask for a new one.');
    await expect(second.getByRole('link', { name: 'Go to sign-in' })).toBeVisible();
    await expect(second.getByLabel('Choose a password')).toHaveCount(0);
    await other.close();
    await theirs.close();

    // The owner's People page: the colleague may sign in now, and the invitation is no longer pending.
    await page.reload();
    const row = peopleRow(page, email);
    await expect(row).toContainText('Cole League');
    await expect(row.getByLabel(`Role of ${email}`)).toHaveValue('customer-viewer');
    await expect(row).toContainText('Password (invited)');
    await expect(row).toContainText('1 active session');
    await expect(page.getByRole('table', { name: 'People who may sign in' })).not.toContainText('owner@globex.test');
    await expect(page.getByRole('table', { name: 'Invitations not used yet' }).getByRole('row').filter({ hasText: email })).toHaveCount(0);

    // …and the Activity page: the invitation, its use, and the colleague's sign-in.
    await sections(page).getByRole('link', { name: 'Activity' }).click();
    await page.getByLabel('Account or target id').fill(email);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(activityRows(page)).toHaveCount(3);
    const [signIn, used, invited] = [activityRows(page).nth(0), activityRows(page).nth(1), activityRows(page).nth(2)];
    await expect(signIn).toContainText('Sign-in');
    await expect(signIn).toContainText('Cole League');
    await expect(used).toContainText('Accepted an invitation');
    await expect(used).toContainText('Done');
    await expect(invited).toContainText('Invited a person');
    await expect(invited).toContainText('owner@acme.test');
    await expect(invited).toContainText('Role: customer-viewer');
  });

  test('may give only the two customer roles, and has no People in another workspace', async ({ page }) => {
    await page.goto('/w/acme/people');
    const role = page.getByLabel('Role', { exact: true });
    await expect(role).toBeVisible();
    await expect(role.locator('option')).toHaveText(['Customer', 'Customer (read only)']);
    // Past the page, the API refuses a staff role, or another workspace, and says why.
    const staff = await page.request.post('/api/people/invitations', {
      headers: { 'x-csrf': '1' },
      data: { email: uniqueEmail('would-be-admin'), role: 'admin' },
    });
    expect(staff.status()).toBe(403);
    expect((await staff.json()).detail).toBe('You may give only the customer roles, in your own workspace.');
    const elsewhere = await page.request.post('/api/people/invitations', {
      headers: { 'x-csrf': '1' },
      data: { email: uniqueEmail('globex-colleague', 'globex.test'), role: 'customer', workspace: 'globex' },
    });
    expect(elsewhere.status()).toBe(403);
    // Nobody of another workspace is listed to them, and another workspace's People page is not found.
    const listed = (await (await page.request.get('/api/people')).json()) as { people: { workspace: string | null }[] };
    expect(listed.people.length).toBeGreaterThan(0);
    expect(listed.people.every((p) => p.workspace === 'acme')).toBe(true);
    const res = await page.goto('/w/globex/people');
    expect(res?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'People' })).toHaveCount(0);
  });

  test('the People page passes axe and its invite form works by keyboard alone', async ({ page }) => {
    await page.goto('/w/acme/people');
    await expect(page.getByRole('table', { name: 'People who may sign in' })).toBeVisible();
    await expectAccessible(page);

    const email = uniqueEmail('keyboard');
    const field = page.getByLabel('Email', { exact: true });
    await tabTo(page, field);
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    const role = page.getByLabel('Role', { exact: true });
    await expect(role).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(role).toHaveValue('customer');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Invite', exact: true })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: `Invitation for ${email}` })).toBeVisible();
    const link = page.getByLabel('Invitation link');
    await tabTo(page, link);
    expect(await link.inputValue()).toMatch(/\/invite#/);
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Copy link' })).toBeFocused();
    await expect(page.getByRole('table', { name: 'Invitations not used yet' }).getByRole('row').filter({ hasText: email })).toContainText(
      'Customer',
    );
    await expectAccessible(page);
  });
});

test('the invitation page passes axe, open and refused', async ({ browser }) => {
  const admin = await browser.newContext({ storageState: auth('admin') });
  const link = await invite(admin.request, { email: uniqueEmail('axe'), role: 'customer-viewer', workspace: 'globex' });
  await admin.close();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Accept your invitation' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Set password and sign in' }).click();
  await expect(page.getByLabel('Your name')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
  await page.goto('/invite#not-a-real-invitation-token-at-all');
  await expect(page.getByRole('alert').filter({ hasText: 'This invitation cannot be used' })).toContainText(
    'This invitation link is not valid. Ask for a new one.',
  );
  await expectAccessible(page);
  await context.close();
});

test.describe('staff without People', () => {
  for (const role of ['support', 'viewer'] as const) {
    test(`${role}@demo.test has no People section`, async ({ browser }) => {
      const context = await browser.newContext({ storageState: auth(role) });
      const page = await context.newPage();
      await page.goto('/w/acme/accounts');
      await expect(sections(page).getByRole('link', { name: 'Activity' })).toBeVisible();
      await expect(sections(page).getByRole('link', { name: 'People' })).toHaveCount(0);
      const res = await page.goto('/w/acme/people');
      expect(res?.status()).toBe(404);
      await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
      expect((await page.request.get('/api/people')).status()).toBe(403);
      await context.close();
    });
  }
});

test.describe('admin@demo.test', () => {
  test.use({ storageState: auth('admin') });

  test('sees everyone, changes an invited person’s role, disables them (their session ends at once), enables them, and revokes sessions', async ({
    page,
    browser,
  }) => {
    // Someone of this test's own, signed in in their own browser as a read-only customer of globex.
    const theirs = await browser.newContext();
    const email = await invitedPerson(theirs.request, page.request, 'Gina Globex', 'customer-viewer', 'globex');
    const person = await theirs.newPage();
    await person.goto('/signin');
    await signInWith(person, email, GOOD_PASSWORD);
    await expect(person).toHaveURL(/\/w\/globex\/accounts$/);
    expect((await tryCreate(person, 'globex')).status()).toBe(403);

    await page.goto('/w/acme/people');
    await expect(page.getByText('Everyone who may sign in to the console.')).toBeVisible();
    for (const who of ['admin@demo.test', 'support@demo.test', 'viewer@demo.test', 'owner@acme.test', 'owner@globex.test', email])
      await expect(peopleRow(page, who)).toHaveCount(1);
    await expect(peopleRow(page, 'support@demo.test')).toContainText('Set in the config file');
    await expect(page.getByLabel('Role', { exact: true }).locator('option')).toHaveText([
      'Admin',
      'Support',
      'Viewer (read only)',
      'Customer',
      'Customer (read only)',
    ]);

    // Read-only to customer: the change takes effect on their next requests.
    const row = peopleRow(page, email);
    await expect(row).toContainText('1 active session');
    await row.getByLabel(`Role of ${email}`).selectOption('customer');
    await expect(page.getByRole('status').filter({ hasText: `${email} is now Customer.` })).toBeAttached();
    await expect(row.getByLabel(`Role of ${email}`)).toHaveValue('customer');
    await expect.poll(async () => (await tryCreate(person, 'globex')).status(), { timeout: 10_000 }).toBe(400);

    // Disabled: their open session is refused at once, and their page goes to sign-in.
    await row.getByRole('button', { name: `Disable ${email}` }).click();
    const dialog = page.getByRole('dialog', { name: `Disable ${email}?` });
    await dialog.getByRole('button', { name: 'Disable' }).click();
    await expect(dialog).toBeHidden();
    await expect(row).toContainText('Disabled');
    expect((await person.request.get('/api/workspaces/globex/accounts')).status()).toBe(401);
    await person.reload();
    await expect(person).toHaveURL(/\/signin/);
    await signInWith(person, email, GOOD_PASSWORD);
    await expect(person.getByText('Sign-in failed. Check the email and password.')).toBeVisible();

    // Enabled again: they may sign in.
    await row.getByRole('button', { name: `Enable ${email}` }).click();
    await expect(row.getByRole('button', { name: `Disable ${email}` })).toBeVisible();
    await expect(row).not.toContainText('Disabled');
    await signInWith(person, email, GOOD_PASSWORD);
    await expect(person).toHaveURL(/\/w\/globex\/accounts$/);
    await expect(accountRows(person).first()).toBeVisible();

    // Their sessions revoked: refused at once, though they stay enabled.
    await page.reload();
    await expect(row).toContainText('1 active session');
    await row.getByRole('button', { name: `Sign ${email} out everywhere` }).click();
    const revoke = page.getByRole('dialog', { name: `Sign ${email} out everywhere?` });
    await revoke.getByRole('button', { name: 'Sign out everywhere' }).click();
    await expect(revoke).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: `Every session of ${email} ended.` })).toBeAttached();
    await expect(row).toContainText('0 active sessions');
    expect((await person.request.get('/api/workspaces/globex/accounts')).status()).toBe(401);
    await person.reload();
    await expect(person).toHaveURL(/\/signin/);
    await theirs.close();

    // The admin may not change a config user nor themselves.
    await expect(peopleRow(page, 'owner@acme.test').getByRole('button', { name: 'Disable owner@acme.test' })).toHaveCount(0);
    await expect(peopleRow(page, 'admin@demo.test').getByRole('button', { name: 'Sign admin@demo.test out everywhere' })).toBeDisabled();
  });
});
