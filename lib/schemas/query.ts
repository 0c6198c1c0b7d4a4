import { z } from 'zod';

/** A whole-number query parameter within bounds, with a default when absent. */
export const intParam = (min: number, max: number, fallback: number) =>
  z
    .string()
    .regex(/^[0-9]{1,7}$/, 'Must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min, `Must be at least ${min}`).max(max, `Must be at most ${max}`))
    .optional()
    .transform((n) => n ?? fallback);
