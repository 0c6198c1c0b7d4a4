import 'server-only';
import { config, locales, type z } from 'zod/mini';
import type { Problem } from '@/lib/schemas/problem';

// zod/mini (the shared schemas) carries no words of its own: the reasons for checks without a message of
// their own ("Invalid input: expected string, received number") are zod's English ones.
config(locales.en());

type InvalidParam = { name: string; reason: string };

/** An answer the BFF gives on purpose, as problem details. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly extra: {
      invalidParams?: InvalidParam[];
      headers?: Record<string, string>;
      /** A type of its own, when the status alone does not say what happened (e.g. `unconfirmed`). */
      type?: string;
      /** Problem extensions (RFC 9457 §3.2), e.g. `restored` after a failed replace. */
      extensions?: { restored?: boolean };
    } = {},
  ) {
    super(title);
  }
}

const TYPES: Record<number, string> = {
  400: 'invalid-request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  409: 'conflict',
  413: 'body-too-large',
  415: 'unsupported-media-type',
  422: 'unprocessable',
  429: 'rate-limited',
  500: 'internal',
  502: 'upstream-failed',
  503: 'unavailable',
  504: 'upstream-timeout',
};

export const NO_STORE = { 'cache-control': 'no-store' } as const;

export function problemResponse(err: HttpError, requestId: string): Response {
  const body: Problem = {
    type: `/problems/${err.extra.type ?? TYPES[err.status] ?? 'error'}`,
    title: err.title,
    status: err.status,
    ...(err.detail ? { detail: err.detail } : {}),
    instance: requestId,
    ...(err.extra.invalidParams ? { invalidParams: err.extra.invalidParams } : {}),
    ...err.extra.extensions,
  };
  return new Response(JSON.stringify(body), {
    status: err.status,
    headers: { 'content-type': 'application/problem+json', ...NO_STORE, 'x-request-id': requestId, ...err.extra.headers },
  });
}

/** zod issues as invalidParams, named by the BFF's own field names. */
export function invalidParams(error: z.core.$ZodError, prefix = ''): InvalidParam[] {
  return error.issues.slice(0, 20).map((i) => ({
    name: prefix + (i.path.length ? i.path.map(String).join('.') : i.code === 'unrecognized_keys' ? i.keys.join(',') : 'body'),
    reason: i.code === 'unrecognized_keys' ? `Unknown field${i.keys.length > 1 ? 's' : ''}: ${i.keys.join(', ')}` : i.message,
  }));
}

export const badRequest = (error: z.core.$ZodError, what: string) =>
  new HttpError(400, `Invalid ${what}`, `Check the ${what} and try again.`, { invalidParams: invalidParams(error) });
