import type { ActivityEventView } from '@/lib/schemas/activity';
import { formatWhen } from '@/components/ui/when';
import { PROVIDER_LABELS, type Provider } from '@/lib/schemas/providers';
import { actionWords, changeLines, OUTCOME_WORDS, type ApplicationNames } from './event-words';

const OUTCOME_STYLE: Record<ActivityEventView['outcome'], string> = {
  ok: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100',
  denied: 'bg-amber-100 text-amber-950 dark:bg-amber-950 dark:text-amber-100',
  failed: 'bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-100',
  unconfirmed: 'bg-slate-200 text-slate-900 dark:bg-slate-800 dark:text-slate-100',
};

function target(e: ActivityEventView): string {
  if (e.target.kind === 'account') {
    const provider = e.target.provider ? (PROVIDER_LABELS[e.target.provider as Provider] ?? e.target.provider) : null;
    return [provider, e.target.id].filter(Boolean).join(' ');
  }
  return e.target.id;
}

/** Events newest first: who, when, what, on what, the outcome, and what changed. */
export function ActivityTable({
  items,
  caption,
  showWorkspace,
  applicationNames = {},
}: {
  items: ActivityEventView[];
  caption: string;
  showWorkspace?: boolean;
  applicationNames?: ApplicationNames;
}) {
  return (
    <div
      role="region"
      aria-label={caption}
      tabIndex={0}
      className="overflow-x-auto rounded-md border border-slate-200 focus-visible:outline-2 focus-visible:outline-blue-600 dark:border-slate-800"
    >
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-xs tracking-wide text-slate-700 uppercase dark:bg-slate-900 dark:text-slate-300">
          <tr>
            {['When', 'Who', ...(showWorkspace ? ['Workspace'] : []), 'What', 'On', 'Outcome', 'Change'].map((h) => (
              <th key={h} scope="col" className="px-3 py-2">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((e) => (
            <tr key={e.id} className="border-t border-slate-200 align-top dark:border-slate-800">
              <td className="px-3 py-2 whitespace-nowrap">
                <time dateTime={e.at}>{formatWhen(e.at)}</time>
              </td>
              <td className="px-3 py-2">
                {e.actor.name}
                {e.actor.email && e.actor.email !== e.actor.name ? (
                  <span className="block text-xs text-slate-600 dark:text-slate-400">{e.actor.email}</span>
                ) : null}
              </td>
              {showWorkspace ? <td className="px-3 py-2">{e.workspace ?? '—'}</td> : null}
              <td className="px-3 py-2">{actionWords(e.action)}</td>
              <td className="px-3 py-2 font-mono text-xs wrap-break-word">{target(e)}</td>
              <td className="px-3 py-2">
                <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${OUTCOME_STYLE[e.outcome]}`}>{OUTCOME_WORDS[e.outcome]}</span>
                <span className="block text-xs text-slate-600 dark:text-slate-400">
                  {e.status}
                  {e.upstreamStatus !== null ? ` · Vonage ${e.upstreamStatus}` : ''}
                </span>
              </td>
              <td className="px-3 py-2">
                <ul className="space-y-0.5">
                  {changeLines(e, applicationNames).map((line) => (
                    <li key={line} className="wrap-break-word">
                      {line}
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
