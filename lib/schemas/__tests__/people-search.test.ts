import { describe, expect, it } from 'vitest';
import { acceptInvitationSchema, invitationSchema, openInvitationSchema, personChangeSchema, personIdSchema } from '../people';
import { indexedApplicationsQuerySchema, inventoryExportQuerySchema, searchQuerySchema } from '../search';

/** Each issue as `path: message`, or null when the value passes. */
const issues = (
  schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } },
  value: unknown,
) => {
  const r = schema.safeParse(value);
  return r.success ? null : (r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? []);
};
const TOKEN = 'abcDEF123_-abcDEF123_';

describe('the People page’s bodies', () => {
  it('an invitation: an email trimmed and lowercased, a role, a workspace if any', () => {
    expect(invitationSchema.parse({ email: '  Pat@Example.COM ', role: 'customer', workspace: 'acme' })).toEqual({
      email: 'pat@example.com',
      role: 'customer',
      workspace: 'acme',
    });
    expect(invitationSchema.parse({ email: 'a@b.test', role: 'admin' })).toEqual({ email: 'a@b.test', role: 'admin' });
    expect(issues(invitationSchema, { email: 'not-an-email', role: 'admin' })).toEqual([
      'email: Give an email address, such as name@example.com',
    ]);
    expect(issues(invitationSchema, { email: 'a@b.test', role: 'owner' })).toEqual(['role: Choose a role']);
    expect(issues(invitationSchema, { email: 'a@b.test', role: 'admin', workspace: 'Not A Slug' })).toEqual([
      'workspace: A workspace id is a short slug',
    ]);
    expect(issues(invitationSchema, { email: `${'a'.repeat(310)}@example.com`, role: 'admin' })).not.toBeNull();
    expect(issues(invitationSchema, { email: 'a@b.test', role: 'admin', extra: 1 })).not.toBeNull();
  });

  it('a change: a role, or disabled, or both; nothing else, and not nothing', () => {
    expect(personChangeSchema.parse({ role: 'viewer' })).toEqual({ role: 'viewer' });
    expect(personChangeSchema.parse({ disabled: true })).toEqual({ disabled: true });
    expect(personChangeSchema.parse({ disabled: false })).toEqual({ disabled: false });
    expect(personChangeSchema.parse({ role: 'support', disabled: false })).toEqual({ role: 'support', disabled: false });
    expect(issues(personChangeSchema, {})).toEqual(['role: Change the role or disable']);
    expect(issues(personChangeSchema, { role: 'owner' })).toEqual(['role: Choose a role']);
    expect(issues(personChangeSchema, { disabled: 'yes' })).not.toBeNull();
    expect(issues(personChangeSchema, { role: 'viewer', email: 'a@b.test' })).not.toBeNull();
  });

  it('a person is named by their email, in lower case', () => {
    expect(personIdSchema.parse({ id: 'Pat@Example.com' })).toEqual({ id: 'pat@example.com' });
    expect(issues(personIdSchema, { id: 'pat' })).toEqual(['id: Give an email address, such as name@example.com']);
  });

  it('an invitation link’s token: 20 to 100 URL-safe characters, the whole of it', () => {
    expect(openInvitationSchema.parse({ token: TOKEN })).toEqual({ token: TOKEN });
    expect(openInvitationSchema.safeParse({ token: 'a'.repeat(20) }).success).toBe(true);
    expect(openInvitationSchema.safeParse({ token: 'a'.repeat(100) }).success).toBe(true);
    for (const token of ['a'.repeat(19), 'a'.repeat(101), `${TOKEN}!`, `!${TOKEN}`, `${TOKEN.slice(0, 10)} ${TOKEN.slice(10)}`])
      expect(issues(openInvitationSchema, { token })).toEqual(['token: Not an invitation link']);
  });

  it('accepting: a name trimmed, a password of 12 to 200 characters, an email only for the first admin', () => {
    const ok = { token: TOKEN, name: '  Pat Doe ', password: 'a'.repeat(12) };
    expect(acceptInvitationSchema.parse(ok)).toEqual({ ...ok, name: 'Pat Doe' });
    expect(acceptInvitationSchema.parse({ ...ok, email: ' First@Admin.TEST' })).toEqual({
      ...ok,
      name: 'Pat Doe',
      email: 'first@admin.test',
    });
    expect(issues(acceptInvitationSchema, { ...ok, name: '   ' })).toEqual(['name: Give your name']);
    expect(issues(acceptInvitationSchema, { ...ok, name: 'a'.repeat(101) })).not.toBeNull();
    expect(acceptInvitationSchema.safeParse({ ...ok, name: 'a'.repeat(100) }).success).toBe(true);
    expect(issues(acceptInvitationSchema, { ...ok, password: 'a'.repeat(11) })).toEqual(['password: Use at least 12 characters']);
    expect(issues(acceptInvitationSchema, { ...ok, password: 'a'.repeat(201) })).toEqual(['password: Use at most 200 characters']);
    expect(acceptInvitationSchema.safeParse({ ...ok, password: 'a'.repeat(200) }).success).toBe(true);
    expect(issues(acceptInvitationSchema, { ...ok, token: 'short' })).toEqual(['token: Not an invitation link']);
    expect(issues(acceptInvitationSchema, { ...ok, email: 'nope' })).toEqual(['email: Give an email address, such as name@example.com']);
  });
});

