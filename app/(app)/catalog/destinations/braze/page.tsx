import type { Metadata } from 'next';
import { BrazeDestinationPage } from '@/components/braze/BrazeDestinationPage';

export const metadata: Metadata = { title: 'Braze' };

export default function BrazeDestinationRoute() {
  return <BrazeDestinationPage />;
}
