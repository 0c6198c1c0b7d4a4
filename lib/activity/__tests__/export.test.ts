import { describe, expect, it } from 'vitest';
import { csvCell } from '../export';
import { eventHash, GENESIS, type ActivityEvent } from '../event';

describe('CSV cells (A39)', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+44 7700 900001', "'+44 7700 900001"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['=HYPERLINK("http://evil.example","x")', `"'=HYPERLINK(""http://evil.example"",""x"")"`],
  ])('%j that a spreadsheet would run is shown as text: %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('quotes commas, quotes and line breaks, and writes objects as JSON', () => {
    expect(csvCell('Acme, Inc')).toBe('"Acme, Inc"');
    expect(csvCell({ name: 'a' })).toBe('"{""name"":""a""}"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(404)).toBe('404');
  });
});

describe('the chain hash', () => {
  const e: ActivityEvent = {
    id: 'e1',
    at: new Date('2026-11-30T10:00:00Z'),
    actor: { email: 'a@b', name: 'A', role: 'support', via: 'password' },
    workspace: 'acme',
    action: 'account.link',
    target: { kind: 'account', id: '1', provider: 'whatsapp' },
    before: null,
    after: { b: 1, a: 2 },
    outcome: 'ok',
    status: 200,
    upstreamStatus: 200,
    requestId: 'r',
    correlationId: null,
    ip: null,
    userAgent: null,
  };

  it('does not depend on the order of keys (jsonb gives them back in its own order)', () => {
    expect(eventHash(GENESIS, { ...e, after: { a: 2, b: 1 } })).toBe(eventHash(GENESIS, e));
  });

  it('changes with any field and with the hash before it', () => {
    expect(eventHash(GENESIS, { ...e, outcome: 'denied' })).not.toBe(eventHash(GENESIS, e));
    expect(eventHash('1'.repeat(64), e)).not.toBe(eventHash(GENESIS, e));
  });
});
