import { z } from 'zod/mini';

/** A whole-number query parameter within bounds, with a default when absent. */
export const intParam = (min: number, max: number, fallback: number) =>
  z.pipe(
    z.optional(
      z.pipe(
        z.pipe(z.string().check(z.regex(/^[0-9]{1,7}$/, 'Must be a whole number')), z.transform(Number)),
        z.number().check(z.int(), z.minimum(min, `Must be at least ${min}`), z.maximum(max, `Must be at most ${max}`)),
      ),
    ),
    z.transform((n: number | undefined) => n ?? fallback),
  );
