import { describe, expect, it } from 'vitest';
import { refusal } from '../front-door.mjs';

describe('the front door (A1, A33)', () => {
  it.each([
    ['GET', '/api/workspaces/acme/accounts?page=2'],
    ['POST', '/api/auth/callback/credentials'],
    ['GET', '/w/acme/accounts/rcs/acme_agent_0'],
    ['HEAD', '/api/health'],
    ['OPTIONS', '/api/workspaces'],
    ['GET', '/_next/static/chunks/app.js'],
    ['GET', '/w/acme/accounts?q=%'],
    ['GET', '/api/workspaces/acme/accounts/messenger/%31%32'],
    ['GET', '/w/acme/accounts/rcs/a.b'],
    ['GET', '/w/acme/accounts/rcs/...'],
  ])('lets %s %s through to Next', (method, target) => {
    expect(refusal(method, target)).toBeNull();
  });

  it.each([
    ['TRACE', '/api/health', 'method'],
    ['TRACK', '/', 'method'],
    ['CONNECT', '/', 'method'],
    ['GET', 'http://evil.example/api/health', 'target'],
    ['GET', 'evil.example:443', 'target'],
    ['OPTIONS', '*', 'target'],
    ['GET', '//evil.example/', 'target'],
    ['GET', '/api/workspaces/%C0%AF/accounts', 'encoding'],
    ['GET', '/api/%', 'encoding'],
    ['GET', '/api/%zz', 'encoding'],
    ['GET', '/api/%E2%82', 'encoding'],
    ['GET', '/\\evil.example', 'backslash'],
    ['GET', '/api/workspaces/acme/accounts/whatsapp/..', 'dot-segment'],
    ['GET', '/api/workspaces/acme/accounts/whatsapp/%2e%2e', 'dot-segment'],
    ['GET', '/api/workspaces/acme/accounts/whatsapp/.%2E', 'dot-segment'],
    ['DELETE', '/api/workspaces/acme/./accounts', 'dot-segment'],
    ['GET', '/a/..//evil', 'dot-segment'],
  ])('refuses %s %s (%s)', (method, target, reason) => {
    expect(refusal(method, target)?.reason).toBe(reason);
  });

  it('says in plain words why, without echoing the target', () => {
    const why = refusal('GET', 'http://evil.example/x');
    expect(why?.detail).toBe('The request target must be a path on this site.');
    expect(why?.detail).not.toContain('evil');
  });
});
