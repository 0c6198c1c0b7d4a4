import { describe, expect, it } from 'vitest';
import { requestContext } from '@/lib/log';
import { ApiError, asProblem } from '@/lib/queries/api';
import { describeError } from '@/lib/queries/describe-error';
import { UpstreamError, type UpstreamErrorKind } from '@/lib/vonage/errors';
import { problemResponse } from '../problem';
import { fromUpstream } from '../upstream-errors';

/* One home for the words: what the server puts in `detail` is what the browser shows. */
const kinds: [UpstreamErrorKind, UpstreamError['extra']][] = [
  ['not_found', {}],
  ['already_linked', {}],
  ['not_linked', {}],
  ['link_changed', {}],
  ['application_not_linkable', {}],
  ['credentials_refused', { status: 401 }],
  ['rate_limited', { retryAfterSeconds: 7 }],
  ['server_error', {}],
  ['bad_response', {}],
  ['unreachable', {}],
  ['timeout', {}],
  ['circuit_open', { retryAfterSeconds: 4 }],
  ['overloaded', {}],
  ['unconfirmed', { timedOut: true }],
  ['unconfirmed', {}],
];

async function browserView(kind: UpstreamErrorKind, extra: UpstreamError['extra'], method: string) {
  const res = requestContext.run({ requestId: 'r1', method }, () =>
    problemResponse(fromUpstream(new UpstreamError(kind, 'x', extra)), 'r1'),
  );
  const problem = asProblem(await res.json());
  const retryAfter = Number(res.headers.get('retry-after'));
  return {
    problem,
    shown: describeError(new ApiError(res.status, problem, retryAfter > 0 ? retryAfter : null), method === 'GET' ? 'load' : 'link'),
  };
}

describe('problem words', () => {
  it.each(kinds)('%s: the server’s detail is the words the browser shows, on a read and on a change', async (kind, extra) => {
    for (const method of ['GET', 'POST']) {
      const { problem, shown } = await browserView(kind, extra, method);
      expect(problem?.detail).toBe(shown);
    }
  });

  it('a failed replace: the words leave what was changed to `restored`, on both sides', async () => {
    const { problem, shown } = await browserView('server_error', { restored: false }, 'PUT');
    expect(problem?.restored).toBe(false);
    expect(problem?.detail).toBe(shown);
    expect(shown).not.toMatch(/nothing was changed/i);
  });

  it('credentials refused has its own type, and its words reach the screen', async () => {
    const { problem, shown } = await browserView('credentials_refused', { status: 401 }, 'POST');
    expect(problem?.type).toBe('/problems/credentials-refused');
    expect(shown).toMatch(/An administrator must check/);
  });
});
