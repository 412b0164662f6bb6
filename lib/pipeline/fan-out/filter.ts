/**
 * Event selection: an event is sent when it matches any rule; a rule matches when its event type
 * matches (null = all events) and every where-clause holds. Several values in one clause are ORed.
 * String comparisons of contains / starts with are case-insensitive, as in Amplitude's filters.
 */
import type { EventRule, EventSelection, WhereClause } from '@/lib/syncs/schema';

export interface FilterableEvent {
  event_type: string;
  user_id?: string;
  device_id?: string;
  event_properties?: Record<string, unknown>;
  user_properties?: Record<string, unknown>;
  [field: string]: unknown;
}

function lookup(event: FilterableEvent, clause: WhereClause): unknown {
  if (clause.scope === 'event') return own(event.event_properties, clause.property);
  if (clause.scope === 'user') return own(event.user_properties, clause.property);
  return own(event, clause.property);
}

function own(map: Record<string, unknown> | undefined, key: string): unknown {
  return map && Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function compareNumber(value: unknown, target: string, sign: 1 | -1): boolean {
  const a = typeof value === 'number' ? value : Number(value);
  const b = Number(target);
  if (!isSet(value) || Number.isNaN(a) || Number.isNaN(b)) return false;
  return sign === 1 ? a > b : a < b;
}

function matchesOne(value: unknown, operator: WhereClause['operator'], target: string): boolean {
  // Array values match when any element matches, as Amplitude treats array properties.
  if (Array.isArray(value)) return value.some((v) => matchesOne(v, operator, target));
  const text = isSet(value) ? asText(value) : '';
  switch (operator) {
    case 'is': return isSet(value) && text === target;
    case 'is_not': return text !== target;
    case 'contains': return isSet(value) && text.toLowerCase().includes(target.toLowerCase());
    case 'does_not_contain': return !text.toLowerCase().includes(target.toLowerCase());
    case 'starts_with': return isSet(value) && text.toLowerCase().startsWith(target.toLowerCase());
    case 'greater_than': return compareNumber(value, target, 1);
    case 'less_than': return compareNumber(value, target, -1);
    default: return false;
  }
}

export function matchesClause(event: FilterableEvent, clause: WhereClause): boolean {
  const value = lookup(event, clause);
  if (clause.operator === 'is_set') return isSet(value);
  if (clause.operator === 'is_not_set') return !isSet(value);
  // Negative operators must hold for every value; positive ones for any.
  const negative = clause.operator === 'is_not' || clause.operator === 'does_not_contain';
  if (clause.values.length === 0) return negative;
  return negative
    ? clause.values.every((v) => matchesOne(value, clause.operator, v))
    : clause.values.some((v) => matchesOne(value, clause.operator, v));
}

export function matchesRule(event: FilterableEvent, rule: EventRule): boolean {
  if (rule.eventType !== null && rule.eventType !== event.event_type) return false;
  return rule.where.every((clause) => matchesClause(event, clause));
}

export function matchesSelection(event: FilterableEvent, selection: EventSelection): boolean {
  return selection.rules.some((rule) => matchesRule(event, rule));
}
