/**
 * What ingestion has seen in a project (CatalogEntry, filled by the worker): event types,
 * event property keys and user property keys, for the wizard's pickers and the Catalog page.
 */
import { prisma } from '@/lib/db/prisma';

export const CATALOG_KINDS = ['event_type', 'event_property', 'user_property'] as const;
type CatalogKind = (typeof CATALOG_KINDS)[number];

// The pickers stay usable with this many names per kind; typing a name covers the rest.
const MAX_PER_KIND = 1_000;

export interface CatalogItem {
  name: string;
  count: number;
  lastSeen: string;
}

export interface CatalogView {
  eventTypes: CatalogItem[];
  eventProperties: CatalogItem[];
  userProperties: CatalogItem[];
}

async function readKind(projectId: string, kind: CatalogKind): Promise<CatalogItem[]> {
  const rows = await prisma().catalogEntry.findMany({
    where: { projectId, kind },
    orderBy: [{ lastSeen: 'desc' }, { name: 'asc' }],
    take: MAX_PER_KIND,
    select: { name: true, count: true, lastSeen: true },
  });
  return rows
    .map((row) => ({ name: row.name, count: Number(row.count), lastSeen: row.lastSeen.toISOString() }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function readCatalog(projectId: string): Promise<CatalogView> {
  const [eventTypes, eventProperties, userProperties] = await Promise.all(CATALOG_KINDS.map((kind) => readKind(projectId, kind)));
  return { eventTypes: eventTypes!, eventProperties: eventProperties!, userProperties: userProperties! };
}
