import 'server-only';
import type { z } from 'zod';
import { UpstreamError, type UpstreamErrorKind } from './errors';
import type { UpstreamAnswer } from './client';
import { bffFieldName, rawInvalidParamsSchema } from './raw';

type Overrides = Partial<Record<number, UpstreamErrorKind>>;

/** Turns an unexpected upstream status into a typed error; `overrides` give a status its meaning for one operation. */
export function failFor(answer: UpstreamAnswer, overrides: Overrides = {}): never {
  const { status } = answer;
  const kind =
    overrides[status] ??
    (status === 400
      ? 'invalid'
      : status === 401 || status === 403
        ? 'credentials_refused'
        : status === 404
          ? 'not_found'
          : status === 429
            ? 'rate_limited'
            : 'bad_response');
  const extra: UpstreamError['extra'] = { status };
  if (kind === 'rate_limited') extra.retryAfterSeconds = answer.retryAfterSeconds ?? 1;
  if (kind === 'invalid') {
    const parsed = rawInvalidParamsSchema.safeParse(answer.body);
    const params = parsed.success ? (parsed.data.invalid_params ?? parsed.data.invalid_parameters ?? []) : [];
    // Field names are mapped to ours; upstream reasons stay behind (they may echo what was sent).
    extra.invalidParams = params.slice(0, 10).map((p) => ({ name: bffFieldName(p.name), reason: 'Vonage rejected this value' }));
  }
  throw new UpstreamError(kind, `upstream answered ${status}`, extra);
}

/** The body of a successful answer, parsed; a body that does not fit is a broken upstream. */
export function parseBody<T extends z.ZodType>(answer: UpstreamAnswer, schema: T): z.output<T> {
  const parsed = schema.safeParse(answer.body);
  if (!parsed.success) throw new UpstreamError('bad_response', 'upstream body did not match the spec', { status: answer.status });
  return parsed.data;
}
