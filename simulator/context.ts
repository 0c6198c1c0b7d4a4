/** Types and constants shared by the router and the handlers (kept apart to avoid import cycles). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthResult } from './auth';
import type { Store } from './store';
import type { TenantConfig } from './types';

export const EA_BASE = '/beta/chatapp-accounts';
export const APP_BASE = '/v2/applications';

export type ApiName = 'accounts' | 'applications';

export interface HandlerCtx {
  req: IncomingMessage;
  res: ServerResponse;
  params: Record<string, string>;
  query: URLSearchParams;
  tenant: TenantConfig;
  auth: AuthResult;
  store: Store;
  /** Absolute base URL of this simulator, e.g. http://127.0.0.1:4010 (for `_links`). */
  baseUrl: string;
  /** Parsed JSON body (undefined when the request had none); only for routes with `body: true`. */
  body: unknown;
}

export type Handler = (ctx: HandlerCtx) => void | Promise<void>;
