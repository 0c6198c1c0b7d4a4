import { describe, expect, it } from 'vitest';
import {
  accountListQuerySchema,
  accountPageSchema,
  accountSchema,
  createMessengerSchema,
  replaceApplicationSchema,
  updateMessengerSchema,
} from '../account';
import {
  activityEventSchema,
  activityExportQuerySchema,
  activityPageSchema,
  activityQuerySchema,
  allActivityQuerySchema,
} from '../activity';
import { applicationListQuerySchema, applicationPageSchema } from '../application';
import { applicationIdSchema, externalIdSchema, externalIdSchemas, providerSchema, workspaceIdSchema } from '../ids';
import { accountPathSchema, providerPathSchema } from '../paths';
import { problemSchema } from '../problem';
import { kindOf, PROBLEM_WORDS, type ProblemKind } from '../problem-words';
import { PROVIDER_LABELS, PROVIDERS } from '../providers';
import { intParam } from '../query';

/** The first issue's message, or null when the value passes. */
const why = (schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: { message: string }[] } } }, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? null : (r.error?.issues[0]?.message ?? '?');
};
const UUID = '6a2b1f7e-1c1d-4e0a-9b4e-0d7c1b2a3f4e';

describe('ids', () => {
  it.each([
    [UUID, true],
    [UUID.toUpperCase(), true],
    [`junk-${UUID}`, false],
    [`${UUID}-junk`, false],
    [`${UUID}\n`, false],
    [` ${UUID}`, false],
    [UUID.replaceAll('-', ''), false],
    ['6a2b1f7e-1c1d-4e0a-9b4e-0d7c1b2a3f4', false],
    ['6a2b1f7g-1c1d-4e0a-9b4e-0d7c1b2a3f4e', false],
  ])('the application id %j passes: %s', (id, ok) => {
    expect(why(applicationIdSchema, id)).toBe(ok ? null : 'An application ID is a UUID');
  });

  it('an application id is kept in lower case', () => {
    expect(applicationIdSchema.parse(UUID.toUpperCase())).toBe(UUID);
  });

  it.each([
    ['acme', true],
    ['a', true],
    ['a1-b2', true],
    ['a'.repeat(40), true],
    ['a'.repeat(41), false],
    ['-acme', false],
    ['Acme', false],
    ['ac_me', false],
    ['acme/..', false],
    ['', false],
  ])('the workspace id %j passes: %s', (id, ok) => {
    expect(why(workspaceIdSchema, id)).toBe(ok ? null : 'A workspace id is a short slug');
  });

  it.each([
    ['messenger', '1', null],
    ['messenger', '1'.repeat(20), null],
    ['messenger', '1'.repeat(21), 'A Facebook Page ID is 1 to 20 digits'],
    ['messenger', '', 'A Facebook Page ID is 1 to 20 digits'],
    ['messenger', '12a', 'A Facebook Page ID is 1 to 20 digits'],
    ['messenger', 'x123', 'A Facebook Page ID is 1 to 20 digits'],
    ['viber_service_msg', '1'.repeat(20), null],
    ['viber_service_msg', '1'.repeat(21), 'A Viber Service Message ID is 1 to 20 digits'],
    ['whatsapp', '1234567', null],
    ['whatsapp', '123456789012345', null],
    ['whatsapp', '123456', 'A WhatsApp number is 7 to 15 digits in E.164 form, without the +'],
    ['whatsapp', '1234567890123456', 'A WhatsApp number is 7 to 15 digits in E.164 form, without the +'],
    ['whatsapp', 'x1234567', 'A WhatsApp number is 7 to 15 digits in E.164 form, without the +'],
    ['whatsapp', '12345678x', 'A WhatsApp number is 7 to 15 digits in E.164 form, without the +'],
    ['rcs', 'a', null],
    ['rcs', `a${'-'.repeat(99)}`, null],
    ['rcs', '_a', 'An RCS agent ID is letters, digits, _ and -, at most 100 characters'],
    ['rcs', 'a b', 'An RCS agent ID is letters, digits, _ and -, at most 100 characters'],
  ] as const)('%s id %j: %j', (provider, id, message) => {
    expect(why(externalIdSchema(provider), id)).toBe(message);
    expect(externalIdSchema(provider)).toBe(externalIdSchemas[provider]);
  });

  it('names the providers there are', () => {
    expect(PROVIDERS).toEqual(['messenger', 'viber_service_msg', 'whatsapp', 'rcs']);
    expect(PROVIDER_LABELS).toEqual({ messenger: 'Messenger', whatsapp: 'WhatsApp', viber_service_msg: 'Viber', rcs: 'RCS' });
    for (const p of PROVIDERS) expect(why(providerSchema, p)).toBeNull();
    expect(why(providerSchema, 'sms')).toBe('Must be one of messenger, viber_service_msg, whatsapp, rcs');
  });
});

