/**
 * One home for the words a person reads about a failure: each problem `type`
 * the BFF answers for Vonage's outcomes has its title and words here. The
 * server puts these words in `detail`; the browser shows the same words.
 * Imported by both, so it holds no server code and no zod.
 */
export interface WordsContext {
  /** The request tried to change something (anything but a read). */
  change: boolean;
  retryAfterSeconds: number | null;
  /** The answer's status, where the words depend on it (unconfirmed: 504 or 502). */
  status: number;
}

const seconds = (n: number | null) => (n === null ? 'in a moment' : n === 1 ? 'in 1 second' : `in ${n} seconds`);
const nothingChanged = (c: WordsContext) => (c.change ? ' Nothing was changed.' : '');

export const PROBLEM_WORDS = {
  'not-found': {
    title: 'Not found',
    words: (c: WordsContext) =>
      c.change
        ? 'Vonage no longer has this account or application. The page shows what is there now.'
        : 'Vonage has no such account in this workspace.',
  },
  'already-linked': {
    title: 'An application is already linked',
    words: () => 'Another application is already linked to this account. Unlink it first, or use Replace.',
  },
  'not-linked': {
    title: 'Application not linked',
    words: () => 'That application is no longer linked to this account. The page now shows the current link.',
  },
  'link-changed': {
    title: 'The link changed meanwhile',
    words: () => 'The linked application changed since the page was loaded. Nothing was changed; the page now shows the current link.',
  },
  'application-not-linkable': {
    title: 'Application cannot be linked',
    words: () =>
      'That application cannot take messages: it has no Messages capability, or it no longer exists. Choose one with the Messages capability.',
  },
  'credentials-refused': {
    title: 'Vonage refused the console’s credentials',
    words: (c: WordsContext) =>
      `Vonage refused this workspace’s credentials, so the console cannot reach it.${nothingChanged(c)} An administrator must check the workspace’s API key, secret or application key.`,
  },
  'rate-limited': {
    title: 'Too many requests',
    words: (c: WordsContext) => `Too many requests. Try again ${seconds(c.retryAfterSeconds)}.${nothingChanged(c)}`,
  },
  'upstream-failed': {
    title: 'Vonage is failing',
    words: (c: WordsContext) => `Vonage is failing right now. ${c.change ? 'Nothing was changed; try again' : 'Try again'} in a minute.`,
  },
  'circuit-open': {
    title: 'Vonage is failing',
    words: (c: WordsContext) =>
      `Vonage has been failing, so the console pauses calls to it for a short while. ${c.change ? 'Nothing was changed; try' : 'Try'} again ${seconds(c.retryAfterSeconds)}.`,
  },
  busy: {
    title: 'The console is busy',
    words: (c: WordsContext) =>
      `The console has too many calls to Vonage in flight.${nothingChanged(c)} Try again ${seconds(c.retryAfterSeconds)}.`,
  },
  'upstream-timeout': {
    title: 'Vonage is too slow',
    words: () => 'Vonage is too slow: it did not answer in time. Try again in a moment.',
  },
  unconfirmed: {
    title: 'Change not confirmed',
    words: (c: WordsContext) =>
      `${c.status === 504 ? 'Vonage is too slow: it did not answer in time' : 'Vonage’s answer could not be read'}, so the console does not know whether the change was made. The page reads the account again from Vonage and shows what it has.`,
  },
  'change-in-progress': {
    title: 'A change is already in progress',
    words: () => 'Another change to this account is still waiting for Vonage. Wait for it to finish; the page will show the result.',
  },
} as const;

export type ProblemKind = keyof typeof PROBLEM_WORDS;

/** The kind of a problem `type` that has words here, or null. */
export function kindOf(type: string | undefined): ProblemKind | null {
  if (!type?.startsWith('/problems/')) return null;
  const kind = type.slice('/problems/'.length);
  return Object.hasOwn(PROBLEM_WORDS, kind) ? (kind as ProblemKind) : null;
}
