import type { z } from 'zod/mini';
import { problemSchema, type Problem } from '@/lib/schemas/problem';

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

/** Calls our own /api (never Vonage); mutations carry the anti-forgery header. */
export async function apiFetch<T extends z.ZodMiniType>(
  path: string,
  schema: T | null,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<z.output<T>> {
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
    const parsed = problemSchema.safeParse(await res.json().catch(() => null));
    const retryAfter = Number(res.headers.get('retry-after'));
    throw new ApiError(res.status, parsed.success ? parsed.data : null, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null);
  }
  if (res.status === 204 || !schema) return undefined as z.output<T>;
  return schema.parse(await res.json());
}
