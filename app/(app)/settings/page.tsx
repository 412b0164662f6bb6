import type { Metadata } from 'next';
import { ProjectSettingsPage } from '@/components/settings/ProjectSettingsPage';

export const metadata: Metadata = { title: 'Settings' };

export default function SettingsRoute() {
  return <ProjectSettingsPage />;
}
