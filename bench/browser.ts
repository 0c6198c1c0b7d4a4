/**
 * What a user of the console feels, in Debian's chromium: the JavaScript each page
 * makes the browser fetch, and how soon a click shows its result.
 */
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../scripts/chromium.mjs';

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}

/** A fresh context (empty cache) signed in with the session cookie, or anonymous. */
export async function newContext(browser: Browser, origin: string, sessionCookie?: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  if (sessionCookie) {
    const [name, ...rest] = sessionCookie.split('=');
    await context.addCookies([{ name: name!, value: rest.join('='), url: origin, httpOnly: true, sameSite: 'Lax' }]);
  }
  return context;
}

export interface PageWeight {
  /** Gzip bytes of every script the page fetched until the network was quiet. */
  kib: number;
  /** The same scripts uncompressed. */
  rawKiB: number;
  scripts: number;
}

/** Fetched scripts, from Resource Timing: encodedBodySize is what came over the wire (gzip from `next start`). */
export async function pageWeight(browser: Browser, origin: string, path: string, ready: string, cookie?: string): Promise<PageWeight> {
  const context = await newContext(browser, origin, cookie);
  try {
    const page = await context.newPage();
    await page.goto(origin + path, { waitUntil: 'networkidle' });
    await page.locator(ready).first().waitFor();
    await page.waitForLoadState('networkidle');
    const entries = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((e) => e as PerformanceResourceTiming)
        .filter((e) => e.initiatorType === 'script' || new URL(e.name).pathname.endsWith('.js'))
        .map((e) => ({ name: e.name, encoded: e.encodedBodySize, decoded: e.decodedBodySize })),
    );
    const encoded = entries.reduce((a, e) => a + e.encoded, 0);
    const decoded = entries.reduce((a, e) => a + e.decoded, 0);
    if (entries.length === 0 || encoded === 0) throw new Error(`${path}: no scripts were measured`);
    if (encoded >= decoded) throw new Error(`${path}: scripts came uncompressed; the gzip figure would be wrong`);
    return { kib: encoded / 1024, rawKiB: decoded / 1024, scripts: entries.length };
  } finally {
    await context.close();
  }
}

/** In-page source: calls back in the first task after the next frame, by when that frame has been painted. */
const AFTER_PAINT = `(done) => requestAnimationFrame(() => {
  const ch = new MessageChannel();
  ch.port1.onmessage = done;
  ch.port2.postMessage(null);
})`;

/**
 * Arms a probe: the time from the next real click (its event timestamp) until `done()` holds in the
 * DOM and a frame has been painted after it (rAF, then a task: the paint has happened by then).
 */
async function armClickProbe(page: Page, doneScript: string): Promise<void> {
  // A string, not a function: tsx would wrap the function's inner names in a helper the page does not have.
  await page.evaluate(`(() => {
    const done = () => ${doneScript};
    window.__probe = new Promise((resolve, reject) => {
      let clickedAt = -1;
      const timer = setTimeout(() => reject(new Error('the click showed no result within 10 s')), 10000);
      const observer = new MutationObserver(() => { if (clickedAt >= 0 && done()) finish(); });
      function finish() {
        observer.disconnect();
        clearTimeout(timer);
        (${AFTER_PAINT})(() => resolve(performance.now() - clickedAt));
      }
      window.addEventListener('click', (e) => {
        clickedAt = e.timeStamp;
        observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
        if (done()) finish();
      }, { capture: true, once: true });
    });
  })()`);
}

const probeResult = (page: Page) => page.evaluate('window.__probe') as Promise<number>;

/**
 * Click "Next" on a list whose next page is already prefetched, until the new page's rows are painted.
 * `pageUrl(p)` is the BFF call for page p (the prefetch to wait for).
 */
export async function nextPageFeel(
  page: Page,
  origin: string,
  listPath: string,
  prefetchUrl: (p: number) => string,
  samples: number,
): Promise<number[]> {
  const fetched = new Set<string>();
  page.on('response', (r) => {
    if (r.ok()) fetched.add(r.url());
  });
  await page.goto(origin + listPath);
  await page.locator('table tbody tr a').first().waitFor();
  const times: number[] = [];
  for (let p = 1; p <= samples; p++) {
    const nextUrl = prefetchUrl(p + 1);
    await waitFor(() => fetched.has(nextUrl), `prefetch of page ${p + 1}`);
    const firstId = await page.locator('table tbody tr a').first().textContent();
    await armClickProbe(
      page,
      `(() => { const a = document.querySelector('table tbody tr a'); return !!a && a.textContent !== ${JSON.stringify(firstId)}; })()`,
    );
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Next', exact: true }).click();
    times.push(await probeResult(page));
    await page
      .getByText(`Page ${p + 1}`, { exact: false })
      .first()
      .waitFor();
  }
  return times;
}