describe('paths', () => {
  it('a path names the field that is wrong', () => {
    const long = accountPathSchema.safeParse({ ws: 'acme', provider: 'rcs', externalId: 'a'.repeat(201) });
    expect(long.error?.issues.map((i) => [i.path.join('.'), i.message])).toContainEqual(['externalId', 'Too long']);
    const bad = accountPathSchema.safeParse({ ws: 'acme', provider: 'messenger', externalId: 'abc' });
    expect(bad.error?.issues).toEqual([expect.objectContaining({ path: ['externalId'], message: 'A Facebook Page ID is 1 to 20 digits' })]);
    expect(providerPathSchema.safeParse({ ws: 'acme', provider: 'rcs' }).success).toBe(true);
    expect(providerPathSchema.safeParse({ ws: 'acme', provider: 'sms' }).success).toBe(false);
  });
});

describe('query parameters', () => {
  const page = intParam(2, 10, 5);
  it.each([
    [undefined, 5],
    ['2', 2],
    ['10', 10],
    ['007', 7],
  ])('%j is %j', (value, n) => {
    expect(page.parse(value)).toBe(n);
  });
  it.each([
    ['1', 'Must be at least 2'],
    ['11', 'Must be at most 10'],
    ['1.5', 'Must be a whole number'],
    ['-1', 'Must be a whole number'],
    ['12345678', 'Must be a whole number'],
    ['', 'Must be a whole number'],
    [' 3', 'Must be a whole number'],
  ])('%j is refused: %s', (value, message) => {
    expect(why(page, value)).toBe(message);
  });

  it('accounts: page up to 1,000,000, page size 1 to 100, a provider, nothing else', () => {
    expect(accountListQuerySchema.parse({ page: '1000000', pageSize: '1', provider: 'rcs' })).toEqual({
      page: 1_000_000,
      pageSize: 1,
      provider: 'rcs',
    });
    expect(why(accountListQuerySchema, { page: '1000001' })).toBe('Must be at most 1000000');
    expect(why(accountListQuerySchema, { pageSize: '0' })).toBe('Must be at least 1');
  });

  it('applications: defaults, bounds, the messages filter and all=true', () => {
    expect(applicationListQuerySchema.parse({})).toEqual({ page: 1, pageSize: 20 });
    expect(applicationListQuerySchema.parse({ page: '100000', pageSize: '100', capability: 'messages', all: 'true' })).toEqual({
      page: 100_000,
      pageSize: 100,
      capability: 'messages',
      all: true,
    });
    expect(why(applicationListQuerySchema, { page: '100001' })).toBe('Must be at most 100000');
    expect(why(applicationListQuerySchema, { pageSize: '101' })).toBe('Must be at most 100');
    expect(why(applicationListQuerySchema, { capability: 'voice' })).toBe('The only capability filter is messages');
    expect(why(applicationListQuerySchema, { all: 'false' })).toBe('all takes the value true');
    expect(applicationListQuerySchema.safeParse({ other: '1' }).success).toBe(false);
  });

  it('activity: each filter within its bounds, and nothing else', () => {
    const ok = {
      cursor: '123456789012345',
      actor: ' a@b.test ',
      action: 'account.link',
      target: 'x',
      outcome: 'denied',
      from: '2026-01-01',
      to: '2026-12-31',
    };
    expect(activityQuerySchema.parse(ok)).toEqual({ ...ok, actor: 'a@b.test' });
    expect(why(activityQuerySchema, { cursor: '1234567890123456' })).toBe('Not a cursor this console gave');
    expect(why(activityQuerySchema, { cursor: 'a1' })).toBe('Not a cursor this console gave');
    expect(why(activityQuerySchema, { action: 'Account.Link' })).toBe('An action is like account.link');
    expect(why(activityQuerySchema, { action: 'a'.repeat(61) })).toBe('An action is like account.link');
    expect(why(activityQuerySchema, { from: '2026-1-1' })).toBe('A date is YYYY-MM-DD');
    expect(why(activityQuerySchema, { to: 'x2026-01-01' })).toBe('A date is YYYY-MM-DD');
    expect(why(activityQuerySchema, { from: '2026-01-01x' })).toBe('A date is YYYY-MM-DD');
    expect(activityQuerySchema.parse({ target: '  447700900001 ' })).toEqual({ target: '447700900001' });
    expect(activityQuerySchema.safeParse({ actor: '   ' }).success).toBe(false);
    expect(activityQuerySchema.safeParse({ actor: 'a'.repeat(320) }).success).toBe(true);
    expect(activityQuerySchema.safeParse({ actor: 'a'.repeat(321) }).success).toBe(false);
    expect(activityQuerySchema.safeParse({ target: 'a'.repeat(201) }).success).toBe(false);
    expect(activityQuerySchema.safeParse({ outcome: 'ok' }).success).toBe(true);
    expect(activityQuerySchema.safeParse({ outcome: 'maybe' }).success).toBe(false);
    expect(activityQuerySchema.safeParse({ workspace: 'acme' }).success).toBe(false);
    expect(allActivityQuerySchema.parse({ workspace: 'acme' })).toEqual({ workspace: 'acme' });
    expect(allActivityQuerySchema.safeParse({ workspace: 'Acme' }).success).toBe(false);
    expect(activityExportQuerySchema.parse({ format: 'csv', outcome: 'failed' })).toEqual({ format: 'csv', outcome: 'failed' });
    expect(why(activityExportQuerySchema, { format: 'xlsx' })).toBe('Must be csv or jsonl');
    expect(activityExportQuerySchema.safeParse({ format: 'csv', workspace: 'acme' }).success).toBe(false);
    expect(why(activityExportQuerySchema, {})).toBe('Must be csv or jsonl');
  });
});

