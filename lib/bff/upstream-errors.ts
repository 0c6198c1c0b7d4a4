import 'server-only';
import { UpstreamError, type UpstreamErrorKind } from '@/lib/vonage/errors';
import { log } from '@/lib/log';
import { HttpError } from './problem';

const FAILING = 'Vonage is failing right now. Nothing was changed; try again in a minute.';

/** The one mapping from upstream outcomes to the BFF's statuses and words (product.md, "Status codes"). */
const TABLE: Record<UpstreamErrorKind, [number, string, string]> = {
  not_found: [404, 'Not found', 'No such account or application in this workspace.'],
  invalid: [400, 'Vonage rejected the request', 'Check the highlighted fields and try again.'],
  already_linked: [409, 'An application is already linked', 'Unlink the current application first, then link the new one.'],
  not_linked: [409, 'Application not linked', 'That application is not linked to this account. Reload to see the current link.'],
  application_not_linkable: [422, 'Application cannot be linked', 'The application does not exist or has no messages capability.'],
  credentials_refused: [502, 'Vonage refused the console’s credentials', 'Nothing was changed. An administrator must check this workspace’s API key, secret or application key.'],
  rate_limited: [429, 'Too many requests to Vonage', 'Vonage asks us to slow down. Try again after the time given.'],
  server_error: [502, 'Vonage is failing', FAILING],
  bad_response: [502, 'Vonage answered something unexpected', FAILING],
  unreachable: [502, 'Vonage cannot be reached', FAILING],
  timeout: [504, 'Vonage is too slow', 'Vonage did not answer in time. The change may or may not have been made: reload before trying again.'],
  circuit_open: [503, 'Vonage is failing', 'Calls are paused for a short while after repeated failures. Nothing was changed.'],
  overloaded: [503, 'The console is busy', 'Too many calls to Vonage are in flight. Try again in a moment.'],
  link_changed: [409, 'The link changed meanwhile', 'The linked application changed since the page was loaded. Nothing was changed; the page shows the current link.'],
  unconfirmed: [502, 'Change not confirmed', 'Vonage did not confirm the change, so the console does not know whether it was made. The page re-reads the account from Vonage.'],
};

export function fromUpstream(err: UpstreamError): HttpError {
  const [tableStatus, title, detail] = TABLE[err.kind];
  const status = err.kind === 'unconfirmed' && err.extra.timedOut ? 504 : tableStatus;
  if (err.kind === 'credentials_refused') log('error', 'upstream refused our credentials', { upstreamStatus: err.extra.status });
  const retryAfter = err.extra.retryAfterSeconds ?? (status === 503 ? 1 : undefined);
  return new HttpError(status, title, detail, {
    ...(err.kind === 'unconfirmed' ? { type: 'unconfirmed' } : {}),
    ...(err.extra.restored !== undefined ? { extensions: { restored: err.extra.restored } } : {}),
    ...(err.extra.invalidParams?.length ? { invalidParams: err.extra.invalidParams } : {}),
    ...(retryAfter !== undefined ? { headers: { 'retry-after': String(retryAfter) } } : {}),
  });
}