/**
 * Link an application on an account page: from the click on "Link" to the panel showing the linked
 * application (the BFF and Vonage have answered). `reset()` unlinks it again between samples.
 */
export async function linkFeel(
  page: Page,
  origin: string,
  accountPath: string,
  application: { name: string; inboundUrl: string },
  reset: () => Promise<void>,
  samples: number,
): Promise<number[]> {
  const times: number[] = [];
  const panel = page.getByRole('region', { name: 'Linked application' });
  for (let i = 0; i < samples; i++) {
    await page.goto(origin + accountPath);
    await panel.getByRole('button', { name: 'Link an application' }).click();
    await page.getByRole('radio', { name: new RegExp(escapeRegExp(application.name)) }).check();
    await armClickProbe(
      page,
      `(() => { const r = document.querySelector('section[aria-labelledby="app-heading"]'); return !!r && r.textContent.includes('Unlink application') && r.textContent.includes(${JSON.stringify(application.inboundUrl)}); })()`,
    );
    await panel.getByRole('button', { name: 'Link', exact: true }).click();
    times.push(await probeResult(page));
    await panel.getByRole('button', { name: 'Unlink application' }).waitFor();
    await reset();
  }
  return times;
}

export interface LcpSample {
  lcpMs: number;
  /** When the first account row was painted (the page's data comes from the BFF after the shell). */
  rowsMs: number;
  element: string;
}

/** In-page source, before any of the page's own: `window.__rowsAt` is set once the first account row has been painted. */
const ROWS_PROBE = `(() => {
  const observer = new MutationObserver(() => {
    if (window.__rowsAt === undefined && document.querySelector('table tbody tr a')) {
      observer.disconnect();
      (${AFTER_PAINT})(() => (window.__rowsAt = performance.now()));
    }
  });
  observer.observe(document, { subtree: true, childList: true });
})()`;

const rowsAt = (page: Page) =>
  page
    .waitForFunction(() => (window as unknown as { __rowsAt?: number }).__rowsAt, undefined, { timeout: 20_000 })
    .then(async (h) => (await h.jsonValue()) as number);

/** Largest Contentful Paint of a first visit (fresh context, empty cache), after the rows are in. */
export async function lcp(browser: Browser, origin: string, path: string, cookie: string, samples: number): Promise<LcpSample[]> {
  const out: LcpSample[] = [];
  for (let i = 0; i < samples; i++) {
    const context = await newContext(browser, origin, cookie);
    await context.addInitScript(ROWS_PROBE);
    const page = await context.newPage();
    await page.goto(origin + path);
    await rowsAt(page);
    const sample = (await page.evaluate(`new Promise((resolve) => {
      new PerformanceObserver((list) => {
        const entries = list.getEntries();
        const last = entries[entries.length - 1];
        const el = last.element;
        resolve({
          lcpMs: last.startTime,
          rowsMs: window.__rowsAt,
          element: el ? el.tagName.toLowerCase() + ': ' + (el.textContent || '').trim().slice(0, 40) : 'unknown',
        });
      }).observe({ type: 'largest-contentful-paint', buffered: true });
    })`)) as LcpSample;
    out.push(sample);
    await context.close();
  }
  return out;
}

/** A support agent's laptop on a poor connection: a 4× CPU slowdown, 150 ms latency, 1.6 Mbps down, 750 kbps up. */
export const SLOW_PROFILE = { cpuSlowdown: 4, latencyMs: 150, downloadKbps: 1600, uploadKbps: 750 };

/**
 * A first visit (fresh context, empty cache) on the slow profile, emulated by chromium (CDP): the time from the
 * navigation's start (the page's time origin) until its first account row has been painted.
 */
export async function slowProfileRows(browser: Browser, origin: string, path: string, cookie: string, samples: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const context = await newContext(browser, origin, cookie);
    await context.addInitScript(ROWS_PROBE);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOW_PROFILE.cpuSlowdown });
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: SLOW_PROFILE.latencyMs,
      downloadThroughput: (SLOW_PROFILE.downloadKbps * 1000) / 8,
      uploadThroughput: (SLOW_PROFILE.uploadKbps * 1000) / 8,
    });
    await page.goto(origin + path);
    out.push(await rowsAt(page));
    await context.close();
  }
  return out;
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
