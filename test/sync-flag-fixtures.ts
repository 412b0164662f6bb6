/** One sync with every setting of the setup wizard: as `npm run syncs` flags, and as exported. */
import type { SyncConfig } from '@/lib/syncs/sync-config';

export function everySettingFlags(endpoint: string, restApiKey: string): string[] {
  return [
    '--name', 'Everything', '--endpoint', endpoint, '--rest-api-key', restApiKey, '--app-id', 'my-app', '--enable',
    '--identifier-property', 'account_id', '--identifier-type', 'USER_ALIAS', '--alias-label', 'amplitude_id', '--update-users-only', '--no-forward-deletions',
    '--no-send-events', '--send-users', '--event', 'Purchase', '--where', 'event.amount greater_than 10', '--where', 'user.country is US,CA',
    '--all-events', '--where', 'field.user_id is_set', '--event-property', 'amount', '--event-property', 'sku',
    '--event-user-property', 'plan', '--user-property', 'plan', '--user-property', 'country', '--object-limit-mode', 'mau50',
    '--revenue-mode', 'purchases', '--currency-property', 'currency_code', '--default-currency', 'eur', '--order-event', 'Checkout Done',
    '--refund-revenue-type', 'chargeback',
    '--email-subscribe', 'newsletter', '--subscription-group', 'product_news=3f1c2a4e-8b7d-4c21-9e0f-5a6b7c8d9e01',
    '--send-anonymous-users', '--anonymous-alias-label', 'web_device',
  ];
}

export function everySettingConfig(endpoint: string): SyncConfig {
  return {
    name: 'Everything', enabled: true, brazeEndpoint: endpoint, appId: 'my-app', identifierProperty: 'account_id',
    identifierType: 'USER_ALIAS', aliasLabel: 'amplitude_id', updateUsersOnly: true, forwardDeletions: false, sendEvents: false, sendUsers: true,
    eventSelection: {
      rules: [
        { eventType: 'Purchase', where: [
          { scope: 'event', property: 'amount', operator: 'greater_than', values: ['10'] },
          { scope: 'user', property: 'country', operator: 'is', values: ['US', 'CA'] },
        ] },
        { eventType: null, where: [{ scope: 'field', property: 'user_id', operator: 'is_set', values: [] }] },
      ],
    },
    eventProperties: { eventProperties: ['amount', 'sku'], userProperties: ['plan'] },
    userProperties: ['plan', 'country'],
    objectLimitMode: 'mau50',
    sendAnonymousUsers: true,
    anonymousAliasLabel: 'web_device',
    revenue: { mode: 'purchases', currencyProperty: 'currency_code', defaultCurrency: 'EUR', orderEvents: ['Checkout Done'], refundRevenueTypes: ['chargeback'] },
    subscriptions: { emailSubscribe: 'newsletter', pushSubscribe: undefined, groups: [{ property: 'product_news', groupId: '3f1c2a4e-8b7d-4c21-9e0f-5a6b7c8d9e01' }] },
  };
}
