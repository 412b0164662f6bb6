import type { Metadata } from 'next';
import { SyncSetupPage } from '@/components/sync-setup/SyncSetupPage';

export const metadata: Metadata = { title: 'Braze sync' };

/** `/syncs/new?name=…` sets up a sync that is created on Save; `/syncs/<id>` edits one. */
export default async function SyncSetupRoute({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ name?: string | string[]; saved?: string | string[]; check?: string | string[] }>;
}) {
  const [{ id }, { name, saved, check }] = await Promise.all([params, searchParams]);
  return (
    <SyncSetupPage
      syncId={id === 'new' ? null : id}
      initialName={typeof name === 'string' ? name : ''}
      justCreated={saved === '1'}
      createdWithProblem={typeof check === 'string' ? check : null}
    />
  );
}
