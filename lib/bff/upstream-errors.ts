import 'server-only';
import type { UpstreamError, UpstreamErrorKind } from '@/lib/vonage/errors';
import { log, requestContext } from '@/lib/log';
import { PROBLEM_WORDS, type ProblemKind } from '@/lib/schemas/problem-words';
import { HttpError } from './problem';

/** The one mapping from upstream outcomes to the BFF's statuses and problem types (docs/api.md, "Errors"). */
const TABLE: Record<Exclude<UpstreamErrorKind, 'invalid'>, [number, ProblemKind]> = {
  not_found: [404, 'not-found'],
  already_linked: [409, 'already-linked'],
  not_linked: [409, 'not-linked'],
  link_changed: [409, 'link-changed'],
  application_not_linkable: [422, 'application-not-linkable'],
  credentials_refused: [502, 'credentials-refused'],
  rate_limited: [429, 'rate-limited'],
  server_error: [502, 'upstream-failed'],
  bad_response: [502, 'upstream-failed'],
  unreachable: [502, 'upstream-failed'],
  timeout: [504, 'upstream-timeout'],
  circuit_open: [503, 'circuit-open'],
  overloaded: [503, 'busy'],
  unconfirmed: [502, 'unconfirmed'],
};

/** Whether this request tries to change something: the words say "nothing was changed" only then. */
export const isChange = () => (requestContext.getStore()?.method ?? 'GET') !== 'GET';

export function fromUpstream(err: UpstreamError): HttpError {
  if (err.kind === 'invalid')
    return new HttpError(400, 'Vonage rejected the request', 'Check the highlighted fields and try again.', {
      ...(err.extra.invalidParams?.length ? { invalidParams: err.extra.invalidParams } : {}),
    });
  const [tableStatus, kind] = TABLE[err.kind];
  const status = err.kind === 'unconfirmed' && err.extra.timedOut ? 504 : tableStatus;
  if (err.kind === 'credentials_refused') log('error', 'upstream refused our credentials', { upstreamStatus: err.extra.status });
  if (err.kind === 'unconfirmed') log('warn', 'change unconfirmed', { reason: err.message });
  const retryAfter = err.extra.retryAfterSeconds ?? (status === 503 ? 1 : undefined);
  const { title, words } = PROBLEM_WORDS[kind];
  // A failed replace says itself (`restored`) what state it left; its words then speak only of Vonage.
  const change = isChange() && err.extra.restored === undefined;
  return new HttpError(status, title, words({ change, retryAfterSeconds: retryAfter ?? null, status }), {
    type: kind,
    ...(err.extra.restored !== undefined ? { extensions: { restored: err.extra.restored } } : {}),
    ...(retryAfter !== undefined ? { headers: { 'retry-after': String(retryAfter) } } : {}),
  });
}
