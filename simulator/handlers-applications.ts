/** Application API v2: list (paged, with totals) and read. Basic auth only (checked by the dispatcher). */
import { APP_BASE, type HandlerCtx } from './context';
import { listValidation, notFoundProblem, type InvalidParam } from './errors';
import { sendJson } from './http-util';
import { pageLinks, renderApplication } from './render';

function intParam(raw: string | null, name: string, min: number, max: number, fallback: number): number | InvalidParam {
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) {
    return { name, reason: max === Number.MAX_SAFE_INTEGER ? `must be at least ${min}` : `must be between ${min} and ${max}` };
  }
  return n;
}

export function listApplications(ctx: HandlerCtx): void {
  const page = intParam(ctx.query.get('page'), 'page', 1, Number.MAX_SAFE_INTEGER, 1);
  const size = intParam(ctx.query.get('page_size'), 'page_size', 1, 100, 10);
  const errors = [page, size].filter((x): x is InvalidParam => typeof x !== 'number');
  if (errors.length > 0 || typeof page !== 'number' || typeof size !== 'number') {
    return sendJson(ctx.res, 400, listValidation(errors));
  }
  const all = ctx.store.applications(ctx.tenant.apiKey);
  const totalPages = Math.ceil(all.length / size);
  const items = all.slice((page - 1) * size, page * size);
  sendJson(ctx.res, 200, {
    page_size: size,
    page,
    total_items: all.length,
    total_pages: totalPages,
    _embedded: { applications: items.map(renderApplication) },
    _links: pageLinks(`${ctx.baseUrl}${APP_BASE}`, page, Math.max(1, totalPages), (p) => `page=${p}&page_size=${size}`),
  });
}

export function getApplication(ctx: HandlerCtx): void {
  const id = ctx.params.id!;
  const app = ctx.store.findApplication(ctx.tenant.apiKey, id);
  if (!app) return sendJson(ctx.res, 404, notFoundProblem(id));
  sendJson(ctx.res, 200, renderApplication(app));
}
