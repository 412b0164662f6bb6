/**
 * The command line's words for a sync's settings (`npm run syncs -- create|update`): flags become
 * the setup form's values, which the form's own schema then validates. Nothing is checked here
 * but the shape of the flags themselves.
 */
import { parseArgs } from 'node:util';
import { FILTER_OPERATORS, type SyncFormValues, type WhereClause } from '@/lib/syncs/schema';
import { applyRevenueFlags, REVENUE_CLEARABLE, REVENUE_FLAG_OF_PATH, REVENUE_FLAG_OPTIONS } from '@/lib/syncs/revenue-flags';
import { applySubscriptionFlags, SUBSCRIPTION_CLEARABLE, SUBSCRIPTION_FLAG_OF_PATH, SUBSCRIPTION_FLAG_OPTIONS } from '@/lib/syncs/subscription-flags';

export class FlagError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlagError';
  }
}

export const SYNC_FLAG_OPTIONS = {
  name: { type: 'string' },
  endpoint: { type: 'string' },
  'rest-api-key': { type: 'string' },
  'app-id': { type: 'string' },
  enable: { type: 'boolean' },
  disable: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  'identifier-property': { type: 'string' },
  'identifier-type': { type: 'string' },
  'alias-label': { type: 'string' },
  'update-users-only': { type: 'boolean' },
  'no-update-users-only': { type: 'boolean' },
  'forward-deletions': { type: 'boolean' },
  'no-forward-deletions': { type: 'boolean' },
  'send-events': { type: 'boolean' },
  'no-send-events': { type: 'boolean' },
  'send-users': { type: 'boolean' },
  'no-send-users': { type: 'boolean' },
  event: { type: 'string', multiple: true },
  'all-events': { type: 'boolean', multiple: true },
  where: { type: 'string', multiple: true },
  'no-events': { type: 'boolean' },
  'event-property': { type: 'string', multiple: true },
  'event-user-property': { type: 'string', multiple: true },
  'user-property': { type: 'string', multiple: true },
  'object-limit-mode': { type: 'string' },
  'send-anonymous-users': { type: 'boolean' },
  'no-send-anonymous-users': { type: 'boolean' },
  'anonymous-alias-label': { type: 'string' },
  ...REVENUE_FLAG_OPTIONS,
  ...SUBSCRIPTION_FLAG_OPTIONS,
  clear: { type: 'string', multiple: true },
} as const;

/** Settings `--clear` can empty on update. */
const CLEARABLE = {
  'event-properties': (v: SyncFormValues) => ({ ...v, eventProperties: { eventProperties: [], userProperties: v.eventProperties?.userProperties ?? [] } }),
  'event-user-properties': (v: SyncFormValues) => ({ ...v, eventProperties: { eventProperties: v.eventProperties?.eventProperties ?? [], userProperties: [] } }),
  'user-properties': (v: SyncFormValues) => ({ ...v, userProperties: [] }),
  'app-id': (v: SyncFormValues) => ({ ...v, appId: '' }),
  'alias-label': (v: SyncFormValues) => ({ ...v, aliasLabel: '' }),
  ...REVENUE_CLEARABLE,
  ...SUBSCRIPTION_CLEARABLE,
} as const;

// Longest first, so `is_not` is never read as `is`; the property is the shortest text before one.
const CLAUSE = new RegExp(`^(event|user|field)\\.(.+?)\\s+(${[...FILTER_OPERATORS].sort((a, b) => b.length - a.length).join('|')})(?:\\s+(.*))?$`, 's');

/**
 * `SCOPE.PROPERTY OPERATOR [VALUES]`, e.g. `event.plan is pro,team` or `user.country is_set`;
 * VALUES are comma-separated or a JSON array (for values with commas). Or a whole JSON object
 * `{"scope":"event","property":"plan","operator":"is","values":["pro"]}`.
 */
export function parseWhereClause(text: string): WhereClause {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return parseJson(trimmed, '--where') as WhereClause;
  const match = CLAUSE.exec(trimmed);
  if (!match) {
    throw new FlagError(
      `--where "${text}": write SCOPE.PROPERTY OPERATOR [VALUES], SCOPE one of event, user, field; OPERATOR one of ${FILTER_OPERATORS.join(', ')} (e.g. --where "event.plan is pro,team")`,
    );
  }
  const [, scope, property, operator, rest = ''] = match;
  const values = rest.trim().startsWith('[') ? parseJson(rest.trim(), '--where values') : rest.split(',').map((v) => v.trim()).filter(Boolean);
  return { scope, property, operator, values } as WhereClause;
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new FlagError(`${what}: not valid JSON (${(error as Error).message})`);
  }
}

type Token = { kind: string; name?: string; value?: string };

/** `--event` / `--all-events` start a rule in the order given; `--where` filters the rule before it. */
function eventRules(tokens: Token[]): SyncFormValues['eventSelection'] | undefined {
  const rules: { eventType: string | null; where: WhereClause[] }[] = [];
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    if (token.name === 'event') rules.push({ eventType: token.value ?? '', where: [] });
    else if (token.name === 'all-events') rules.push({ eventType: null, where: [] });
    else if (token.name === 'where') {
      const rule = rules.at(-1);
      if (!rule) throw new FlagError('--where filters the --event (or --all-events) before it: give one first');
      rule.where.push(parseWhereClause(token.value ?? ''));
    }
  }
  return rules.length > 0 ? { rules } : undefined;
}

