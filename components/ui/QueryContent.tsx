import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorState, LoadingState } from '@/components/ui/States';

/** A query's three faces in one place: loading (with what), its error with a retry, then its data. */
export function QueryContent<T>({ query, loading, children }: { query: UseQueryResult<T>; loading: string; children: (data: T) => ReactNode }) {
  if (query.isPending) return <LoadingState label={loading} />;
  if (query.isError) return <ErrorState message={query.error.message} onRetry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}
