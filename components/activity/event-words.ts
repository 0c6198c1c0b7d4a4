import type { ActivityEventView } from '@/lib/schemas/activity';

const ACTIONS: Record<string, string> = {
  'account.create': 'Created a Messenger account',
  'account.rename': 'Renamed a Messenger account',
  'account.rotate-token': 'Gave a Messenger account a new Page token',
  'account.rename-and-rotate-token': 'Renamed a Messenger account and gave it a new Page token',
  'account.update': 'Changed a Messenger account',
  'account.delete': 'Deleted a Messenger account',
  'account.link': 'Linked an application',
  'account.unlink': 'Unlinked an application',
  'account.replace': 'Replaced the linked application',
  'activity.export': 'Exported the activity log',
  'accounts.export': 'Exported the account inventory',
  'index.refresh': 'Refreshed the account index',
  'activity.retention': 'Removed events past the retention period',
  'workspace.read': 'Tried to open a workspace they may not see',
  'session.sign-in': 'Sign-in',
  'session.sign-out': 'Sign-out',
  'session.sign-out-everywhere': 'Signed out everywhere',
  'session.revoke': 'Ended a person’s sessions',
  'person.invite': 'Invited a person',
  'person.change': 'Changed a person’s role or access',
  'invitation.accept': 'Accepted an invitation',
};

/** The actions a person can filter by, in the words the page uses. */
export const ACTION_CHOICES = Object.entries(ACTIONS).map(([value, label]) => ({ value, label }));

export const actionWords = (action: string) => ACTIONS[action] ?? action;

export const OUTCOME_WORDS: Record<ActivityEventView['outcome'], string> = {
  ok: 'Done',
  denied: 'Refused',
  failed: 'Failed',
  unconfirmed: 'Not confirmed',
};

/** Application ids by name, where the account index knows them (the activity routes answer them beside the events). */
export type ApplicationNames = Readonly<Record<string, string>>;

const APPLICATION_KEYS = new Set(['applicationId', 'applications']);

function show(key: string, value: unknown, names: ApplicationNames): string {
  if (value === null || value === undefined) return 'none';
  if (key === 'tokenHint' && typeof value === 'string') return `…${value}`;
  const named = (v: unknown) => (APPLICATION_KEYS.has(key) && typeof v === 'string' && Object.hasOwn(names, v) ? names[v] : v);
  if (Array.isArray(value)) return value.length ? value.map(named).join(', ') : 'none';
  if (typeof value === 'object' && Object.keys(value).length === 0) return 'none';
  return typeof value === 'string' ? String(named(value)) : JSON.stringify(value);
}

const LABELS: Record<string, string> = {
  name: 'Name',
  tokenHint: 'Page token',
  applications: 'Applications',
  applicationId: 'Application',
  workspace: 'Workspace',
  filters: 'Filters',
  removed: 'Events removed',
  role: 'Role',
  disabled: 'Disabled',
  sessionsEnded: 'Sessions ended',
};

/** What changed, one line a field: "Name: Old → New", "Page token: …AB12 → …CD34". Never a token: the log holds hints only. */
export function changeLines(e: Pick<ActivityEventView, 'before' | 'after'>, names: ApplicationNames = {}): string[] {
  const before = (e.before && typeof e.before === 'object' ? e.before : {}) as Record<string, unknown>;
  const after = (e.after && typeof e.after === 'object' ? e.after : {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => k in LABELS);
  return keys.map((k) => {
    const label = LABELS[k]!;
    if (!(k in before)) return `${label}: ${show(k, after[k], names)}`;
    if (!(k in after)) return `${label}: was ${show(k, before[k], names)}`;
    return `${label}: ${show(k, before[k], names)} → ${show(k, after[k], names)}`;
  });
}
