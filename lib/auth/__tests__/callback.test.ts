import { describe, expect, it } from 'vitest';
import { safeCallbackPath } from '../callback';

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
  ])('sends %j home instead', (raw) => {
    expect(safeCallbackPath(raw)).toBe('/');
  });
});
