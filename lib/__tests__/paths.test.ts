import { describe, expect, it } from 'vitest';
import { paths, safeCallbackPath } from '../paths';

describe('the page to return to after sign-in', () => {
  it('keeps a path on this site with its query', () => {
    expect(safeCallbackPath('/w/acme/accounts?provider=rcs&page=2')).toBe('/w/acme/accounts?provider=rcs&page=2');
  });

  it.each([
    ['//evil.example/x'],
    ['/\\evil.example'],
    ['https://evil.example/'],
    ['javascript:alert(1)'],
    ['/\t/evil.example'],
    [' /w/acme'],
    [['/a', '/b']],
    [undefined],
    ['/' + 'a'.repeat(3000)],
    // Paths that become `//evil…` once the URL parser has tidied them (A29).
    ['/.//evil.example'],
    ['/..//evil'],
    ['/%2e//evil'],
    ['/%2E%2E//evil'],
    ['/a/..//evil'],
    ['/././/evil'],
  ])('sends %j home instead', (raw) => {
    expect(safeCallbackPath(raw)).toBe('/');
  });

  it('a tidied path that stays on the site is kept tidied', () => {
    expect(safeCallbackPath('/w/./acme/accounts')).toBe('/w/acme/accounts');
  });

  it('whatever it is given, what it returns is a path a browser keeps on this site', () => {
    const tricky = ['/.//x', '/%2e%2e/%2e%2e//x', '/a/b/../..//x', '/%5c/x', '/x?next=//evil', '/#//evil', '/a/%2e%2e/%2f%2fevil'];
    for (const raw of tricky) {
      const out = safeCallbackPath(raw);
      expect(new URL(out, 'https://console.example').origin).toBe('https://console.example');
      expect(out.startsWith('//')).toBe(false);
    }
  });
});

describe('page paths', () => {
  it('encodes what a person typed into an id, so it stays one segment', () => {
    expect(paths.account('acme', 'messenger', 'a/b?c')).toBe('/w/acme/accounts/messenger/a%2Fb%3Fc');
    expect(paths.accounts('acme', { provider: 'whatsapp' })).toBe('/w/acme/accounts?provider=whatsapp');
    expect(paths.newMessenger('acme')).toBe('/w/acme/accounts/new');
  });
});
