/** The project's ingestion settings shown on the Settings page, and rotating its API key. */
import { prisma } from '@/lib/db/prisma';
import { generateProjectApiKey } from '@/lib/projects/api-key';
import { ensureDefaultProject } from '@/lib/projects/bootstrap';

export interface ProjectSettings {
  id: string;
  name: string;
  apiKey: string;
  /** Base URL the SDKs should send to: PUBLIC_URL, or the address this page was reached by. */
  serverUrl: string;
}

/** There is one project for now: the first one, created at first start. */
export async function defaultProjectId(): Promise<string> {
  return (await ensureDefaultProject()).id;
}

export async function readProjectSettings(serverUrl: string): Promise<ProjectSettings> {
  const project = await prisma().project.findUniqueOrThrow({ where: { id: await defaultProjectId() } });
  return { id: project.id, name: project.name, apiKey: project.apiKey, serverUrl };
}

/**
 * A new ingestion API key; the old one stops working within the ingestion key cache's refresh
 * interval (seconds), so SDKs must be updated with the new key.
 */
export async function rotateProjectApiKey(serverUrl: string): Promise<ProjectSettings> {
  const project = await prisma().project.update({ where: { id: await defaultProjectId() }, data: { apiKey: generateProjectApiKey() } });
  return { id: project.id, name: project.name, apiKey: project.apiKey, serverUrl };
}
