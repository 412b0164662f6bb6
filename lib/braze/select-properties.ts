import { dropped } from '@/lib/braze/issues';
import { isPlainObject } from '@/lib/braze/json';
import { setOwn } from '@/lib/json/own-keys';
import { findUserProperty, MISSING, type SourceEvent } from '@/lib/braze/source-event';
import type { PropertyIssue } from '@/lib/braze/types';

export type PropertySelection = { eventProperties: readonly string[]; userProperties: readonly string[] };

export type SelectedProperties = { properties: Record<string, unknown>; issues: PropertyIssue[] };

/**
 * The event and user properties chosen in "Select additional properties", to send as Braze
 * event properties under their own names. Nothing selected sends nothing (seed: "If you don't
 * select any properties here, Amplitude doesn't send any"); a selected property missing from
 * this event is simply absent.
 *
 * Collision policy: when an event property and a user property share a name, the event
 * property wins, because it describes this occurrence and the user property still reaches
 * Braze as an attribute through Send Users. The user property is reported as `name_collision`
 * rather than renamed, since an invented prefix would create keys nobody chose in the wizard.
 */
export function selectProperties(event: SourceEvent, selection: PropertySelection): SelectedProperties {
  // Runs for every event: the result is built in place, and its own keys are the names taken.
  const properties: Record<string, unknown> = {};
  const issues: PropertyIssue[] = [];
  const eventProperties = isPlainObject(event.event_properties) ? event.event_properties : undefined;
  if (eventProperties) {
    for (const name of selection.eventProperties) {
      if (!Object.hasOwn(eventProperties, name) || Object.hasOwn(properties, name)) continue;
      setOwn(properties, name, eventProperties[name]);
    }
  }
  for (const name of selection.userProperties) {
    const value = findUserProperty(event, name);
    if (value === MISSING) continue;
    if (Object.hasOwn(properties, name)) {
      issues.push(dropped(name, 'name_collision', 'an event property of the same name was sent instead'));
      continue;
    }
    setOwn(properties, name, value);
  }
  return { properties, issues };
}
