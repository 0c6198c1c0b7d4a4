import { NextRequest } from 'next/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const jar = vi.hoisted(() => ({ cookies: new Map<string, string>() }));
vi.mock('next/headers', () => ({
  cookies: async () => ({
    getAll: () => [...jar.cookies].map(([name, value]) => ({ name, value })),
    delete: (name: string) => jar.cookies.delete(name),
  }),
}));
const { safeRedirect, withoutMalformedCallbackUrl } = await import('../callback');

const origin = 'http://127.0.0.1:3000';
beforeEach(() => jar.cookies.clear());

describe('callback URLs next-auth would answer 500 to', () => {
  it('expires a malformed callback-url cookie and keeps a good one', async () => {
    jar.cookies.set('__Secure-next-auth.callback-url', 'http://[::1');
    jar.cookies.set('next-auth.callback-url', '/w/acme/accounts');
    jar.cookies.set('other', 'http://[::1');
    const req = new NextRequest(`${origin}/api/auth/signin`);
    expect(await withoutMalformedCallbackUrl(req)).toBe(req);
    expect([...jar.cookies.keys()].sort()).toEqual(['next-auth.callback-url', 'other']);
  });

  it.each(['javascript:alert(1)', 'http://[::1', 'mailto:a@b'])('drops the callbackUrl parameter %j and keeps the rest', async (bad) => {
    const req = new NextRequest(`${origin}/api/auth/signin?a=1&callbackUrl=${encodeURIComponent(bad)}`, { method: 'POST', body: 'x' });
    const clean = await withoutMalformedCallbackUrl(req);
    expect(clean.nextUrl.searchParams.get('callbackUrl')).toBeNull();
    expect(clean.nextUrl.searchParams.get('a')).toBe('1');
    expect(clean.method).toBe('POST');
  });

  it.each(['/w/acme', 'https://elsewhere.example/x', `${origin}/w`])(
    'leaves the callbackUrl %j to next-auth and safeRedirect',
    async (good) => {
      const req = new NextRequest(`${origin}/api/auth/signin?callbackUrl=${encodeURIComponent(good)}`);
      expect(await withoutMalformedCallbackUrl(req)).toBe(req);
    },
  );

  it('a malformed base URL sends home', () => {
    expect(safeRedirect('/w/acme', 'not a url')).toBe('/');
    expect(safeRedirect('/w/acme?x=1#h', origin)).toBe(`${origin}/w/acme?x=1#h`);
    expect(safeRedirect('https://evil.example/w', origin)).toBe(`${origin}/`);
  });
});
