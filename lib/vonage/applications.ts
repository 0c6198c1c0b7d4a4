import 'server-only';
import type { Workspace } from '@/lib/config/load';
import type { Application, ApplicationPage } from '@/lib/schemas/application';
import { log } from '@/lib/log';
import { vonageFetch } from './client';
import { failFor, parseBody } from './answers';
import { itemLabel, rawApplicationListSchema, rawApplicationSchema, toApplication } from './raw';

const UPSTREAM_PAGE_MAX = 100;
/** Filtering by capability reads the whole list; more than this many pages is not a list a person picks from. */
const MAX_PAGES_SCANNED = 20;
/** The most applications a scan reads: past it, the account index names the rest (app/api/…/applications). */
export const SCAN_BOUND = MAX_PAGES_SCANNED * UPSTREAM_PAGE_MAX;

async function fetchPage(ws: Workspace, page: number, pageSize: number) {
  const body = await vonageFetch(
    {
      workspace: ws,
      method: 'GET',
      api: 'applications',
      op: 'listApplications',
      query: { page, page_size: pageSize },
    },
    (answer) => {
      if (answer.status !== 200) failFor(answer);
      return parseBody(answer, rawApplicationListSchema);
    },
  );
  const items: Application[] = [];
  for (const [index, raw] of body._embedded.applications.entries()) {
    const parsed = rawApplicationSchema.safeParse(raw);
    if (parsed.success) items.push(toApplication(parsed.data));
    else log('warn', 'upstream list item skipped: not an application', itemLabel(raw, index));
  }
  return { items, totalItems: body.total_items ?? items.length, totalPages: body.total_pages ?? 1 };
}

/** Every application of the workspace (at most MAX_PAGES_SCANNED pages of 100): the Application API cannot filter. */
async function everyApplication(ws: Workspace): Promise<Application[]> {
  const all: Application[] = [];
  for (let page = 1; page <= MAX_PAGES_SCANNED; page += 1) {
    const { items, totalPages } = await fetchPage(ws, page, UPSTREAM_PAGE_MAX);
    all.push(...items);
    if (page >= totalPages || items.length === 0) break;
  }
  return all;
}

/**
 * A page of applications. With `capability` or `all`, the whole list is read
 * here and paged (or given whole): one request from the browser, never a loop.
 */
export async function listApplications(
  ws: Workspace,
  q: { page: number; pageSize: number; capability?: 'messages'; all?: boolean },
): Promise<ApplicationPage> {
  if (!q.capability && !q.all) {
    const { items, totalItems, totalPages } = await fetchPage(ws, q.page, q.pageSize);
    return { items, page: q.page, pageSize: q.pageSize, totalItems, totalPages };
  }
  const matching = (await everyApplication(ws)).filter((a) => !q.capability || a.messages);
  if (q.all) return { items: matching, page: 1, pageSize: matching.length, totalItems: matching.length, totalPages: 1 };
  const start = (q.page - 1) * q.pageSize;
  return {
    items: matching.slice(start, start + q.pageSize),
    page: q.page,
    pageSize: q.pageSize,
    totalItems: matching.length,
    totalPages: Math.max(1, Math.ceil(matching.length / q.pageSize)),
  };
}
