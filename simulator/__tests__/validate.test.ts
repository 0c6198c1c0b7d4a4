/** The simulator's field checks and answer shapes, as pure functions: the upstream's own words for each rule. */
import { describe, expect, it } from 'vitest';
import { isLinkable, pageLinks, renderAccount, renderApplication } from '../render';
import type { StoredAccount, StoredApplication } from '../types';
import { applicationsField, optionalNonEmpty, optionalString, positiveInt, requiredString } from '../validate';

describe('field checks', () => {
  it.each([
    [{}, { name: 'f', reason: 'Missing `f` field' }],
    [{ f: null }, { name: 'f', reason: 'Missing `f` field' }],
    [{ f: 1 }, { name: 'f', reason: '`f` must be a non-empty string' }],
    [{ f: '  ' }, { name: 'f', reason: '`f` must be a non-empty string' }],
    [{ f: 'x' }, null],
  ])('a required string %j: %j', (body, problem) => {
    expect(requiredString(body, 'f')).toEqual(problem);
  });

  it('an optional string may be absent, not of another type', () => {
    expect(optionalString({}, 'f')).toBeNull();
    expect(optionalString({ f: '' }, 'f')).toBeNull();
    expect(optionalString({ f: 5 }, 'f')).toEqual({ name: 'f', reason: '`f` must be a string' });
    expect(optionalString({ f: null }, 'f')).toEqual({ name: 'f', reason: '`f` must be a string' });
  });

  it('an optional non-empty string may be absent, not empty', () => {
    expect(optionalNonEmpty({}, 'f')).toBeNull();
    expect(optionalNonEmpty({ f: '' }, 'f')).toEqual({ name: 'f', reason: '`f` must be a non-empty string' });
    expect(optionalNonEmpty({ f: 'x' }, 'f')).toBeNull();
  });

  it.each([
    [{}, null],
    [{ applications: [] }, null],
    [{ applications: ['a'] }, null],
    [{ applications: 'a' }, '`applications` must be an array of application ids'],
    [{ applications: [1] }, '`applications` must be an array of application ids'],
    [{ applications: [''] }, '`applications` must be an array of application ids'],
    [{ applications: ['a', 'b'] }, 'There is just one application allowed per an account'],
  ])('applications %j: %j', (body, reason) => {
    expect(applicationsField(body)).toEqual(reason === null ? null : { name: 'applications', reason });
  });

  it.each([
    [null, undefined, null],
    ['1', undefined, 1],
    ['100', 100, 100],
    ['101', 100, { name: 'n', reason: '`n` must not be greater than 100' }],
    ['0', undefined, { name: 'n', reason: '`n` must be an integer greater than 0' }],
    ['-1', undefined, { name: 'n', reason: '`n` must be an integer greater than 0' }],
    ['1.5', undefined, { name: 'n', reason: '`n` must be an integer greater than 0' }],
    ['x1', undefined, { name: 'n', reason: '`n` must be an integer greater than 0' }],
    ['1x', undefined, { name: 'n', reason: '`n` must be an integer greater than 0' }],
  ])('positiveInt(%j, max %j) is %j', (raw, max, out) => {
    expect(positiveInt(raw, 'n', max)).toEqual(out);
  });
});

describe('answer shapes', () => {
  const messenger: StoredAccount = {
    provider: 'messenger',
    external_id: '1',
    name: 'N',
    applications: ['a'],
    access_token: 't',
  } as StoredAccount;
  it('an account: its token only when it is a Messenger account, its name only when it has one', () => {
    const shown = renderAccount(messenger, 'key');
    expect(shown).toEqual({ external_id: '1', api_key: 'key', provider: 'messenger', name: 'N', applications: ['a'], access_token: 't' });
    expect(shown.applications).not.toBe(messenger.applications);
    expect(renderAccount({ ...messenger, provider: 'whatsapp' } as StoredAccount, 'key')).not.toHaveProperty('access_token');
    const bare = { provider: 'messenger', external_id: '2', applications: [] } as unknown as StoredAccount;
    expect(renderAccount(bare, 'key')).toEqual({ external_id: '2', api_key: 'key', provider: 'messenger', applications: [] });
  });

  it('an application: its public key only, and whether it can be linked', () => {
    const app = {
      id: 'a',
      name: 'A',
      capabilities: { messages: {} },
      keys: { public_key: 'pub', private_key: 'secret' },
    } as unknown as StoredApplication;
    expect(renderApplication(app)).toEqual({
      id: 'a',
      name: 'A',
      capabilities: { messages: {} },
      keys: { public_key: 'pub' },
      privacy: { improve_ai: false },
    });
    expect(renderApplication({ ...app, keys: undefined } as unknown as StoredApplication)).not.toHaveProperty('keys');
    expect(isLinkable(app)).toBe(true);
    expect(isLinkable({ ...app, capabilities: { voice: {} } } as unknown as StoredApplication)).toBe(false);
    expect(isLinkable(undefined)).toBe(false);
  });

  it('page links: prev and next only where they exist', () => {
    const q = (p: number) => `page=${p}`;
    expect(pageLinks('http://s/x', 1, 1, q)).toEqual({
      self: { href: 'http://s/x?page=1' },
      first: { href: 'http://s/x?page=1' },
      last: { href: 'http://s/x?page=1' },
    });
    expect(pageLinks('http://s/x', 2, 3, q)).toMatchObject({ prev: { href: 'http://s/x?page=1' }, next: { href: 'http://s/x?page=3' } });
    expect(pageLinks('http://s/x', 3, 3, q)).not.toHaveProperty('next');
  });
});
