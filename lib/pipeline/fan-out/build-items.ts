/**
 * Turns ingested events into the Braze objects one sync sends, and counts what it leaves out:
 * `filtered` (not selected, or Send Events off) and `skipped` (no value for the mapped user ID, and
 * not sent as an anonymous user: lib/anonymous).
 * A user's attribute update is placed before that user's event from the same source event, and
 * Braze applies a request's attributes before its events.
 */
import type { AmplitudeEvent, UserPropertyChange } from '@/lib/amplitude';
import { aliasProfileObject, planAnonymousUsers, type AnonymousPlan } from '@/lib/anonymous/anonymous-users';
import {
  buildBrazeAttributes,
  buildBrazeEvent,
  findStandardAttribute,
  resolveIdentifier,
  selectProperties,
  type BrazeIdentifier,
} from '@/lib/braze';
import { buildRevenueObjects, type BuiltRevenue } from '@/lib/braze/revenue';
import { matchesSelection } from '@/lib/pipeline/fan-out/filter';
import { identifierMappingOf } from '@/lib/pipeline/fan-out/identifier-mapping';
import { cacheEntry, cachedEntryOf, fingerprint, type SentValues } from '@/lib/pipeline/state/attribute-cache';
import { toAttributeChange } from '@/lib/pipeline/fan-out/user-changes';
import { EMPTY_USER_MODEL, userKeyOf, type UserModel, type UserProperties } from '@/lib/users/profile-store';
import type { DeliverItem } from '@/lib/queue/contracts';
import type { RuntimeSync } from '@/lib/syncs/runtime';
import { reportDroppedAttributes, subscriptionFieldsOf, type HeldBackEntry } from '@/lib/pipeline/guard/user-update-checks';

export interface BuiltItems {
  items: DeliverItem[];
  filtered: number;
  skipped: number;
  /**
   * Events Braze could never accept (e.g. a time outside Date's range), with the reason; and,
   * naming their `attribute`, single user-update fields held back (lib/pipeline/guard).
   */
  invalid: HeldBackEntry[];
  /** Attribute writes not sent because this sync already sent that value (Braze data points saved). */
  dataPointsSaved: number;
  /** Devices sent under their alias, and devices seen with a known user (Send anonymous users). */
  anonymous: Pick<AnonymousPlan, 'anonymousDevices' | 'identifyCandidates'>;
}

const IDENTIFY_TYPES = new Set(['$identify', '$groupidentify']);

/**
 * `users` is the user model of `events` (lib/users/profile-store): by an event's index in
 * `events`, the user-property changes it made and the user's properties as it sees them, which
 * is what the identifier mapping, filters on user properties and the user properties sent as
 * event properties read. `sent` is what this sync last sent per user (see attribute-cache), and
 * is updated as items are built, so two changes of one batch compare with each other too.
 */
export function buildItemsForSync(
  sync: RuntimeSync,
  events: AmplitudeEvent[],
  receivedAt: number,
  users: UserModel = EMPTY_USER_MODEL,
  sent: SentValues = new Map(),
): BuiltItems {
  const mapping = identifierMappingOf(sync);
  // Amplitude stamps every event with its user's current properties.
  const seen = events.map((source, index) => withView(source, users.views.get(index)));
  const mapped = seen.map((event) => resolveIdentifier(event, mapping));
  const anonymous = planAnonymousUsers(sync, seen, mapped);
  const { anonymousDevices, identifyCandidates } = anonymous;
  const out: BuiltItems = { items: [], filtered: 0, skipped: 0, invalid: [], dataPointsSaved: 0, anonymous: { anonymousDevices, identifyCandidates } };
  events.forEach((source, index) => {
    const event = seen[index]!;
    const identifier = mapped[index] ?? anonymous.identifierAt(index);
    const made = users.changes.get(index);
    let updated = false;
    if (sync.sendUsers && made && identifier) {
      const item = attributesItem(sync, event, identifier, made, receivedAt, sent, out);
      if (item) out.items.push(item);
      updated = item !== null;
    }
    // Identify calls are not events: they reach Braze only as user updates (Send Users).
    if (IDENTIFY_TYPES.has(event.event_type)) return;
    if (!sync.sendEvents || !matchesSelection(event, sync.eventSelection)) {
      out.filtered++;
      return;
    }
    if (!identifier) {
      out.skipped++;
      return;
    }
    const { properties } = selectProperties(event, sync.eventProperties);
    const options = { identifier, appId: sync.appId, properties, updateExistingOnly: sync.updateUsersOnly };
    // Revenue becomes what the sync's revenue mapping makes of it (lib/braze/revenue); anything else one event.
    const built = buildRevenueObjects(event, sync.revenue, options) ?? asObjects(buildBrazeEvent(event, options));
    if (!built.ok) {
      out.invalid.push({ event: source, reason: built.reason });
      return;
    }
    const userKey = sync.sendUsers || sync.sendAnonymousUsers ? (anonymous.userKeyAt(index) ?? userKeyOf(event)) : null;
    // Only an anonymous device's alias is created here, unless its attribute update just before does.
    const profile = updated || mapped[index] ? null : aliasProfileObject(identifier, sync.updateUsersOnly);
    if (profile) out.items.push(itemOf('attributes', profile, event, receivedAt, userKey));
    for (const { array, object } of built.objects) out.items.push(itemOf(array, object, event, receivedAt, userKey));
  });
  return out;
}

