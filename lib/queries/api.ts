import type { Problem } from '@/lib/schemas/problem';

/** A BFF answer that was not a success, with its problem details. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
    readonly retryAfterSeconds: number | null,
  ) {
    super(problem?.detail ?? problem?.title ?? `Request failed (${status})`);
  }
}

type Fields = Record<string, unknown>;
const isObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isParam = (v: unknown): v is { name: string; reason: string } => isObject(v) && isString(v.name) && isString(v.reason);

/**
 * What `problemSchema` accepts, checked by hand so that zod stays out of every
 * page's first load (a unit test keeps the two in step). An error answer is
 * checked because it may come from something other than the BFF, a proxy say.
 */
export function asProblem(body: unknown): Problem | null {
  if (!isObject(body)) return null;
  const { type, title, status, detail, instance, invalidParams, restored } = body;
  if (!isString(type) || !isString(title) || !Number.isSafeInteger(status) || !isString(instance)) return null;
  if (detail !== undefined && !isString(detail)) return null;
  if (invalidParams !== undefined && !(Array.isArray(invalidParams) && invalidParams.every(isParam))) return null;
  return {
    type,
    title,
    status: status as number,
    ...(detail !== undefined ? { detail } : {}),
    instance,
    ...(invalidParams !== undefined ? { invalidParams: invalidParams.map(({ name, reason }) => ({ name, reason })) } : {}),
    ...(typeof restored === 'boolean' ? { restored } : {}),
  };
}

/**
 * Calls our own /api (never Vonage); mutations carry the anti-forgery header.
 * A success is the BFF's own answer, which the contract tests hold to the
 * shared schemas, so it is not parsed again here: `T` names what it is.
 */
export async function apiFetch<T = void>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const method = init.method ?? 'GET';
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    signal: init.signal,
    headers: {
      accept: 'application/json',
      ...(method !== 'GET' ? { 'x-csrf': '1' } : {}),
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
  if (!res.ok) {
    // Stryker disable next-line ArrowFunction: asProblem(undefined) is null, as asProblem(null) is
    const problem = asProblem(await res.json().catch(() => null));
    const retryAfter = Number(res.headers.get('retry-after'));
    throw new ApiError(res.status, problem, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null);
  }
  return (res.status === 204 ? undefined : await res.json()) as T;
}