describe('answers of the BFF', () => {
  const account = { provider: 'whatsapp', externalId: '1', name: null, applications: [], apiKey: 'k', accessTokenHint: null };
  const event = {
    id: '1',
    at: '2026-01-01T00:00:00.000Z',
    actor: { email: null, name: 'Support — Sam', role: 'support', via: 'password' },
    workspace: 'acme',
    action: 'account.link',
    target: { kind: 'account', id: '1' },
    before: null,
    after: { applicationId: UUID },
    outcome: 'unconfirmed',
    status: 504,
    upstreamStatus: null,
    requestId: 'r',
  };

  it('an account page, an application page, an activity page and a problem have the shapes the browser reads', () => {
    expect(accountSchema.safeParse(account).success).toBe(true);
    expect(accountSchema.safeParse({ ...account, provider: 'sms' }).success).toBe(false);
    const accounts = { items: [account], page: 1, pageSize: 20, hasPrev: false, hasNext: true, lastPage: null };
    expect(accountPageSchema.safeParse(accounts).success).toBe(true);
    expect(accountPageSchema.safeParse({ ...accounts, page: 1.5 }).success).toBe(false);
    expect(accountPageSchema.safeParse({ ...accounts, lastPage: 2.5 }).success).toBe(false);
    const app = { id: 'a', name: 'A', messages: true, inboundUrl: null, statusUrl: 'https://s' };
    const apps = { items: [app], page: 1, pageSize: 20, totalItems: 1, totalPages: 1 };
    expect(applicationPageSchema.safeParse(apps).success).toBe(true);
    expect(applicationPageSchema.safeParse({ ...apps, totalPages: 0.5 }).success).toBe(false);
    expect(applicationPageSchema.safeParse({ ...apps, items: [{ ...app, messages: 'yes' }] }).success).toBe(false);
    expect(activityPageSchema.safeParse({ items: [event], nextCursor: null }).success).toBe(true);
    expect(activityEventSchema.safeParse({ ...event, outcome: 'maybe' }).success).toBe(false);
    expect(activityEventSchema.safeParse({ ...event, target: { kind: 'account', id: '1', provider: 'rcs' } }).success).toBe(true);
    expect(activityEventSchema.safeParse({ ...event, actor: { email: null, role: 'support', via: 'password' } }).success).toBe(false);
    expect(activityEventSchema.safeParse({ ...event, target: { kind: 'account' } }).success).toBe(false);
    expect(activityPageSchema.safeParse({ nextCursor: null }).success).toBe(false);
    expect(activityPageSchema.safeParse({ items: [{ ...event, status: '504' }], nextCursor: null }).success).toBe(false);
    const problem = { type: '/problems/busy', title: 't', status: 503, instance: 'r' };
    expect(problemSchema.safeParse({ ...problem, invalidParams: [{ name: 'n', reason: 'r' }], restored: false }).success).toBe(true);
    expect(problemSchema.safeParse({ ...problem, status: 503.5 }).success).toBe(false);
    expect(problemSchema.safeParse({ ...problem, restored: 'no' }).success).toBe(false);
  });
});