/**
 * The Braze attributes object for one event's changes to the selected user properties (none
 * selected sends none), leaving out every attribute whose resulting value this sync already sent,
 * and every attribute this sync already sent from a newer event.
 */
function attributesItem(
  sync: RuntimeSync,
  event: AmplitudeEvent,
  identifier: BrazeIdentifier,
  made: UserPropertyChange[],
  receivedAt: number,
  sent: SentValues,
  out: BuiltItems,
): DeliverItem | null {
  const userKey = userKeyOf(event);
  const subscriptions = subscriptionFieldsOf(sync.subscriptions, event, made, out.invalid);
  const subscribes = Object.keys(subscriptions).length > 0;
  if (!userKey || (sync.userProperties.length === 0 && !subscribes)) return null;
  const selected = new Set(sync.userProperties);
  const last = sent.get(userKey) ?? {};
  const candidates = new Map<string, string>();
  const toSend = made.filter((c) => {
    if (!selected.has(c.key)) return false;
    const field = findStandardAttribute(c.key) ?? c.key;
    const value = c.op === 'unset' ? null : c.value;
    const cached = cachedEntryOf(last, field);
    if (cached && (cached.time > event.time || cached.fingerprint === fingerprint(value))) {
      out.dataPointsSaved++;
      return false;
    }
    candidates.set(field, cacheEntry(event.time, value));
    return true;
  });
  if (toSend.length === 0 && !subscribes) return null;
  const built = buildBrazeAttributes(identifier, toSend.map(toAttributeChange), { updateUsersOnly: sync.updateUsersOnly });
  reportDroppedAttributes(event, built.issues, out.invalid);
  if (built.fields.length === 0 && !subscribes) return null;
  // fromEntries defines own properties: an attribute named `__proto__` stays an attribute.
  const remember = Object.fromEntries(built.fields.filter((f) => candidates.has(f)).map((f) => [f, candidates.get(f)!]));
  sent.set(userKey, { ...last, ...remember });
  return { ...itemOf('attributes', { ...built.attributes, ...subscriptions }, event, receivedAt, null), remember: { userKey, set: remember, unset: [] } };
}

function withView(source: AmplitudeEvent, view: UserProperties | undefined): AmplitudeEvent {
  return view ? { ...source, user_properties: view as Record<string, unknown> } : source;
}

function asObjects(built: ReturnType<typeof buildBrazeEvent>): BuiltRevenue {
  return built.ok ? { ok: true, objects: [{ array: 'events', object: built.event }] } : built;
}

/** One object literal per item (no spread of intermediate objects): fan-out builds one per Braze object. */
function itemOf(kind: DeliverItem['kind'], object: DeliverItem['object'], event: AmplitudeEvent, receivedAt: number, userKey: string | null): DeliverItem {
  const { event_type: eventType, user_id: userId, insert_id: insertId } = event;
  return userKey ? { kind, object, receivedAt, eventType, userId, insertId, userKey } : { kind, object, receivedAt, eventType, userId, insertId };
}

/** Top-level event fields an identifier can be mapped to; any other name is a user property. */
const EVENT_FIELDS = new Set(['user_id', 'device_id']);

/**
 * Whether the sync reads user properties of events (and so needs every event's user view, not
 * only the changes): an identifier mapped to a user property, user properties sent as event
 * properties, or a filter on a user property.
 */
export function readsUserProperties(sync: Pick<RuntimeSync, 'identifier' | 'sendEvents' | 'eventProperties' | 'eventSelection'>): boolean {
  if (!EVENT_FIELDS.has(sync.identifier.property)) return true;
  if (!sync.sendEvents) return false;
  if (sync.eventProperties.userProperties.length > 0) return true;
  return sync.eventSelection.rules.some((rule) => rule.where.some((clause) => clause.scope === 'user'));
}
