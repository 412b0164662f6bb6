'use client';

import { useFieldArray, useFormContext } from 'react-hook-form';
import { useFieldError } from '@/components/sync-setup/use-field-error';
import { Button } from '@/components/ui/Button';
import { describedBy, Field, inputClass } from '@/components/ui/Field';
import type { SyncFormValues } from '@/lib/syncs/schema';

const GLOBAL_HINT = 'Values: opted_in, subscribed or unsubscribed (true means opted_in, false unsubscribed). Leave blank to send none.';
const GROUP_HINT = 'Values: subscribed or unsubscribed (or true / false). The group ID is shown in Braze under Subscriptions.';

function PropertyInput({ id, label, name, suggestions }: { id: string; label: string; name: 'subscriptions.emailSubscribe' | 'subscriptions.pushSubscribe'; suggestions: string }) {
  const { register } = useFormContext<SyncFormValues>();
  const error = useFieldError(name);
  return (
    <Field id={id} label={label} optional hint={GLOBAL_HINT} error={error}>
      <input {...describedBy(id, { hint: GLOBAL_HINT, error })} list={suggestions} spellCheck={false} placeholder="e.g. newsletter" className={inputClass} {...register(name)} />
    </Field>
  );
}

function GroupRow({ index, suggestions, onRemove }: { index: number; suggestions: string; onRemove: () => void }) {
  const { register } = useFormContext<SyncFormValues>();
  const propertyError = useFieldError(`subscriptions.groups.${index}.property`);
  const groupError = useFieldError(`subscriptions.groups.${index}.groupId`);
  const n = index + 1;
  return (
    <div className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-start">
      <Field id={`subscription-group-${n}-property`} label={`Group ${n}: user property`} error={propertyError}>
        <input {...describedBy(`subscription-group-${n}-property`, { error: propertyError })} list={suggestions} spellCheck={false} className={inputClass} {...register(`subscriptions.groups.${index}.property`)} />
      </Field>
      <Field id={`subscription-group-${n}-id`} label={`Group ${n}: subscription group ID`} error={groupError}>
        <input
          {...describedBy(`subscription-group-${n}-id`, { error: groupError })}
          spellCheck={false}
          placeholder="e.g. 3f1c2a4e-8b7d-4c21-9e0f-5a6b7c8d9e01"
          className={`${inputClass} font-mono`}
          {...register(`subscriptions.groups.${index}.groupId`)}
        />
      </Field>
      <Button type="button" variant="secondary" className="sm:mt-6" onClick={onRemove} aria-label={`Remove subscription group ${n}`}>
        Remove
      </Button>
    </div>
  );
}

/**
 * User properties sent as Braze subscription states (part of user forwarding): the global email
 * and push states and subscription groups. A value Braze would refuse is held back alone and
 * listed under failures; the rest of the user's update is sent.
 */
export function SubscriptionFields({ userProperties }: { userProperties: string[] }) {
  const { control } = useFormContext<SyncFormValues>();
  const groups = useFieldArray({ control, name: 'subscriptions.groups' });
  const suggestions = 'subscription-property-suggestions';
  return (
    <div className="space-y-3">
      <div>
        <h3 className="text-sm font-semibold text-slate-900">Subscriptions</h3>
        <p className="text-sm text-slate-500">
          User properties whose value is a subscription state. Sent with the user&apos;s update when the property changes (Send Users must be on).
        </p>
      </div>
      <datalist id={suggestions}>
        {userProperties.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <div className="grid gap-3 sm:grid-cols-2">
        <PropertyInput id="email-subscribe" label="Email subscription (email_subscribe)" name="subscriptions.emailSubscribe" suggestions={suggestions} />
        <PropertyInput id="push-subscribe" label="Push subscription (push_subscribe)" name="subscriptions.pushSubscribe" suggestions={suggestions} />
      </div>
      <p className="text-sm text-slate-500">{GROUP_HINT}</p>
      {groups.fields.map((field, index) => (
        <GroupRow key={field.id} index={index} suggestions={suggestions} onRemove={() => groups.remove(index)} />
      ))}
      <Button type="button" variant="secondary" onClick={() => groups.append({ property: '', groupId: '' })}>
        Add subscription group
      </Button>
    </div>
  );
}
