/**
 * The command line's words for a sync's subscription mapping (`npm run syncs`): which user
 * properties become Braze's email_subscribe / push_subscribe and subscription group states.
 * Values are checked by the shared schema (lib/braze/subscriptions), like every other flag's.
 */
import type { SyncFormValues } from '@/lib/syncs/schema';

export const SUBSCRIPTION_FLAG_OPTIONS = {
  'email-subscribe': { type: 'string' },
  'push-subscribe': { type: 'string' },
  'subscription-group': { type: 'string', multiple: true },
} as const;

type SubscriptionValues = { 'email-subscribe'?: string; 'push-subscribe'?: string; 'subscription-group'?: string[] };

type Subscriptions = NonNullable<SyncFormValues['subscriptions']>;

function withSubscriptions(values: SyncFormValues, change: Partial<Subscriptions>): SyncFormValues {
  return { ...values, subscriptions: { groups: [], ...values.subscriptions, ...change } };
}

/** `PROPERTY=GROUP_ID`; the group id is checked by the schema. The last `=` splits, so a property may hold one. */
function parseGroup(text: string): NonNullable<Subscriptions['groups']>[number] {
  const at = text.lastIndexOf('=');
  return at < 0 ? { property: text, groupId: '' } : { property: text.slice(0, at), groupId: text.slice(at + 1) };
}

/** Applies the subscription flags given to `base`; `--subscription-group` replaces the list. */
export function applySubscriptionFlags(base: SyncFormValues, values: SubscriptionValues): SyncFormValues {
  const given = Object.entries({
    emailSubscribe: values['email-subscribe'],
    pushSubscribe: values['push-subscribe'],
    groups: values['subscription-group']?.map(parseGroup),
  }).filter(([, value]) => value !== undefined);
  return given.length === 0 ? base : withSubscriptions(base, Object.fromEntries(given));
}

/** Settings `--clear` can empty on update. */
export const SUBSCRIPTION_CLEARABLE = {
  'email-subscribe': (v: SyncFormValues) => withSubscriptions(v, { emailSubscribe: '' }),
  'push-subscribe': (v: SyncFormValues) => withSubscriptions(v, { pushSubscribe: '' }),
  'subscription-groups': (v: SyncFormValues) => withSubscriptions(v, { groups: [] }),
} as const;

export const SUBSCRIPTION_FLAG_OF_PATH: [RegExp, () => string][] = [
  [/^subscriptions\.emailSubscribe/, () => '--email-subscribe'],
  [/^subscriptions\.pushSubscribe/, () => '--push-subscribe'],
  [/^subscriptions\.groups/, () => '--subscription-group'],
];
