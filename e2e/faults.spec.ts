import { expect, test, type Page } from '@playwright/test';
import { accountRows, auth, clearFaults, notifications, openEditForm, resetSimulator, setFaults, upstreamPath } from './support';

/*
 * Each failure a user can meet, made real by the simulator's faults: the
 * console must say in plain words what happened and what to do.
 */
test.use({ storageState: auth('support') });
test.beforeEach(resetSimulator);
test.afterEach(clearFaults);

const ACCOUNT = '447700900003';
const linkPath = `${upstreamPath('whatsapp', ACCOUNT)}/applications`;
const panel = (page: Page) => page.getByRole('region', { name: 'Linked application' });

async function tryToLink(page: Page, app = 'Acme Support Bot') {
  await page.goto(`/w/acme/accounts/whatsapp/${ACCOUNT}`);
  await panel(page).getByRole('button', { name: 'Link an application' }).click();
  await page.getByRole('radio', { name: new RegExp(app) }).check();
  await panel(page).getByRole('button', { name: 'Link', exact: true }).click();
}

const CASES: { status: number; headers?: Record<string, string>; hang?: boolean; says: string }[] = [
  { status: 409, says: 'Another application is already linked to this account. Unlink it first, or use Replace.' },
  {
    status: 403,
    says: 'That application cannot take messages: it has no Messages capability, or it no longer exists. Choose one with the Messages capability.',
  },
  { status: 429, headers: { 'retry-after': '7' }, says: 'Too many requests. Try again in 7 seconds. Nothing was changed.' },
  { status: 500, says: 'Vonage is failing right now. Nothing was changed; try again in a minute.' },
  {
    status: 0,
    hang: true,
    says: 'Vonage is too slow: it did not answer in time, so the console does not know whether the change was made.',
  },
];

for (const c of CASES) {
  const name = c.hang ? 'no answer (504)' : `upstream ${c.status}`;
  test(`a link that meets ${name} says so in plain words and keeps the choice`, async ({ page }) => {
    await setFaults({
      script: [
        {
          method: 'POST',
          path: linkPath,
          ...(c.hang ? { hang: true } : { status: c.status }),
          ...(c.headers ? { headers: c.headers } : {}),
        },
      ],
    });
    await tryToLink(page);
    await expect(panel(page).getByRole('alert')).toContainText(c.says, { timeout: 15_000 });
    await expect(notifications(page).getByRole('alert')).toContainText(c.says);
    await expect(page.getByRole('radio', { name: /Acme Support Bot/ })).toBeChecked();
    await expect(panel(page).getByRole('button', { name: 'Link', exact: true })).toBeEnabled();
  });
}

test('a replace whose link fails puts the old application back and says so', async ({ page }) => {
  await page.goto('/w/acme/accounts/whatsapp/447700900001');
  await expect(panel(page)).toContainText('Acme Messages Production');
  await setFaults({ script: [{ method: 'POST', path: `${upstreamPath('whatsapp', '447700900001')}/applications`, status: 500 }] });
  await panel(page).getByRole('button', { name: 'Replace application' }).click();
  await page.getByRole('radio', { name: /Acme Omnichannel/ }).check();
  await panel(page).getByRole('button', { name: 'Replace', exact: true }).click();
  await expect(panel(page).getByRole('alert')).toContainText(
    'Could not link Acme Omnichannel, so Acme Messages Production is linked again. Vonage is failing right now.',
  );
  await page.reload();
  await expect(panel(page)).toContainText('Acme Messages Production');
});

test('a replace whose link and restore both fail says the account is left with none', async ({ page }) => {
  await page.goto('/w/acme/accounts/whatsapp/447700900001');
  await expect(panel(page)).toContainText('Acme Messages Production');
  const path = `${upstreamPath('whatsapp', '447700900001')}/applications`;
  await setFaults({
    script: [
      { method: 'POST', path, status: 500 },
      { method: 'POST', path, status: 500 },
    ],
  });
  await panel(page).getByRole('button', { name: 'Replace application' }).click();
  await page.getByRole('radio', { name: /Acme Omnichannel/ }).check();
  await panel(page).getByRole('button', { name: 'Replace', exact: true }).click();
  await expect(panel(page).getByRole('alert')).toContainText(
    'Could not link Acme Omnichannel, and putting Acme Messages Production back failed too: this account now has no application.',
  );
  await expect(panel(page)).toContainText('No application is linked');
  // The form stays open as a plain link form, so the user can put one back at once.
  await expect(panel(page).getByRole('button', { name: 'Link', exact: true })).toBeVisible();
});

