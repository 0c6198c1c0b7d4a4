import { describe, expect, it } from 'vitest';
import { accountListQuerySchema, createMessengerSchema, linkApplicationSchema, updateMessengerSchema } from '../account';
import { externalIdSchemas } from '../ids';
import { accountPathSchema, linkPathSchema } from '../paths';

describe('external ids', () => {
  it.each([
    ['messenger', '123456789012345', true],
    ['messenger', '..', false],
    ['whatsapp', '447700900001', true],
    ['whatsapp', '+447700900001', false],
    ['whatsapp', '0447700900001', false],
    ['viber_service_msg', '54321', true],
    ['viber_service_msg', '5432a', false],
    ['rcs', 'acme_support_agent', true],
    ['rcs', 'acme-agent-01', true],
    ['rcs', '.hidden', false],
    ['rcs', 'a/b', false],
    ['rcs', 'a'.repeat(101), false],
  ] as const)('%s %s → %s', (provider, id, ok) => {
    expect(externalIdSchemas[provider].safeParse(id).success).toBe(ok);
  });

  it('checks the id against its provider in a path', () => {
    expect(accountPathSchema.safeParse({ ws: 'acme', provider: 'whatsapp', externalId: 'acme_agent' }).success).toBe(false);
    expect(accountPathSchema.safeParse({ ws: 'acme', provider: 'rcs', externalId: 'acme_agent' }).success).toBe(true);
    const link = linkPathSchema.safeParse({
      ws: 'acme',
      provider: 'rcs',
      externalId: 'a',
      applicationId: 'ABCDEF01-2345-4789-8abc-def012345678',
    });
    expect(link.success && link.data.applicationId).toBe('abcdef01-2345-4789-8abc-def012345678');
  });
});

describe('bodies', () => {
  it('create needs a Page id and token, and refuses unknown fields', () => {
    expect(createMessengerSchema.safeParse({ externalId: '123', accessToken: 't' }).success).toBe(true);
    const missing = createMessengerSchema.safeParse({ accessToken: 't' });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues[0]?.path).toEqual(['externalId']);
    expect(createMessengerSchema.safeParse({ externalId: '123', accessToken: 't', apiKey: 'x' }).success).toBe(false);
    expect(createMessengerSchema.safeParse({ externalId: '123', accessToken: '   ' }).success).toBe(false);
  });

  it('update takes a name or a token, nothing else', () => {
    expect(updateMessengerSchema.safeParse({ name: 'n' }).success).toBe(true);
    expect(updateMessengerSchema.safeParse({ accessToken: 't' }).success).toBe(true);
    expect(updateMessengerSchema.safeParse({}).success).toBe(false);
    expect(updateMessengerSchema.safeParse({ externalId: '1' }).success).toBe(false);
  });

  it.each([
    ['a carriage return', 'Acme\rSupport'],
    ['a line feed', 'Acme\nSupport'],
    ['a NUL', 'Acme\u0000'],
    ['a right-to-left override', 'Acme \u202Etroppus'],
    ['a left-to-right isolate', '\u2066Acme'],
    ['a trailing line feed', 'Acme\n'],
  ])('a name with %s is refused, with the reason on the name field', (_what, name) => {
    for (const schema of [createMessengerSchema, updateMessengerSchema]) {
      const parsed = schema.safeParse({ externalId: '123', accessToken: 't', name });
      expect(parsed.success).toBe(false);
      const issue = parsed.error?.issues.find((i) => i.path[0] === 'name');
      expect(issue?.message).toMatch(/control or text-direction/);
    }
  });

  it('a name in another script, with accents or emoji, is kept', () => {
    for (const name of ['Société Générale', 'شركة أكمي', 'Acme 🚀']) {
      expect(createMessengerSchema.parse({ externalId: '123', accessToken: 't', name }).name).toBe(name);
    }
  });

  it('a Page token with a line break is refused', () => {
    expect(updateMessengerSchema.safeParse({ accessToken: 'EAAB\r\nX-Injected: 1' }).success).toBe(false);
  });

  it('link needs a UUID', () => {
    expect(linkApplicationSchema.safeParse({ applicationId: 'x' }).success).toBe(false);
    expect(linkApplicationSchema.safeParse({ applicationId: '6a2b1f7e-1c1d-4e0a-9b4e-0d7c1b2a3f4e' }).success).toBe(true);
  });
});

describe('list query', () => {
  it('defaults to page 1 of 20 and bounds pageSize to 1..100', () => {
    expect(accountListQuerySchema.parse({})).toEqual({ page: 1, pageSize: 20 });
    expect(accountListQuerySchema.safeParse({ pageSize: '100' }).success).toBe(true);
    expect(accountListQuerySchema.safeParse({ pageSize: '101' }).success).toBe(false);
    expect(accountListQuerySchema.safeParse({ page: '0' }).success).toBe(false);
    expect(accountListQuerySchema.safeParse({ other: '1' }).success).toBe(false);
  });
});
