import { describe, expect, it } from 'vitest';
import { createSyncSchema, type SyncFormValues, updateSyncSchema } from '@/lib/syncs/schema';
import { applySyncFlags, flagForPath, FlagError, NEW_SYNC_VALUES, parseWhereClause } from '@/lib/syncs/sync-flags';
import { everySettingConfig, everySettingFlags } from '@/test/sync-flag-fixtures';

const REQUIRED = ['--name', 'S', '--endpoint', 'https://rest.iad-01.braze.com', '--rest-api-key', 'k'];

function created(...flags: string[]) {
  return createSyncSchema.parse(applySyncFlags(NEW_SYNC_VALUES, [...REQUIRED, ...flags]));
}

describe('sync flags', () => {
  it('set every setting of the wizard', () => {
    const endpoint = 'https://rest.iad-01.braze.com';
    const sync = createSyncSchema.parse(applySyncFlags(NEW_SYNC_VALUES, everySettingFlags(endpoint, 'k')));
    expect(sync).toEqual({ ...everySettingConfig(endpoint), dryRun: false, restApiKey: 'k' });
  });

  it('leave the schema defaults when not given: all events, no properties, Send Events on', () => {
    const sync = created();
    expect(sync.eventSelection).toEqual({ rules: [{ eventType: null, where: [] }] });
    expect(sync.eventProperties).toEqual({ eventProperties: [], userProperties: [] });
    expect(sync).toMatchObject({ sendEvents: true, sendUsers: false, enabled: false, identifierType: 'EXTERNAL_ID', objectLimitMode: 'combined75' });
  });

  it('make a dry run with --dry-run, and leave it with --enable or --disable', () => {
    const dryRun = created('--dry-run');
    expect(dryRun).toMatchObject({ enabled: false, dryRun: true });
    expect(updateSyncSchema.parse(applySyncFlags(dryRun, ['--enable']))).toMatchObject({ enabled: true, dryRun: false });
    expect(updateSyncSchema.parse(applySyncFlags(dryRun, ['--disable']))).toMatchObject({ enabled: false, dryRun: false });
    expect(updateSyncSchema.parse(applySyncFlags(dryRun, ['--app-id', 'a']))).toMatchObject({ dryRun: true });
  });

  it('change only what is given on update, and clear lists', () => {
    const stored: SyncFormValues = { ...created('--app-id', 'app', '--event-property', 'a', '--event-user-property', 'u', '--event', 'E') };
    const next = updateSyncSchema.parse(applySyncFlags(stored, ['--event-property', 'b', '--clear', 'app-id', '--disable']));
    expect(next.eventProperties).toEqual({ eventProperties: ['b'], userProperties: ['u'] });
    expect(next.appId).toBeUndefined();
    expect(next.eventSelection.rules).toEqual([{ eventType: 'E', where: [] }]);
    expect(applySyncFlags(stored, ['--no-events']).eventSelection).toEqual({ rules: [] });
    expect(applySyncFlags(stored, ['--clear', 'event-user-properties']).eventProperties).toEqual({ eventProperties: ['a'], userProperties: [] });
  });

  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['--where', 'event.plan is pro'], /--where filters the --event/],
    [['--event', 'E', '--where', 'plan is pro'], /SCOPE\.PROPERTY OPERATOR/],
    [['--event', 'E', '--where', 'event.plan equals pro'], /OPERATOR one of/],
    [['--event', 'E', '--where', 'event.plan is [oops'], /not valid JSON/],
    [['--enable', '--disable'], /Give one of --enable, --disable, --dry-run, not --enable and --disable/],
    [['--dry-run', '--enable'], /not --enable and --dry-run/],
    [['--no-events', '--event', 'E'], /--no-events or --event/],
    [['--clear', 'name'], /--clear name: give one of/],
  ])('refuse %j clearly', (flags, message) => {
    expect(() => applySyncFlags(NEW_SYNC_VALUES, flags)).toThrow(FlagError);
    expect(() => applySyncFlags(NEW_SYNC_VALUES, flags)).toThrow(message);
  });

  it('leave value checks to the shared schema, reported under the flag that sets them', () => {
    const result = createSyncSchema.safeParse(applySyncFlags(NEW_SYNC_VALUES, ['--identifier-type', 'FOO', '--event', 'E', '--where', 'event.  is x']));
    expect(result.success).toBe(false);
    const flags = result.error!.issues.map((i) => flagForPath(i.path.join('.')));
    expect(flags).toEqual(expect.arrayContaining(['--name', '--endpoint', '--rest-api-key', '--identifier-type', '--where (event rule 1, filter 1)']));
  });

  it.each([
    ['event.plan is pro', { scope: 'event', property: 'plan', operator: 'is', values: ['pro'] }],
    ['user.Favourite colour is_not red, blue', { scope: 'user', property: 'Favourite colour', operator: 'is_not', values: ['red', 'blue'] }],
    ['event.note contains ["a,b", "c"]', { scope: 'event', property: 'note', operator: 'contains', values: ['a,b', 'c'] }],
    ['{"scope":"field","property":"user_id","operator":"is_not_set"}', { scope: 'field', property: 'user_id', operator: 'is_not_set' }],
  ])('parse the filter %s', (text, clause) => {
    expect(parseWhereClause(text)).toEqual(clause);
  });
});
