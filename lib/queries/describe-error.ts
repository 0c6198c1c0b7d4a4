import { ApiError } from './api';

export type Operation = 'load' | 'create' | 'update' | 'delete' | 'link' | 'unlink';

const seconds = (n: number | null) => (n === null ? 'in a moment' : n === 1 ? 'in 1 second' : `in ${n} seconds`);

/**
 * What a failed call means for the user, in plain words. The BFF's own detail
 * is used where it says more than the status (a 400 from Vonage, a 404).
 */
export function describeError(error: unknown, op: Operation): string {
  if (!(error instanceof ApiError)) {
    return 'The console’s server could not be reached. Check your connection and try again; nothing was changed.';
  }
  const { status, problem, retryAfterSeconds } = error;
  const change = op !== 'load';
  switch (status) {
    case 400:
      return problem?.invalidParams?.length ? 'Check the highlighted fields.' : (problem?.detail ?? 'The request was not valid.');
    case 401:
      return 'Your session has ended. Sign in again to go on.';
    case 403:
      return 'Your role may look at this workspace but not change anything.';
    case 404:
      return op === 'load' ? 'Vonage has no such account in this workspace.' : 'Vonage no longer has this account or application. The page shows what is there now.';
    case 409:
      if (op === 'create') return 'A Messenger account with this Page id already exists. Open it from the list instead.';
      return op === 'unlink'
        ? 'That application is no longer linked to this account. The page now shows the current link.'
        : 'Another application is already linked to this account. Unlink it first, or use Replace.';
    case 422:
      return 'That application cannot take messages: it has no Messages capability, or it no longer exists. Choose one with the Messages capability.';
    case 429:
      return `Too many requests. Try again ${seconds(retryAfterSeconds)}.${change ? ' Nothing was changed.' : ''}`;
    case 502:
      return `Vonage is failing right now. ${change ? 'Nothing was changed; try again' : 'Try again'} in a minute.`;
    case 503:
      return `Vonage has been failing, so the console pauses calls to it for a short while. ${change ? 'Nothing was changed; try' : 'Try'} again ${seconds(retryAfterSeconds)}.`;
    case 504:
      return `Vonage is too slow: it did not answer in time. ${change ? 'Nothing was confirmed as changed; the page shows the account as Vonage has it now.' : 'Try again in a moment.'}`;
    default:
      return problem?.detail ?? `Something went wrong (${status}). Try again.`;
  }
}

/** The server's field errors, by field name. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || !error.problem?.invalidParams) return {};
  return Object.fromEntries(error.problem.invalidParams.map((p) => [p.name, p.reason]));
}
