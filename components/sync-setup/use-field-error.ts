import { get, useFormState, type FieldPath } from 'react-hook-form';
import type { SyncFormValues } from '@/lib/syncs/schema';

/** The message of the error at `path` of the sync form, client- or server-side. */
export function useFieldError(path: FieldPath<SyncFormValues>): string | undefined {
  const { errors } = useFormState<SyncFormValues>({ name: path });
  const error: unknown = get(errors, path);
  if (error && typeof error === 'object' && 'message' in error && typeof error.message === 'string') return error.message;
  // An error on an array itself (e.g. too many rules) sits on `root`.
  const root: unknown = get(errors, `${path}.root`);
  return root && typeof root === 'object' && 'message' in root && typeof root.message === 'string' ? root.message : undefined;
}
