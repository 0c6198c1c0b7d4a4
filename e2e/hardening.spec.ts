import { expect, test, type Page } from '@playwright/test';
import { auth, signInAs } from './support';

test.describe('signed out', () => {
  // A return path that folds into another site once tidied (A29) lands on the console instead.
  for (const callbackUrl of ['/.//evil.example', '/..//evil.example', '/%2e//evil.example', '/a/..//evil.example']) {
    test(`signing in from /signin?callbackUrl=${callbackUrl} stays on the console`, async ({ page }) => {
      await page.goto(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      await signInAs(page, 'support@demo.test');
      await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/w\/acme\/accounts$/);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    });
  }

  test('a return path on this site is kept: sign-in goes back to the page that asked for it', async ({ page }) => {
    await page.goto('/w/globex/accounts?provider=whatsapp');
    await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
    await signInAs(page, 'support@demo.test');
    await expect(page).toHaveURL(/\/w\/globex\/accounts\?provider=whatsapp$/);
    await expect(page).toHaveTitle('Accounts · Globex');
  });
});

/** Records every Content-Security-Policy violation the page reports. */
async function watchCsp(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
}

test.describe('signed in as support', () => {
  test.use({ storageState: auth('support') });

  test('no page breaks its CSP, which allows no inline style (A35)', async ({ page }) => {
    const violations = await watchCsp(page);
    await page.goto('/w/acme/accounts');
    await expect(page).toHaveTitle('Accounts · Acme Corp');
    await expect(page.getByRole('table').getByRole('row').nth(1)).toBeVisible();
    // The stylesheet applies: the header's title is bold.
    await expect(page.getByRole('link', { name: 'External Accounts' })).toHaveCSS('font-weight', '600');
    expect(await violations()).toEqual([]);

    await page.goto('/w/acme/accounts/whatsapp/447700900001');
    await page
      .getByRole('button', { name: /^(Link|Replace)/ })
      .first()
      .click();
    await expect(page.getByRole('radio').first()).toBeVisible();
    expect(await violations()).toEqual([]);

    await page.goto('/w/acme/accounts/new');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByText('Enter the Page token')).toBeVisible();
    expect(await violations()).toEqual([]);

    // The probe itself sees a violation when there is one: an inline <style> without the nonce.
    await page.evaluate(() => document.head.insertAdjacentHTML('beforeend', '<style>body { color: red }</style>'));
    await expect.poll(violations).toEqual([expect.stringMatching(/^style-src/)]);
  });

  test('a name with a text-direction override is refused by the form, on the name field (A34)', async ({ page }) => {
    await page.goto('/w/acme/accounts/new');
    await page.getByLabel('Facebook Page id').fill('990000000004444');
    await page.getByLabel('Page token').fill(`EAAG${'x'.repeat(40)}`);
    await page.getByLabel('Name (optional)').fill('Acme \u202Etroppus');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByLabel('Name (optional)')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('A name may not contain line breaks, control or text-direction characters')).toBeVisible();
    await expect(page).toHaveURL(/\/w\/acme\/accounts\/new$/);
  });
});

test('before the page’s script has run, a form holding a Page token or a password cannot be sent: nothing typed is lost, nothing lands in a URL', async ({
  browser,
}) => {
  // No script at all: what a click or Enter meets on a slow first load, before React has hydrated the form.
  const context = await browser.newContext({ storageState: auth('support'), javaScriptEnabled: false });
  const page = await context.newPage();
  const navigations: string[] = [];
  page.on('request', (r) => {
    if (r.isNavigationRequest()) navigations.push(`${r.method()} ${r.url()}`);
  });
  await page.goto('/w/acme/accounts/new');
  await expect(page.getByRole('button', { name: 'Create account' })).toBeDisabled();
  await page.getByLabel('Facebook Page id').fill('990000000004445');
  await page.getByLabel('Page token').fill(`EAAG${'y'.repeat(40)}`);
  // Enter in a field: a form whose default button is disabled is not sent.
  await page.getByLabel('Page token').press('Enter');
  await expect(page.getByLabel('Page token')).toHaveValue(`EAAG${'y'.repeat(40)}`);
  // A navigation of the test's own, after Enter: had Enter sent the form, its request would be listed before it.
  await page.goto('/signin');
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeDisabled();
  await page.getByRole('textbox', { name: 'Password' }).fill('a password typed early');
  await page.getByRole('textbox', { name: 'Password' }).press('Enter');
  await page.goto('/w/acme/accounts?probe=1');
  expect(navigations.map((n) => n.replace(/^(\w+) https?:\/\/[^/]+/, '$1 '))).toEqual([
    'GET /w/acme/accounts/new',
    'GET /signin',
    'GET /w/acme/accounts?probe=1',
  ]);
  await context.close();
});