function pair(values: Record<string, unknown>, on: string, off: string): boolean | undefined {
  if (values[on] && values[off]) throw new FlagError(`Give --${on} or --${off}, not both`);
  if (values[on]) return true;
  if (values[off]) return false;
  return undefined;
}

/** `--enable`, `--disable` or `--dry-run`: one status, replacing the stored one. */
function statusFlags(values: Record<string, unknown>): Pick<SyncFormValues, 'enabled' | 'dryRun'> {
  const given = ['enable', 'disable', 'dry-run'].filter((flag) => values[flag]);
  if (given.length > 1) throw new FlagError(`Give one of --enable, --disable, --dry-run, not ${given.map((f) => `--${f}`).join(' and ')}`);
  if (values['dry-run']) return { enabled: false, dryRun: true };
  if (values.enable || values.disable) return { enabled: Boolean(values.enable), dryRun: false };
  return {};
}

/** Drops undefined entries, so a flag not given leaves the base value as it is. */
function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Applies the flags to `base` (the defaults of a new sync, or a stored sync's settings on
 * update). List flags replace the list they name; `--clear` empties one.
 */
export function applySyncFlags(base: SyncFormValues, args: string[]): SyncFormValues {
  let parsed;
  try {
    parsed = parseArgs({ args, options: SYNC_FLAG_OPTIONS, allowPositionals: false, strict: true, tokens: true });
  } catch (error) {
    throw new FlagError(`${(error as Error).message} (see \`npm run syncs -- help\`)`);
  }
  const { values, tokens } = parsed;
  const rules = eventRules(tokens as Token[]);
  if (values['no-events'] && rules) throw new FlagError('Give --no-events or --event/--all-events, not both');
  let next: SyncFormValues = {
    ...base,
    ...defined({
      name: values.name,
      brazeEndpoint: values.endpoint,
      restApiKey: values['rest-api-key'],
      appId: values['app-id'],
      identifierProperty: values['identifier-property'],
      identifierType: values['identifier-type'] as SyncFormValues['identifierType'],
      aliasLabel: values['alias-label'],
      updateUsersOnly: pair(values, 'update-users-only', 'no-update-users-only'),
      forwardDeletions: pair(values, 'forward-deletions', 'no-forward-deletions'),
      sendEvents: pair(values, 'send-events', 'no-send-events'),
      sendUsers: pair(values, 'send-users', 'no-send-users'),
      eventSelection: values['no-events'] ? { rules: [] } : rules,
      userProperties: values['user-property'],
      objectLimitMode: values['object-limit-mode'] as SyncFormValues['objectLimitMode'],
      sendAnonymousUsers: pair(values, 'send-anonymous-users', 'no-send-anonymous-users'),
      anonymousAliasLabel: values['anonymous-alias-label'],
    }),
    ...statusFlags(values),
  };
  if (values['event-property'] || values['event-user-property']) {
    next.eventProperties = {
      eventProperties: values['event-property'] ?? base.eventProperties?.eventProperties ?? [],
      userProperties: values['event-user-property'] ?? base.eventProperties?.userProperties ?? [],
    };
  }
  next = applyRevenueFlags(next, values);
  next = applySubscriptionFlags(next, values);
  for (const what of values.clear ?? []) {
    if (!(what in CLEARABLE)) throw new FlagError(`--clear ${what}: give one of ${Object.keys(CLEARABLE).join(', ')}`);
    next = CLEARABLE[what as keyof typeof CLEARABLE](next);
  }
  return next;
}

/** A new sync's starting values: the schema's own defaults fill in the rest. */
export const NEW_SYNC_VALUES: SyncFormValues = { name: '', brazeEndpoint: '' };

const FLAG_OF_PATH: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^name$/, () => '--name'],
  [/^brazeEndpoint$/, () => '--endpoint'],
  [/^restApiKey$/, () => '--rest-api-key'],
  [/^appId$/, () => '--app-id'],
  [/^identifierProperty$/, () => '--identifier-property'],
  [/^identifierType$/, () => '--identifier-type'],
  [/^aliasLabel$/, () => '--alias-label'],
  [/^objectLimitMode$/, () => '--object-limit-mode'],
  [/^anonymousAliasLabel$/, () => '--anonymous-alias-label'],
  ...REVENUE_FLAG_OF_PATH,
  ...SUBSCRIPTION_FLAG_OF_PATH,
  [/^eventSelection\.rules\.(\d+)\.where\.(\d+)/, (m) => `--where (event rule ${Number(m[1]) + 1}, filter ${Number(m[2]) + 1})`],
  [/^eventSelection\.rules\.(\d+)/, (m) => `--event (rule ${Number(m[1]) + 1})`],
  [/^eventSelection/, () => '--event'],
  [/^eventProperties\.eventProperties/, () => '--event-property'],
  [/^eventProperties\.userProperties/, () => '--event-user-property'],
  [/^userProperties/, () => '--user-property'],
];

/** The flag that sets a form field path (as in zod's issues and the API's answers). */
export function flagForPath(path: string): string {
  for (const [pattern, name] of FLAG_OF_PATH) {
    const match = pattern.exec(path);
    if (match) return name(match);
  }
  return path || 'settings';
}
