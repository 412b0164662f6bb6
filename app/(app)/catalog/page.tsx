import type { Metadata } from 'next';
import { CatalogPage } from '@/components/catalog/CatalogPage';

export const metadata: Metadata = { title: 'Catalog' };

export default async function CatalogRoute({ searchParams }: { searchParams: Promise<{ tab?: string | string[] }> }) {
  const { tab } = await searchParams;
  return <CatalogPage initialTab={tab === 'destinations' ? 'destinations' : 'events'} />;
}
