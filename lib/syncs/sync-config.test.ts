import { describe, expect, it } from 'vitest';
import { planSyncImport, SyncConfigError, toSyncConfig } from '@/lib/syncs/sync-config';
import type { SyncView } from '@/lib/syncs/sync-view';

const view: SyncView = {
  id: 'sync1', name: 'Braze', enabled: true, dryRun: false, pausedReason: null, pausedAt: null, pauseCause: null, brazeEndpoint: 'https://rest.iad-01.braze.com',
  restApiKeyMasked: '••••••••abcd', appId: null, updateUsersOnly: false, forwardDeletions: true, identifierProperty: 'user_id', identifierType: 'EXTERNAL_ID',
  aliasLabel: null, sendEvents: true, eventSelection: { rules: [{ eventType: null, where: [] }] },
  eventProperties: { eventProperties: ['plan'], userProperties: [] }, sendUsers: false, userProperties: [], objectLimitMode: 'combined75',
  objectLimitSwitch: null, subscriptions: { emailSubscribe: undefined, pushSubscribe: undefined, groups: [] }, attributeGuard: null,
  revenue: { mode: 'ecommerce', currencyProperty: undefined, defaultCurrency: 'USD', orderEvents: ['Order Completed'], refundRevenueTypes: ['refund'] },
  sendAnonymousUsers: false, anonymousAliasLabel: 'amplitude_device_id',
  createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
};

const file = (...syncs: unknown[]) => ({ version: 1, syncs });

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof SyncConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a SyncConfigError');
}

describe('sync configuration as code', () => {
  it('exports settings without any trace of the REST API key or ids', () => {
    const config = toSyncConfig(view);
    expect(JSON.stringify(config)).not.toMatch(/abcd|restApiKey|sync1/);
    expect(config).not.toHaveProperty('appId');
  });

  it('exports a dry run as "dryRun": true, imports it back, and refuses one both enabled and a dry run', () => {
    const dryRun = toSyncConfig({ ...view, enabled: false, dryRun: true });
    expect(dryRun).toMatchObject({ enabled: false, dryRun: true });
    expect(toSyncConfig(view)).not.toHaveProperty('dryRun');
    expect(planSyncImport(file(dryRun), [view])).toEqual([expect.objectContaining({ action: 'update', input: expect.objectContaining({ enabled: false, dryRun: true }) })]);
    expect(problems(() => planSyncImport(file({ ...dryRun, enabled: true }), [view]))).toEqual(['syncs[0] "Braze" dryRun: A sync is either enabled or a dry run, not both']);
  });

  it('updates a sync of the same name (keeping its key) and creates the others with the key given', () => {
    const steps = planSyncImport(file(toSyncConfig(view), { ...toSyncConfig(view), name: 'New', restApiKey: 'own-key' }, { ...toSyncConfig(view), name: 'Other' }), [view], { defaultRestApiKey: 'default-key' });
    expect(steps.map((s) => [s.action, s.name, 'input' in s ? s.input.restApiKey : null])).toEqual([
      ['update', 'Braze', undefined],
      ['create', 'New', 'own-key'],
      ['create', 'Other', 'default-key'],
    ]);
    expect(steps[0]).toMatchObject({ id: 'sync1', input: { eventProperties: { eventProperties: ['plan'] } } });
  });

  it('checks every entry before anything is applied, with the wizard schema, naming each problem', () => {
    const found = problems(() =>
      planSyncImport(file(toSyncConfig(view), { ...toSyncConfig(view), name: 'New' }, { name: 'Typo', brazeEndpoint: 'x', restApiKey: 'k', sendevents: false }, { ...toSyncConfig(view), identifierType: 'USER_ALIAS' }), [view]),
    );
    expect(found).toEqual([
      'syncs[1] "New" restApiKey: Enter your REST API Key (give "restApiKey" in the file or --rest-api-key)',
      'syncs[2] "Typo": Unrecognized key: "sendevents"',
      'syncs[3] "Braze": the name is used twice in the file; sync names identify syncs',
      'syncs[3] "Braze" aliasLabel: Enter the alias label used with User Alias',
    ]);
  });

  it.each([
    [{ syncs: [] }, /version/],
    [{ version: 1, syncs: {} }, /"syncs" must be a list/],
    [[], /file/],
  ])('refuses a file that is not an export (%j)', (input, message) => {
    expect(problems(() => planSyncImport(input, [])).join('\n')).toMatch(message);
  });

  it('deletes the stored syncs the file does not name only with prune, after the rest', () => {
    const other = { ...view, id: 'sync2', name: 'Gone' };
    expect(planSyncImport(file(toSyncConfig(view)), [view, other]).map((s) => s.action)).toEqual(['update']);
    expect(planSyncImport(file(toSyncConfig(view)), [view, other], { prune: true }).map((s) => [s.action, s.name])).toEqual([
      ['update', 'Braze'],
      ['delete', 'Gone'],
    ]);
    expect(planSyncImport(file(), [view], { prune: true })).toEqual([{ action: 'delete', name: 'Braze', id: 'sync1' }]);
  });

  it('refuses a name shared by several stored syncs', () => {
    expect(problems(() => planSyncImport(file(toSyncConfig(view)), [view, { ...view, id: 'sync2' }]))).toEqual([
      'syncs[0] "Braze": 2 stored syncs have this name; rename them so each name is used once',
    ]);
  });
});
