import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Store } from '@/lib/db/client';
import { people } from '@/lib/db/schema';
import { storeForFile, writeConfig } from './store-fixture';

/* People: the config file's and the store's (PGlite), and what a row makes of a person. */
writeConfig({ trustProxy: 1 });
const { userFromRow, configUser, findPerson, personRow, upsertSsoPerson } = await import('../people');
const { clientAddress, requestOrigin } = await import('../client-address');

let store: Store;
storeForFile((opened) => (store = opened));

const base = { email: 'r@acme.test', name: 'R', role: 'customer', workspace: 'acme', passwordHash: null, signIn: 'password' };

describe('a person from a row of the store', () => {
  it('keeps a known role and how they sign in', () => {
    expect(userFromRow(base)).toEqual({
      email: 'r@acme.test',
      name: 'R',
      role: 'customer',
      workspace: 'acme',
      passwordHash: null,
      source: 'password',
    });
    expect(userFromRow({ ...base, role: 'admin', signIn: 'sso:okta' })).toMatchObject({ role: 'admin', source: 'sso:okta' });
  });

  it('reads an unknown role as the least one, customer-viewer', () => {
    for (const role of ['owner', '', 'ADMIN']) expect(userFromRow({ ...base, role }).role).toBe('customer-viewer');
  });
});

describe('finding a person', () => {
  it('the config file’s first, by the normalized email', async () => {
    expect(configUser('  SUPPORT@demo.test ')).toMatchObject({ email: 'support@demo.test', source: 'config' });
    expect(await findPerson(' Support@Demo.Test')).toMatchObject({ email: 'support@demo.test', source: 'config' });
    expect(configUser('nobody@demo.test')).toBeUndefined();
  });

  it('then the store’s, unless disabled; the row itself either way', async () => {
    await store.db.insert(people).values({ ...base, email: 'stored@acme.test', createdAt: new Date() });
    await store.db.insert(people).values({ ...base, email: 'off@acme.test', createdAt: new Date(), disabledAt: new Date() });
    expect(await findPerson(' Stored@ACME.test ')).toMatchObject({ email: 'stored@acme.test', role: 'customer', source: 'password' });
    expect(await findPerson('off@acme.test')).toBeNull();
    expect(await personRow(' OFF@acme.test')).toMatchObject({ email: 'off@acme.test', disabledAt: expect.any(Date) });
    expect(await personRow('missing@acme.test')).toBeNull();
  });
});

describe('a single sign-on person', () => {
  it('is made at first sign-in and given their groups’ role, name and workspace again at each', async () => {
    await upsertSsoPerson({ email: ' Jo@Acme.TEST', name: 'Jo', role: 'customer-viewer', workspace: 'acme' }, 'okta');
    expect(await findPerson('jo@acme.test')).toMatchObject({ name: 'Jo', role: 'customer-viewer', workspace: 'acme', source: 'sso:okta' });
    await upsertSsoPerson({ email: 'jo@acme.test', name: 'Jo B', role: 'support', workspace: null }, 'azure');
    expect(await findPerson('jo@acme.test')).toMatchObject({ name: 'Jo B', role: 'support', workspace: null, source: 'sso:azure' });
    expect(await store.db.select().from(people).where(eq(people.email, 'jo@acme.test'))).toHaveLength(1);
  });
});

describe('where a request came from', () => {
  it('with the config’s one trusted proxy, the address it appended', () => {
    const h = new Headers({ 'x-console-client-ip': '10.0.0.2', 'x-forwarded-for': '1.1.1.1, 203.0.113.9' });
    expect(clientAddress(h)).toBe('203.0.113.9');
    expect(requestOrigin(h)).toEqual({ ip: '203.0.113.9', userAgent: null });
  });

  it('keeps at most 100 characters of the address and 300 of the user agent; none is null', () => {
    const long = new Headers({ 'x-console-client-ip': 'a'.repeat(150), 'user-agent': 'U'.repeat(400) });
    expect(requestOrigin(long)).toEqual({ ip: 'a'.repeat(100), userAgent: 'U'.repeat(300) });
    expect(requestOrigin(new Headers({ 'user-agent': 'curl/8' }))).toEqual({ ip: null, userAgent: 'curl/8' });
  });

  it('an X-Forwarded-For with empty entries counts only the addresses', () => {
    const h = new Headers({ 'x-console-client-ip': '10.0.0.2', 'x-forwarded-for': '198.51.100.1 , ,203.0.113.9,' });
    expect(clientAddress(h, 1)).toBe('203.0.113.9');
    expect(clientAddress(h, 2)).toBe('198.51.100.1');
  });
});
