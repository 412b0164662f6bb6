import { Alert } from '@/components/ui/Alert';
import { OBJECT_LIMIT_MODE_TEXT } from '@/lib/syncs/guard-status';
import type { SyncView } from '@/lib/client/types';

function when(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Said when Braze refused a request as too many objects and the sync moved to the stricter limit. */
export function ObjectLimitSwitchNotice({ sync }: { sync: Pick<SyncView, 'objectLimitSwitch'> }) {
  const change = sync.objectLimitSwitch;
  if (!change) return null;
  return (
    <Alert tone="warning" title="Object limit lowered by Braze's answer">
      On {when(change.at)} Braze refused a request as too many objects (&ldquo;Max Input Length Exceeded&rdquo;), so this sync moved from{' '}
      {OBJECT_LIMIT_MODE_TEXT[change.from].label} to {OBJECT_LIMIT_MODE_TEXT[change.to].label}; the refused objects were split and sent again.
    </Alert>
  );
}

const GUARD_TEXT = {
  declared: {
    title: 'Attribute type guard: declared types',
    body: "This REST API key may read the workspace's custom attributes (custom_attributes.get), re-read every hour. Each value is converted to its attribute's declared type when nothing is lost (\"42\" becomes 42 for a number); a value that cannot be, or a blocklisted attribute, is held back alone and listed under failures.",
  },
  first_type: {
    title: 'Attribute type guard: first type sent',
    body: "This REST API key may not read the workspace's custom attributes (Braze answered 401/403 for custom_attributes.get), so the sync remembers the first type it sent for each attribute and holds back a later value of another type, listed under failures. Give the key the custom_attributes.get permission to guard with the types declared in Braze.",
  },
  undecided: {
    title: 'Attribute type guard',
    body: "Decided at this sync's first user update: with the custom_attributes.get permission on the REST API key, values are checked against the workspace's declared attribute types; without it, against the first type the sync sent for each attribute. A value of another type is converted when nothing is lost, or else held back alone and listed under failures.",
  },
} as const;

/** Which way the attribute type guard works for this sync. */
export function AttributeGuardNotice({ sync }: { sync: Pick<SyncView, 'attributeGuard'> | null }) {
  const text = GUARD_TEXT[sync?.attributeGuard?.mode ?? 'undecided'];
  return (
    <Alert tone="info" title={text.title}>
      {text.body}
    </Alert>
  );
}

/**
 * The sync page's account of both: the object limit it moved to, and how attributes are guarded
 * — the latter only for a sync that sends user updates, or whose guard was decided before it
 * stopped sending them: a sync of events only has no attributes to guard.
 */
export function SyncGuardStatus({ sync }: { sync: Pick<SyncView, 'objectLimitSwitch' | 'attributeGuard' | 'sendUsers'> }) {
  return (
    <div className="space-y-3">
      <ObjectLimitSwitchNotice sync={sync} />
      {(sync.sendUsers || sync.attributeGuard) && <AttributeGuardNotice sync={sync} />}
    </div>
  );
}
