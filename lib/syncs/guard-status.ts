/**
 * What the sync page and the wizard say about two things the worker decides on its own: the
 * stricter object limit a sync moved to after Braze refused a request as too many objects, and
 * how the attribute type guard works for the sync's workspace.
 */
import { requestCapacity } from '@/lib/braze/batch';
import { OBJECT_LIMIT_MODES } from '@/lib/syncs/schema';

type ObjectLimitMode = (typeof OBJECT_LIMIT_MODES)[number];

export type ObjectLimitSwitch = { from: ObjectLimitMode; to: ObjectLimitMode; at: string };

export type AttributeGuardStatus = { mode: 'declared' | 'first_type'; checkedAt: string };

function isMode(value: string | null): value is ObjectLimitMode {
  return (OBJECT_LIMIT_MODES as readonly (string | null)[]).includes(value);
}

export function objectLimitSwitchOf(sync: {
  objectLimitMode: string;
  objectLimitSwitchedAt: Date | null;
  objectLimitSwitchedFrom: string | null;
}): ObjectLimitSwitch | null {
  const from = sync.objectLimitSwitchedFrom;
  if (!sync.objectLimitSwitchedAt || !isMode(from) || !isMode(sync.objectLimitMode) || from === sync.objectLimitMode) return null;
  return { from, to: sync.objectLimitMode, at: sync.objectLimitSwitchedAt.toISOString() };
}

export function attributeGuardStatusOf(sync: { attributeGuardMode: string | null; attributeGuardCheckedAt: Date | null }): AttributeGuardStatus | null {
  const mode = sync.attributeGuardMode;
  if ((mode !== 'declared' && mode !== 'first_type') || !sync.attributeGuardCheckedAt) return null;
  return { mode, checkedAt: sync.attributeGuardCheckedAt.toISOString() };
}

/** The object limit modes, each with the one line the wizard shows (braze-api.md §2.1). */
export const OBJECT_LIMIT_MODE_TEXT: Readonly<Record<ObjectLimitMode, { label: string; explanation: string }>> = {
  combined75: { label: '75 objects combined', explanation: "Braze's current default: up to 75 attributes, events and purchases together per request." },
  legacy75each: { label: '75 per array (legacy limits)', explanation: 'Workspaces on legacy rate limits: up to 75 of each of attributes, events and purchases per request.' },
  mau50: { label: '50 objects combined (MAU contracts)', explanation: 'Monthly Active User contracts (CY 24-25, Universal, Web or Mobile MAU): up to 50 objects together per request.' },
};

/** The mode to move to when Braze refuses a request as too many objects, or null when none is stricter. */
export function stricterObjectLimitMode(mode: ObjectLimitMode): ObjectLimitMode | null {
  // The next smaller request by lib/braze's one limit table.
  const total = (m: ObjectLimitMode) => requestCapacity(m).total;
  const smaller = OBJECT_LIMIT_MODES.filter((m) => total(m) < total(mode));
  return smaller.sort((x, y) => total(y) - total(x))[0] ?? null;
}
