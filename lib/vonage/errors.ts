import 'server-only';

/**
 * What went wrong upstream, in terms of what it means for the caller. Each
 * resource function turns the raw status into one of these kinds; lib/bff
 * maps kinds to the BFF's statuses in one table.
 */
export type UpstreamErrorKind =
  | 'not_found'
  | 'invalid'
  | 'already_linked'
  | 'not_linked'
  | 'application_not_linkable'
  | 'credentials_refused'
  | 'rate_limited'
  | 'server_error'
  | 'bad_response'
  | 'timeout'
  | 'unreachable'
  | 'circuit_open'
  | 'overloaded'
  /** A change was sent but no answer confirmed it (timeout, connection lost, unreadable 2xx). */
  | 'unconfirmed'
  /** Replace: the linked application is not the one the caller expected; nothing was changed. */
  | 'link_changed';

export class UpstreamError extends Error {
  override name = 'UpstreamError';
  constructor(
    readonly kind: UpstreamErrorKind,
    message: string,
    readonly extra: {
      status?: number;
      retryAfterSeconds?: number;
      invalidParams?: { name: string; reason: string }[];
      /** For `unconfirmed`: the deadline passed (504) rather than a broken answer (502). */
      timedOut?: boolean;
      /** After a failed replace: whether the application linked before is linked again. */
      restored?: boolean;
    } = {},
  ) {
    super(message);
  }
}
