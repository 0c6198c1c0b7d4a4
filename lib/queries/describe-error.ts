import { kindOf, PROBLEM_WORDS } from '@/lib/schemas/problem-words';
import { ApiError } from './api';

export type Operation = 'load' | 'create' | 'update' | 'delete' | 'link' | 'unlink' | 'replace';

/** The answer to a change that Vonage never confirmed: the page must read the account again. */
export const isUnconfirmed = (error: unknown) => error instanceof ApiError && kindOf(error.problem?.type) === 'unconfirmed';

const seconds = (n: number | null) => (n === null ? 'in a moment' : n === 1 ? 'in 1 second' : `in ${n} seconds`);

/**
 * What a failed call means for the user, in plain words: for a problem type
 * with words of its own, those (lib/schemas/problem-words.ts, the same words
 * the server put in `detail`); otherwise by status.
 */
export function describeError(error: unknown, op: Operation): string {
  if (!(error instanceof ApiError)) {
    return op === 'load'
      ? 'The console’s server could not be reached. Check your connection and try again.'
      : 'The console’s server could not be reached, so it is not known whether the change was made. Check your connection, then reload the page to see what Vonage has.';
  }
  const { status, problem, retryAfterSeconds } = error;
  // A failed replace says itself (`restored`) what state it left; its words then speak only of Vonage.
  const change = op !== 'load' && problem?.restored === undefined;
  const kind = kindOf(problem?.type);
  if (kind) return PROBLEM_WORDS[kind].words({ change, retryAfterSeconds, status });
  switch (status) {
    case 400:
      return problem?.invalidParams?.length ? 'Check the highlighted fields.' : (problem?.detail ?? 'The request was not valid.');
    case 401:
      return 'Your session has ended. Sign in again to go on.';
    case 403:
      return 'Your role may look at this workspace but not change anything.';
    case 404:
      return op === 'load'
        ? 'Vonage has no such account in this workspace.'
        : 'Vonage no longer has this account or application. The page shows what is there now.';
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
      return change ? PROBLEM_WORDS.unconfirmed.words({ change, retryAfterSeconds, status }) : PROBLEM_WORDS['upstream-timeout'].words();
    default:
      return problem?.detail ?? `Something went wrong (${status}). Try again.`;
  }
}

/** The server's field errors, by field name. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || !error.problem?.invalidParams) return {};
  return Object.fromEntries(error.problem.invalidParams.map((p) => [p.name, p.reason]));
}
