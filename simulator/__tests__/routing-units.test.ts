import { describe, expect, it } from 'vitest';
import { apiOf, matchRoute } from '../router';

/* The simulator's route table where it is decided, without a server: which handler, which 404 and which 405. */
const EA = '/beta/chatapp-accounts';
const APPS = '/v2/applications';

describe('apiOf', () => {
  it.each([
    [EA, 'accounts'],
    [`${EA}/`, 'accounts'],
    [`${EA}/whatsapp/1`, 'accounts'],
    [`${EA}x`, null],
    [APPS, 'applications'],
    [`${APPS}/abc`, 'applications'],
    [`${APPS}x`, null],
    ['/v1/applications', null],
    ['/', null],
  ])('%s is %s', (path, api) => {
    expect(apiOf(path)).toBe(api);
  });
});

describe('matchRoute', () => {
  const ok = (method: string, path: string) => {
    const m = matchRoute(method, path);
    if (m.kind !== 'ok') throw new Error(`${method} ${path} is ${m.kind}`);
    return { api: m.api, params: m.params, hasBody: m.hasBody };
  };

  it('finds each route with its parameters, and whether its request has a body', () => {
    expect(ok('GET', EA)).toEqual({ api: 'accounts', params: {}, hasBody: false });
    expect(ok('GET', `${EA}/`)).toEqual({ api: 'accounts', params: {}, hasBody: false });
    expect(ok('POST', `${EA}/messenger`)).toEqual({ api: 'accounts', params: {}, hasBody: true });
    expect(ok('GET', `${EA}/messenger/123`)).toEqual({ api: 'accounts', params: { external_id: '123' }, hasBody: false });
    expect(ok('PATCH', `${EA}/messenger/123`)).toMatchObject({ hasBody: true });
    expect(ok('DELETE', `${EA}/messenger/123`)).toMatchObject({ hasBody: false });
    expect(ok('GET', `${EA}/viber_service_msg/12345`).params).toEqual({ external_id: '12345' });
    expect(ok('GET', `${EA}/whatsapp/447700900001`).params).toEqual({ external_id: '447700900001' });
    expect(ok('POST', `${EA}/rcs/agent_1/applications`)).toEqual({
      api: 'accounts',
      params: { provider: 'rcs', external_id: 'agent_1' },
      hasBody: true,
    });
    expect(ok('DELETE', `${EA}/whatsapp/1/applications/app-9`)).toEqual({
      api: 'accounts',
      params: { provider: 'whatsapp', external_id: '1', application_id: 'app-9' },
      hasBody: false,
    });
    expect(ok('GET', APPS)).toEqual({ api: 'applications', params: {}, hasBody: false });
    expect(ok('GET', `${APPS}/abc`)).toEqual({ api: 'applications', params: { id: 'abc' }, hasBody: false });
  });

  it('decodes a parameter once; a malformed escape or an empty one matches nothing', () => {
    expect(ok('GET', `${EA}/messenger/a%20b`).params).toEqual({ external_id: 'a b' });
    expect(ok('GET', `${EA}/messenger/%2541`).params).toEqual({ external_id: '%41' });
    expect(matchRoute('GET', `${EA}/messenger/%E0%A4%A`)).toEqual({ kind: 'none', api: 'accounts' });
    // One trailing slash is dropped (so this is the create path, which takes POST only); what is left may not be empty.
    expect(matchRoute('GET', `${EA}/messenger/`)).toEqual({ kind: 'method', api: 'accounts', allow: ['POST'] });
    expect(matchRoute('GET', `${EA}/messenger//`)).toEqual({ kind: 'none', api: 'accounts' });
  });

  it('a provider it does not know, RCS’s single read, or a path that is longer or shorter is no route', () => {
    expect(matchRoute('POST', `${EA}/telegram/1/applications`)).toEqual({ kind: 'none', api: 'accounts' });
    expect(matchRoute('GET', `${EA}/rcs/agent_1`)).toEqual({ kind: 'none', api: 'accounts' });
    expect(matchRoute('GET', `${EA}/whatsapp/1/2`)).toEqual({ kind: 'none', api: 'accounts' });
    expect(matchRoute('GET', `${APPS}/a/b`)).toEqual({ kind: 'none', api: 'applications' });
    expect(matchRoute('GET', '/elsewhere')).toEqual({ kind: 'none', api: null });
    expect(matchRoute('GET', '/')).toEqual({ kind: 'none', api: null });
  });

  it('a known path with another method is a 405 naming the methods it takes', () => {
    expect(matchRoute('DELETE', EA)).toEqual({ kind: 'method', api: 'accounts', allow: ['GET'] });
    expect(matchRoute('GET', `${EA}/messenger`)).toEqual({ kind: 'method', api: 'accounts', allow: ['POST'] });
    expect(matchRoute('POST', `${EA}/messenger/1`)).toEqual({ kind: 'method', api: 'accounts', allow: ['GET', 'PATCH', 'DELETE'] });
    expect(matchRoute('PATCH', `${EA}/whatsapp/1`)).toEqual({ kind: 'method', api: 'accounts', allow: ['GET'] });
    expect(matchRoute('GET', `${EA}/whatsapp/1/applications`)).toEqual({ kind: 'method', api: 'accounts', allow: ['POST'] });
    expect(matchRoute('GET', `${EA}/whatsapp/1/applications/a`)).toEqual({ kind: 'method', api: 'accounts', allow: ['DELETE'] });
    expect(matchRoute('POST', `${APPS}/a`)).toEqual({ kind: 'method', api: 'applications', allow: ['GET'] });
  });
});
