/**
 * A sample Amplitude event for the Preview: the first selected event (or the newest seen), the
 * most recent user's ID and properties, and example values for the selected properties and the
 * where-clauses, so the sample is one the sync would send. Pure: the wizard builds it in the
 * browser from what the API returned.
 */
import type { RecentUser } from '@/lib/syncs/recent-user';
import type { WhereClause } from '@/lib/syncs/schema';

/** The form's settings as they stand, possibly half filled in. */
export interface SampleEventSettings {
  identifierProperty?: string;
  identifierType?: string;
  eventSelection?: { rules?: { eventType?: string | null; where?: Partial<WhereClause>[] }[] };
  eventProperties?: { eventProperties?: string[]; userProperties?: string[] };
  userProperties?: string[];
}

function completeClauses(where: Partial<WhereClause>[] | undefined): WhereClause[] {
  return (where ?? []).flatMap((c) =>
    c.scope && c.property && c.operator ? [{ scope: c.scope, property: c.property, operator: c.operator, values: c.values ?? [] }] : [],
  );
}

export interface SampleEventSources {
  settings: SampleEventSettings;
  eventTypes: string[];
  recentUser: RecentUser | null;
  now: number;
}

const EXAMPLE = 'example value';
const TOP_LEVEL_FIELDS = new Set(['user_id', 'device_id']);

function exampleFor(clause: WhereClause): unknown {
  const first = clause.values[0];
  switch (clause.operator) {
    case 'is':
    case 'contains':
    case 'starts_with':
      return first ?? EXAMPLE;
    case 'greater_than':
      return Number(first ?? 0) + 1;
    case 'less_than':
      return Number(first ?? 0) - 1;
    case 'is_set':
      return EXAMPLE;
    default:
      return undefined;
  }
}

function identifierExample(type: string | undefined): string {
  if (type === 'EMAIL') return 'person@example.com';
  if (type === 'BRAZE_ID') return '5f1d2c3b4a5968778695a4b3';
  return 'user-12345';
}

export function buildSampleEvent({ settings, eventTypes, recentUser, now }: SampleEventSources): Record<string, unknown> {
  const rules = (settings.eventSelection?.rules ?? []).map((r) => ({ eventType: r.eventType ?? null, where: completeClauses(r.where) }));
  const rule = rules.find((r) => r.eventType) ?? rules[0];
  const event: Record<string, unknown> = {
    event_type: rule?.eventType ?? eventTypes[0] ?? 'Sample Event',
    user_id: recentUser?.userId ?? (recentUser ? undefined : 'user-12345'),
    device_id: recentUser ? recentUser.deviceId : 'device-12345',
    time: now,
    insert_id: `preview-${now}`,
  };
  const eventProperties: Record<string, unknown> = {};
  const userProperties: Record<string, unknown> = { ...recentUser?.userProperties };

  for (const name of settings.eventProperties?.eventProperties ?? []) eventProperties[name] ??= EXAMPLE;
  for (const name of [...(settings.eventProperties?.userProperties ?? []), ...(settings.userProperties ?? [])]) userProperties[name] ??= EXAMPLE;

  const mapped = settings.identifierProperty ?? 'user_id';
  if (!TOP_LEVEL_FIELDS.has(mapped) && userProperties[mapped] === undefined) userProperties[mapped] = identifierExample(settings.identifierType);
  if (mapped === 'user_id' && event.user_id === undefined) event.user_id = identifierExample(settings.identifierType);

  for (const clause of rule?.where ?? []) {
    const value = exampleFor(clause);
    if (value === undefined) continue;
    if (clause.scope === 'event') eventProperties[clause.property] = value;
    else if (clause.scope === 'user') userProperties[clause.property] = value;
    else event[clause.property] ??= value;
  }
  if (Object.keys(eventProperties).length > 0) event.event_properties = eventProperties;
  if (Object.keys(userProperties).length > 0) event.user_properties = userProperties;
  if (event.user_id === undefined) delete event.user_id;
  if (event.device_id === undefined) delete event.device_id;
  return event;
}
