/** Link and unlink an application to/from an account of any provider (one application per account). */
import type { HandlerCtx } from './context';
import type { Provider } from './types';
import { cannotLink, conflict, invalidParams } from './errors';
import { isRecord, sendEmpty, sendJson } from './http-util';
import { isLinkable, renderAccount } from './render';
import { requiredString } from './validate';
import { findAccount } from './handlers-accounts';

export function linkApplication(ctx: HandlerCtx): void {
  const body = isRecord(ctx.body) ? ctx.body : {};
  const error = requiredString(body, 'application');
  if (error) return sendJson(ctx.res, 400, invalidParams([error]));
  const acc = findAccount(ctx, ctx.params.provider as Provider);
  if (!acc) return sendEmpty(ctx.res, 404);
  const appId = body.application as string;
  // 403 first: an unknown or non-messages application cannot be linked whatever the account's state.
  if (!isLinkable(ctx.store.findApplication(ctx.tenant.apiKey, appId))) return sendJson(ctx.res, 403, cannotLink());
  // Any linked application, even the same one, is a conflict (upstream: limit of one reached).
  if (acc.applications.length > 0) return sendJson(ctx.res, 409, conflict('link'));
  acc.applications = [appId];
  ctx.store.changed();
  sendJson(ctx.res, 200, renderAccount(acc, ctx.tenant.apiKey));
}

export function unlinkApplication(ctx: HandlerCtx): void {
  const acc = findAccount(ctx, ctx.params.provider as Provider);
  if (!acc) return sendEmpty(ctx.res, 404);
  const appId = ctx.params.application_id!;
  // Not linked (or not existing) is 409 upstream, not 404.
  if (!acc.applications.includes(appId)) return sendJson(ctx.res, 409, conflict('unlink'));
  acc.applications = acc.applications.filter((id) => id !== appId);
  ctx.store.changed();
  sendEmpty(ctx.res, 204);
}