describe('bodies', () => {
  it('a name and a Page token are trimmed and bounded', () => {
    expect(createMessengerSchema.parse({ externalId: '1', accessToken: ' t ', name: '  A  ' })).toEqual({
      externalId: '1',
      accessToken: 't',
      name: 'A',
    });
    expect(why(createMessengerSchema, { externalId: '1', accessToken: 't', name: 'a'.repeat(101) })).toBe(
      'A name is at most 100 characters',
    );
    expect(createMessengerSchema.safeParse({ externalId: '1', accessToken: 't', name: 'a'.repeat(100) }).success).toBe(true);
    expect(why(createMessengerSchema, { externalId: '1', accessToken: 't', name: ' ' })).toBe('Enter a name');
    expect(why(createMessengerSchema, { externalId: '1', accessToken: 'a'.repeat(1001) })).toBe('A Page token is at most 1000 characters');
    expect(createMessengerSchema.safeParse({ externalId: '1', accessToken: 'a'.repeat(1000) }).success).toBe(true);
    expect(why(createMessengerSchema, { externalId: '1', accessToken: '' })).toBe('Enter the Page token');
    expect(why(updateMessengerSchema, { accessToken: 'a\u0085b' })).toBe(
      'A Page token may not contain line breaks, control or text-direction characters',
    );
    expect(createMessengerSchema.parse({ externalId: '1', accessToken: 't', applicationId: UUID.toUpperCase() }).applicationId).toBe(UUID);
  });

  it('an empty update names the name field', () => {
    const r = updateMessengerSchema.safeParse({});
    expect(r.error?.issues).toEqual([expect.objectContaining({ path: ['name'], message: 'Change the name, the Page token, or both' })]);
  });

  it('replace names the application expected now, or null for none', () => {
    expect(replaceApplicationSchema.parse({ applicationId: UUID, expectedCurrent: null })).toEqual({
      applicationId: UUID,
      expectedCurrent: null,
    });
    expect(replaceApplicationSchema.safeParse({ applicationId: UUID }).success).toBe(false);
    expect(replaceApplicationSchema.safeParse({ applicationId: UUID, expectedCurrent: 'x' }).success).toBe(false);
    expect(replaceApplicationSchema.safeParse({ applicationId: UUID, expectedCurrent: null, extra: 1 }).success).toBe(false);
  });
});

describe('the words of each problem', () => {
  const words = (kind: ProblemKind, change: boolean, retryAfterSeconds: number | null = null, status = 502) =>
    PROBLEM_WORDS[kind].words({ change, retryAfterSeconds, status });

  it.each([
    ['rate-limited', null, 'Too many requests. Try again in a moment.'],
    ['rate-limited', 1, 'Too many requests. Try again in 1 second.'],
    ['rate-limited', 30, 'Too many requests. Try again in 30 seconds.'],
    ['circuit-open', 5, 'Vonage has been failing, so the console pauses calls to it for a short while. Try again in 5 seconds.'],
    ['busy', null, 'The console has too many calls to Vonage in flight. Try again in a moment.'],
  ] as const)('%s, Retry-After %j, on a read: %s', (kind, seconds, text) => {
    expect(words(kind, false, seconds)).toBe(text);
  });

  it('a change is told that nothing was changed, where that is true', () => {
    expect(words('rate-limited', true, 2)).toBe('Too many requests. Try again in 2 seconds. Nothing was changed.');
    expect(words('upstream-failed', true)).toBe('Vonage is failing right now. Nothing was changed; try again in a minute.');
    expect(words('upstream-failed', false)).toBe('Vonage is failing right now. Try again in a minute.');
    expect(words('circuit-open', true, null)).toBe(
      'Vonage has been failing, so the console pauses calls to it for a short while. Nothing was changed; try again in a moment.',
    );
    expect(words('busy', true, 1)).toBe('The console has too many calls to Vonage in flight. Nothing was changed. Try again in 1 second.');
    expect(words('credentials-refused', true)).toMatch(/cannot reach it\. Nothing was changed\. An administrator/);
    expect(words('credentials-refused', false)).toMatch(/cannot reach it\. An administrator/);
    expect(words('not-found', true)).toBe('Vonage no longer has this account or application. The page shows what is there now.');
    expect(words('not-found', false)).toBe('Vonage has no such account in this workspace.');
  });

  it('an unconfirmed change says why: too slow (504) or an unreadable answer', () => {
    expect(words('unconfirmed', true, null, 504)).toMatch(/^Vonage is too slow: it did not answer in time, so the console does not know/);
    expect(words('unconfirmed', true, null, 502)).toMatch(/^Vonage’s answer could not be read, so the console does not know/);
  });

  it.each([
    ['/problems/busy', 'busy'],
    ['/problems/not-found', 'not-found'],
    ['busy', null],
    ['/problem/busy', null],
    ['/problemz/busy', null],
    ['/problems/toString', null],
    ['/problems/', null],
    [undefined, null],
  ])('the type %j has the words of %j', (type, kind) => {
    expect(kindOf(type)).toBe(kind);
  });
});
