'use client';

import { useFormContext, useWatch } from 'react-hook-form';
import { Alert } from '@/components/ui/Alert';
import { SendAnonymousUsersField } from '@/components/sync-setup/SendAnonymousUsersField';
import { Button } from '@/components/ui/Button';
import type { SyncFormValues, WhereClause } from '@/lib/syncs/schema';

const TOP_LEVEL_FIELDS = new Set(['user_id', 'device_id']);

/** The where-clause that keeps only events whose mapped user ID is present. */
export function presenceClause(property: string): WhereClause {
  return { scope: TOP_LEVEL_FIELDS.has(property) ? 'field' : 'user', property, operator: 'is_set', values: [] };
}

function hasClause(where: readonly Partial<WhereClause>[] | undefined, clause: WhereClause): boolean {
  return (where ?? []).some((w) => w.scope === clause.scope && w.property === clause.property && w.operator === 'is_set');
}

/**
 * The seed's warning, with a one-click filter on every selected event, and the other answer to
 * it: Send anonymous users, which sends those events under alias profiles instead of skipping them.
 */
export function AnonymousUsersWarning() {
  const { control, getValues, setValue } = useFormContext<SyncFormValues>();
  const [property, rules, sendAnonymous, identifierType, updateUsersOnly] = useWatch({
    control,
    name: ['identifierProperty', 'eventSelection.rules', 'sendAnonymousUsers', 'identifierType', 'updateUsersOnly'],
  });
  const mapped = (property ?? '').trim() || 'user_id';
  const clause = presenceClause(mapped);
  const covered = (rules ?? []).length > 0 && (rules ?? []).every((rule) => hasClause(rule.where, clause));

  const addFilter = () => {
    (getValues('eventSelection.rules') ?? []).forEach((rule, index) => {
      if (hasClause(rule.where, clause)) return;
      setValue(`eventSelection.rules.${index}.where`, [...(rule.where ?? []), clause], { shouldDirty: true });
    });
  };

  if (sendAnonymous) {
    return (
      <Alert tone="info" title="Anonymous users are sent as alias profiles" action={<SendAnonymousUsersField />}>
        Events without <code className="font-mono">{mapped}</code> go to Braze under a user alias named by their device ID, as an alias-only profile.{' '}
        {(identifierType ?? 'EXTERNAL_ID') === 'EXTERNAL_ID'
          ? 'When a device first appears with a user ID, its alias profile is merged into that user (/users/identify) before anything else of the user is sent, so the anonymous history is not a duplicate profile.'
          : 'Their profiles are not merged when the user logs in: Braze merges alias profiles only into a user with an External ID.'}
        {updateUsersOnly ? ' With Update Users Only, no alias profile is created: only alias profiles that already exist in Braze are updated.' : ''}
      </Alert>
    );
  }

  return (
    <Alert
      tone="warning"
      title="Events for anonymous users cannot be streamed"
      action={
        <div className="space-y-3">
          {covered ? (
            <p className="font-medium">
              ✓ Every selected event keeps only events where <code className="font-mono">{mapped}</code> is set.
            </p>
          ) : (
            <Button size="sm" onClick={addFilter}>
              Keep only events where {mapped} is set
            </Button>
          )}
          <SendAnonymousUsersField />
        </div>
      }
    >
      Braze requires that all events have a user ID present. If you have selected any events to send to Braze that may not have a user ID, add a filter on
      those events to keep only events where the user ID is present, or send anonymous users as alias profiles. Otherwise, your delivery metrics may be
      affected.
    </Alert>
  );
}
