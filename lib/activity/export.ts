import 'server-only';
import type { ActivityEventView, ActivityQuery } from '@/lib/schemas/activity';
import type { Db } from '@/lib/db/client';
import { listEvents } from './query';

type Scope = Parameters<typeof listEvents>[1];

const COLUMNS = [
  'at',
  'workspace',
  'actor_email',
  'actor_name',
  'actor_role',
  'action',
  'target_kind',
  'target_id',
  'provider',
  'outcome',
  'status',
  'upstream_status',
  'before',
  'after',
  'request_id',
] as const;

/**
 * One CSV cell. A cell a spreadsheet would read as a formula (`=`, `+`, `-`,
 * `@`, or a tab or carriage return first) gets a leading `'`, so it shows as
 * text (docs/security.md, A39); quotes, commas and line breaks are quoted.
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvRow(e: ActivityEventView): string {
  const cells = [
    e.at,
    e.workspace,
    e.actor.email,
    e.actor.name,
    e.actor.role,
    e.action,
    e.target.kind,
    e.target.id,
    e.target.provider,
    e.outcome,
    e.status,
    e.upstreamStatus,
    e.before,
    e.after,
    e.requestId,
  ];
  return cells.map(csvCell).join(',') + '\r\n';
}

/** The filtered events, newest first, as a stream: read from the store a page at a time, never all at once. */
export function exportStream(db: Db, scope: Scope, q: ActivityQuery, format: 'csv' | 'jsonl'): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: string | undefined = q.cursor;
  let started = false;
  return new ReadableStream({
    async pull(controller) {
      if (!started && format === 'csv') controller.enqueue(encoder.encode(COLUMNS.join(',') + '\r\n'));
      started = true;
      const page = await listEvents(db, scope, { ...q, cursor });
      const text = page.items.map((e) => (format === 'csv' ? csvRow(e) : JSON.stringify(e) + '\n')).join('');
      if (text) controller.enqueue(encoder.encode(text));
      if (!page.nextCursor) controller.close();
      else cursor = page.nextCursor;
    },
  });
}