describe('search, the index’s application list and the inventory export', () => {
  it('a search: 2 to 100 plain characters, trimmed; a provider or a workspace if any', () => {
    expect(searchQuerySchema.parse({ q: '  acme ', provider: 'rcs', workspace: 'acme' })).toEqual({
      q: 'acme',
      provider: 'rcs',
      workspace: 'acme',
    });
    expect(issues(searchQuerySchema, { q: ' a ' })).toEqual(['q: Type at least 2 characters']);
    expect(issues(searchQuerySchema, { q: 'a'.repeat(101) })).toEqual(['q: At most 100 characters']);
    expect(searchQuerySchema.safeParse({ q: 'a'.repeat(100) }).success).toBe(true);
    expect(issues(searchQuerySchema, { q: 'ac\u202eme' })).toEqual([
      'q: A search may not contain line breaks, control or text-direction characters',
    ]);
    expect(issues(searchQuerySchema, { q: 'acme', provider: 'sms' })).toEqual([
      'provider: Must be one of messenger, viber_service_msg, whatsapp, rcs',
    ]);
    expect(issues(searchQuerySchema, { q: 'acme', workspace: 'A B' })).toEqual(['workspace: A workspace id is a short slug']);
    expect(issues(searchQuerySchema, { q: 'acme', page: '2' })).not.toBeNull();
  });

  it('the index’s application list: source=index, a page (default 1) and a page size (default 50, at most 100)', () => {
    expect(indexedApplicationsQuerySchema.parse({ source: 'index' })).toEqual({ source: 'index', page: 1, pageSize: 50 });
    expect(indexedApplicationsQuerySchema.parse({ source: 'index', page: '3', pageSize: '100' })).toEqual({
      source: 'index',
      page: 3,
      pageSize: 100,
    });
    expect(issues(indexedApplicationsQuerySchema, { source: 'upstream' })).toEqual(['source: source takes the value index']);
    expect(issues(indexedApplicationsQuerySchema, { source: 'index', pageSize: '101' })).toEqual(['pageSize: Must be at most 100']);
    expect(issues(indexedApplicationsQuerySchema, { source: 'index', page: '100001' })).toEqual(['page: Must be at most 100000']);
    expect(issues(indexedApplicationsQuerySchema, { source: 'index', page: '0' })).toEqual(['page: Must be at least 1']);
  });

  it('the export: csv or jsonl, one provider if any', () => {
    expect(inventoryExportQuerySchema.parse({ format: 'jsonl', provider: 'whatsapp' })).toEqual({ format: 'jsonl', provider: 'whatsapp' });
    expect(inventoryExportQuerySchema.parse({ format: 'csv' })).toEqual({ format: 'csv' });
    expect(issues(inventoryExportQuerySchema, { format: 'xlsx' })).toEqual(['format: The format is csv or jsonl']);
    expect(issues(inventoryExportQuerySchema, { format: 'csv', provider: 'sms' })).not.toBeNull();
    expect(issues(inventoryExportQuerySchema, { format: 'csv', q: 'x' })).not.toBeNull();
  });
});
