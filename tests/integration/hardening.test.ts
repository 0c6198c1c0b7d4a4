import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { call, expectNoUpstream, stack } from '../support/api';

/** Bytes on a socket, exactly as written: request targets no HTTP client would send. */
function rawRequest(requestLine: string, headers: string[] = []): Promise<{ status: number; head: string; body: string }> {
  const url = new URL(stack().consoleUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    let data = '';
    socket.on('data', (c) => (data += c.toString('latin1')));
    socket.on('end', () => {
      const [head = '', body = ''] = data.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), head: head.toLowerCase(), body });
    });
    socket.on('error', reject);
    socket.write([requestLine, `Host: ${url.host}`, 'Connection: close', ...headers, '', ''].join('\r\n'));
  });
}

const consoleLog = () => readFileSync(path.join(stack().dataDir, 'console.log'), 'utf8');

describe('malformed requests are refused at the front door (A33)', () => {
  it.each([
    ['bad percent-encoding', 'GET /api/workspaces/%C0%AF/accounts HTTP/1.1'],
    ['a lone %', 'GET /api/% HTTP/1.1'],
    ['TRACE', 'TRACE /api/workspaces/acme/accounts HTTP/1.1'],
    ['an absolute-form target', 'GET http://evil.example/api/health HTTP/1.1'],
    ['an absolute-form target to a page', 'GET http://evil.example/signin HTTP/1.1'],
    ['a dot-segment id (A1)', 'GET /api/workspaces/acme/accounts/whatsapp/%2e%2e HTTP/1.1'],
    ['a backslash', 'GET /\\evil.example HTTP/1.1'],
  ])('%s: 400 problem+json with the security headers, a request id and a log line', async (_what, line) => {
    await expectNoUpstream(async () => {
      const res = await rawRequest(line, [`Cookie: ${stack().cookies.support}`]);
      expect(res.status).toBe(400);
      expect(res.head).toContain('content-type: application/problem+json');
      expect(res.head).toContain('x-content-type-options: nosniff');
      expect(res.head).toContain('cross-origin-opener-policy: same-origin');
      expect(res.head).toContain('cache-control: no-store');
      expect(res.head).not.toMatch(/^location:/m);
      const problem = JSON.parse(res.body) as { status: number; instance: string; detail: string };
      expect(problem.status).toBe(400);
      expect(res.head).toContain(`x-request-id: ${problem.instance}`);
      expect(problem.detail).not.toContain('evil');
      await expect.poll(consoleLog).toContain(`"requestId":"${problem.instance}"`);
    });
  });
});

describe('headers (A35) and static files', () => {
  it('pages and API answers carry the cross-origin isolation headers and noindex', async () => {
    for (const p of ['/signin', '/api/health', '/api/workspaces']) {
      const res = await fetch(stack().consoleUrl + p, { headers: { cookie: stack().cookies.support }, redirect: 'manual' });
      expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
      expect(res.headers.get('x-robots-tag')).toBe('noindex, nofollow');
    }
  });

  it("a page's CSP allows no inline style or script without the nonce", async () => {
    const res = await fetch(stack().consoleUrl + '/signin');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/style-src 'self' 'nonce-[^']+'/);
    expect(csp).not.toContain('unsafe-inline');
  });

  it("next-auth's own HTML pages have a CSP too", async () => {
    const res = await fetch(stack().consoleUrl + '/api/auth/signout', { headers: { cookie: stack().cookies.support } });
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('robots.txt keeps every page out of search engines, and the icons are served to anyone', async () => {
    const robots = await fetch(stack().consoleUrl + '/robots.txt');
    expect(robots.status).toBe(200);
    expect(await robots.text()).toMatch(/User-agent: \*\s+Disallow: \/\s*$/);
    for (const icon of ['/favicon.ico', '/apple-touch-icon.png']) {
      const res = await fetch(stack().consoleUrl + icon, { redirect: 'manual' });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^image\//);
    }
  });
});

describe("next-auth's endpoints", () => {
  it('a poisoned callback-url cookie does not lock a browser out of sign-in (A29)', async () => {
    for (const value of ['http://127.0.0.1:3000.evil.example', 'http://[::1', 'javascript:alert(1)']) {
      const res = await fetch(stack().consoleUrl + '/api/auth/csrf', {
        headers: { cookie: `next-auth.callback-url=${encodeURIComponent(value)}` },
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { csrfToken?: string }).csrfToken).toMatch(/^[0-9a-f]{64}$/);
    }
    const malformedParam = await fetch(stack().consoleUrl + '/api/auth/csrf?callbackUrl=http%3A%2F%2F%5B%3A%3A1');
    expect(malformedParam.status).toBe(200);
  });

  it('anonymous writes to the server log through _log are dropped unread (A32)', async () => {
    const marker = `LOGFLOOD${Date.now()}`;
    const res = await fetch(stack().consoleUrl + '/api/auth/_log', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ level: 'error', code: marker + 'x'.repeat(100_000) }),
    });
    expect(res.status).toBe(204);
    // The next request's log line is written after any line the _log call could have caused.
    const after = await call('support', 'GET', '/api/workspaces');
    await expect.poll(consoleLog).toContain(after.headers.get('x-request-id') ?? 'missing');
    expect(consoleLog()).not.toContain(marker);
  });
});

describe('control and text-direction characters in a Messenger name (A34)', () => {
  it.each([
    ['CR LF', 'Acme\r\nSupport'],
    ['NUL', 'Acme\u0000'],
    ['U+202E', 'Acme \u202Etroppus'],
  ])('%s: 400 with invalidParams on the name, nothing sent to Vonage', async (_what, name) => {
    await expectNoUpstream(async () => {
      const created = await call('support', 'POST', '/api/workspaces/acme/accounts/messenger', {
        body: { externalId: '990000000003333', accessToken: 'EAAGzzzzzzzzzzzzzzzzzzzzzzzz', name },
      });
      expect(created.status).toBe(400);
      expect(created.json.invalidParams).toEqual([expect.objectContaining({ name: 'name' })]);
      const renamed = await call('support', 'PATCH', '/api/workspaces/acme/accounts/messenger/100000000000001', { body: { name } });
      expect(renamed.status).toBe(400);
      expect(renamed.json.invalidParams).toEqual([expect.objectContaining({ name: 'name' })]);
    });
  });
});
