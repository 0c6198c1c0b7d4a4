import { describe, expect, it } from 'vitest';
import { safeRedirect } from '../callback';

const base = 'http://127.0.0.1:3000';

describe("next-auth's redirect (its callback-url cookie and field)", () => {
  it('keeps a path of this site', () => {
    expect(safeRedirect('/w/acme/accounts?page=2', base)).toBe(`${base}/w/acme/accounts?page=2`);
    expect(safeRedirect(`${base}/w/acme/accounts`, base)).toBe(`${base}/w/acme/accounts`);
  });

  it.each([
    // A poisoned cookie seen to make /api/auth/csrf answer 500: an invalid port.
    ['http://127.0.0.1:3000.evil.example'],
    ['https://evil.example/'],
    ['//evil.example'],
    ['/.//evil.example'],
    ['http://127.0.0.1:3000/.//evil.example'],
    ['http://[::1'],
    [''],
  ])('sends %j to the home page, never elsewhere and never throwing', (url) => {
    expect(safeRedirect(url, base)).toBe(`${base}/`);
  });
});