test('when Vonage fails on reads, the page says so, switches changes off, and recovers on retry', async ({ page }) => {
  await page.goto('/w/acme/accounts');
  await expect(accountRows(page)).toHaveCount(20);
  await setFaults({ errorRate: 1, errorStatus: 500 });
  await page.goto('/w/acme/accounts?provider=viber_service_msg');
  const error = page.getByRole('alert').filter({ hasText: 'Could not load the Viber accounts' });
  await expect(error).toContainText(/Vonage is failing right now|pauses calls/, { timeout: 15_000 });
  await expect(page.getByText('Vonage is failing or slow right now.')).toBeVisible();

  // An account read before the failure stays on screen, marked, with its change controls off.
  await clearFaults();
  await page.goto(`/w/acme/accounts/whatsapp/${ACCOUNT}`);
  await expect(panel(page).getByRole('button', { name: 'Link an application' })).toBeEnabled();
  await setFaults({ errorRate: 1, errorStatus: 500 });
  await page.getByRole('link', { name: '← All accounts' }).click();
  await expect(page.getByText('Vonage is failing or slow right now.')).toBeVisible({ timeout: 15_000 });
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Acme Deliveries');
  await expect(panel(page).getByRole('button', { name: 'Link an application' })).toBeDisabled();
  await expect(panel(page)).toContainText('Changes are switched off while Vonage is failing.');

  await clearFaults();
  await page.goto('/w/acme/accounts?provider=viber_service_msg');
  await expect(async () => {
    if (await page.getByRole('button', { name: 'Try again' }).isVisible()) await page.getByRole('button', { name: 'Try again' }).click();
    await expect(accountRows(page).first()).toContainText('Viber', { timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByText('Vonage is failing or slow right now.')).toBeHidden();
});

test('a workspace with no accounts says what to do', async ({ page }) => {
  // The demo's Initech has no accounts at all.
  await page.goto('/w/initech/accounts');
  await expect(page).toHaveTitle('Accounts · Initech');
  await expect(page.getByText('No accounts in this workspace yet')).toBeVisible();
  await expect(page.getByText(/WhatsApp, Viber and RCS accounts are set up in the Vonage API Dashboard/)).toBeVisible();
  await page.getByRole('link', { name: 'Create a Messenger account' }).click();
  await expect(page).toHaveURL(/\/w\/initech\/accounts\/new$/);
});

test('while a change is in flight its button is busy and cannot be pressed twice', async ({ page }) => {
  await setFaults({ script: [{ method: 'POST', path: linkPath, passThrough: true, delayMs: 1500 }] });
  const posts: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST') posts.push(r.url());
  });
  await tryToLink(page);
  const button = panel(page).getByRole('button', { name: 'Link', exact: true });
  await expect(button).toBeDisabled();
  await expect(button).toHaveAttribute('aria-busy', 'true');
  await expect(page.getByRole('radio', { name: /Acme Support Bot/ })).toBeDisabled();
  await expect(notifications(page)).toContainText('Linked Acme Support Bot to Acme Deliveries.');
  expect(posts).toHaveLength(1);
});

test('unlink, rename and delete failures are announced in plain words, and nothing changes', async ({ page }) => {
  await page.goto('/w/acme/accounts/whatsapp/447700900001');
  await setFaults({ script: [{ method: 'DELETE', path: `${upstreamPath('whatsapp', '447700900001')}/applications`, status: 500 }] });
  await expect(panel(page)).toContainText('Acme Messages Production');
  await panel(page).getByRole('button', { name: 'Unlink application' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Unlink' }).click();
  await expect(notifications(page).getByRole('alert')).toContainText(
    'Could not unlink Acme Messages Production. Vonage is failing right now. Nothing was changed; try again in a minute.',
  );
  await expect(panel(page)).toContainText('Acme Messages Production');

  await page.goto('/w/acme/accounts?provider=messenger');
  await page
    .getByRole('link', { name: /^[0-9]+$/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/accounts\/messenger\/[0-9]+$/);
  await expect(page.getByRole('region', { name: 'Edit' })).toBeVisible();
  const id = page.url().split('/').pop() ?? '';
  const name = await page.getByRole('heading', { level: 1 }).innerText();
  await setFaults({ script: [{ method: 'PATCH', path: upstreamPath('messenger', id), status: 429, headers: { 'retry-after': '12' } }] });
  await openEditForm(page);
  await page.getByLabel('Name', { exact: true }).fill(`${name} renamed`);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('region', { name: 'Edit' }).getByRole('alert')).toContainText(
    'Too many requests. Try again in 12 seconds. Nothing was changed.',
  );
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(`${name} renamed`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);

  await setFaults({ script: [{ method: 'DELETE', path: upstreamPath('messenger', id), status: 502 }] });
  await page.getByRole('button', { name: 'Delete account…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(notifications(page).getByRole('alert').last()).toContainText('Vonage is failing right now. Nothing was changed');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
});
