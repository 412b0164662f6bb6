import type { Metadata } from 'next';
import { DashboardPage } from '@/components/dashboard/DashboardPage';

export const metadata: Metadata = { title: 'Delivery' };

export default function DashboardRoute() {
  return <DashboardPage />;
}
