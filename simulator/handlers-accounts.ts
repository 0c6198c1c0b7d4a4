/** External Accounts: list, Messenger create/read/update/delete, Viber and WhatsApp read. */
import { EA_BASE, type Handler, type HandlerCtx } from './context';
import { PROVIDERS, type Provider, type StoredAccount } from './types';
import { cannotLink, invalidParams, type InvalidParam } from './errors';
import { isRecord, sendEmpty, sendJson } from './http-util';
import { isLinkable, pageLinks, renderAccount } from './render';
import { applicationsField, optionalNonEmpty, optionalString, positiveInt, requiredString } from './validate';

/** Spec gives no maximum page size; the simulator refuses more than this (400) rather than clamping silently. */
export const MAX_PAGE_SIZE = 1000;

const present = (xs: (InvalidParam | null)[]): InvalidParam[] => xs.filter((x): x is InvalidParam => x !== null);

export function listAccounts(ctx: HandlerCtx): void {
  const q = ctx.query;
  const errors: InvalidParam[] = [];
  const provider = q.get('provider');
  if (provider !== null && !(PROVIDERS as readonly string[]).includes(provider)) {
    errors.push({ name: 'provider', reason: `\`provider\` must be one of: ${PROVIDERS.join(', ')}` });
  }
  const page = positiveInt(q.get('page_number'), 'page_number');
  const size = positiveInt(q.get('page_size'), 'page_size', MAX_PAGE_SIZE);
  for (const r of [page, size]) if (r !== null && typeof r !== 'number') errors.push(r);
  if (errors.length > 0) return sendJson(ctx.res, 400, invalidParams(errors));
  const pageNumber = typeof page === 'number' ? page : 1;
  const pageSize = typeof size === 'number' ? size : 20;
  const filter = (provider ?? undefined) as Provider | undefined;
  const { total, items } = ctx.store.listAccounts(ctx.tenant.apiKey, filter, pageNumber, pageSize);
  const last = Math.max(1, Math.ceil(total / pageSize));
  const query = (p: number) => `page_number=${p}&page_size=${pageSize}${filter ? `&provider=${filter}` : ''}`;
  sendJson(ctx.res, 200, {
    page_number: pageNumber,
    page_size: pageSize,
    _embedded: items.map((a) => renderAccount(a, ctx.tenant.apiKey)),
    _links: pageLinks(`${ctx.baseUrl}${EA_BASE}`, pageNumber, last, query),
  });
}

export function findAccount(ctx: HandlerCtx, provider: Provider): StoredAccount | undefined {
  return ctx.store.getAccount(ctx.tenant.apiKey, provider, ctx.params.external_id!);
}

/** GET /messenger/{id}, /viber_service_msg/{id}, /whatsapp/{id}: the provider comes from the route. */
export function getAccount(provider: Provider): Handler {
  return (ctx) => {
    const acc = findAccount(ctx, provider);
    // Upstream answers a missing account with a bare 404 (no body).
    if (!acc) return sendEmpty(ctx.res, 404);
    sendJson(ctx.res, 200, renderAccount(acc, ctx.tenant.apiKey));
  };
}

function linkableAll(ctx: HandlerCtx, ids: string[]): boolean {
  return ids.every((id) => isLinkable(ctx.store.findApplication(ctx.tenant.apiKey, id)));
}

export function createAccount(ctx: HandlerCtx): void {
  const body = isRecord(ctx.body) ? ctx.body : {};
  const errors = present([
    requiredString(body, 'external_id'),
    requiredString(body, 'access_token'),
    optionalString(body, 'name'),
    applicationsField(body),
  ]);
  if (errors.length > 0) return sendJson(ctx.res, 400, invalidParams(errors));
  const externalId = body.external_id as string;
  if (ctx.store.getAccount(ctx.tenant.apiKey, 'messenger', externalId)) {
    // Spec is silent on duplicates; a 400 on the field keeps the documented statuses (no 409 on create).
    return sendJson(ctx.res, 400, invalidParams([{ name: 'external_id', reason: 'An account with this `external_id` already exists' }]));
  }
  const applications = (body.applications as string[] | undefined) ?? [];
  if (!linkableAll(ctx, applications)) return sendJson(ctx.res, 403, cannotLink());
  const acc: StoredAccount = {
    provider: 'messenger',
    external_id: externalId,
    ...(typeof body.name === 'string' ? { name: body.name } : {}),
    applications: [...applications],
    access_token: body.access_token as string,
  };
  ctx.store.addAccount(ctx.tenant.apiKey, acc);
  sendJson(ctx.res, 201, renderAccount(acc, ctx.tenant.apiKey));
}

export function patchMessenger(ctx: HandlerCtx): void {
  const acc = findAccount(ctx, 'messenger');
  if (!acc) return sendEmpty(ctx.res, 404);
  if (!isRecord(ctx.body)) {
    return sendJson(ctx.res, 400, invalidParams([{ name: 'body', reason: 'Request body must be a JSON object' }]));
  }
  const body = ctx.body;
  const errors = present([optionalString(body, 'name'), optionalNonEmpty(body, 'access_token'), applicationsField(body)]);
  if (body.external_id !== undefined && body.external_id !== acc.external_id) {
    errors.unshift({ name: 'external_id', reason: "'external_id' parameter cannot be changed" });
  }
  if (errors.length > 0) return sendJson(ctx.res, 400, invalidParams(errors));
  const applications = body.applications as string[] | undefined;
  if (applications && !linkableAll(ctx, applications)) return sendJson(ctx.res, 403, cannotLink());
  if (typeof body.name === 'string') acc.name = body.name;
  if (typeof body.access_token === 'string') acc.access_token = body.access_token;
  // PATCH sets the list (replacing a linked application is allowed here; only link gives 409).
  if (applications) acc.applications = [...applications];
  ctx.store.changed();
  sendJson(ctx.res, 200, renderAccount(acc, ctx.tenant.apiKey));
}

export function deleteMessenger(ctx: HandlerCtx): void {
  const acc = findAccount(ctx, 'messenger');
  if (!acc) return sendEmpty(ctx.res, 404);
  ctx.store.deleteAccount(ctx.tenant.apiKey, acc);
  sendEmpty(ctx.res, 204);
}
