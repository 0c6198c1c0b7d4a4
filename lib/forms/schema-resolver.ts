import type { FieldErrors, FieldValues, Resolver } from 'react-hook-form';
import type { z } from 'zod/mini';

/**
 * A react-hook-form resolver that checks what will be sent, not the raw
 * inputs: `toBody` turns the form's strings into the request body (empty
 * optional fields left out), and the server's own zod schema judges it.
 * Issues land on the field of the same name; the rest on `root`.
 *
 * The schema comes from `load`, a dynamic import, so that zod is fetched when
 * the form is first used rather than with the page. Should it fail to load,
 * the body goes out unchecked: the server applies the same schema, and its
 * field errors are put on the fields (showServerErrors).
 */
export function schemaResolver<V extends FieldValues, S extends z.ZodMiniType>(
  load: () => Promise<S>,
  toBody: (values: V) => unknown,
  fields: readonly (keyof V & string)[],
): Resolver<V, unknown, z.output<S>> {
  return async (values) => {
    const schema = await load().catch(() => null);
    if (!schema) return { values: toBody(values) as z.output<S>, errors: {} };
    const result = schema.safeParse(toBody(values));
    if (result.success) return { values: result.data, errors: {} };
    const errors: Record<string, { type: string; message: string }> = {};
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? '');
      const name = (fields as readonly string[]).includes(key) ? key : 'root';
      errors[name] ??= { type: issue.code, message: issue.message };
    }
    return { values: {}, errors: errors as FieldErrors<V> };
  };
}

/** Starts fetching a form's schema (e.g. when the form is first focused), so that the first check need not wait for it. */
export const preload = (load: () => Promise<unknown>) => () => void load().catch(() => {});

/** '' means "not given" for an optional field. */
export const optional = (s: string) => (s.trim() === '' ? undefined : s.trim());
