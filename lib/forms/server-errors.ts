import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { describeError, fieldErrors, type Operation } from '@/lib/queries/describe-error';

/**
 * A failed submit: the server's invalidParams go on their fields (a name the
 * form does not have goes to `root`), the plain-word outcome to `root.server`.
 * Returns that outcome for the notification.
 */
export function showServerErrors<V extends FieldValues>(
  setError: UseFormSetError<V>,
  err: unknown,
  fields: readonly string[],
  op: Operation,
): string {
  for (const [name, reason] of Object.entries(fieldErrors(err)))
    setError(fields.includes(name) ? (name as Path<V>) : 'root', { type: 'server', message: reason });
  const text = describeError(err, op);
  setError('root.server', { type: 'server', message: text });
  return text;
}
