/**
 * Revenue end to end with the official Node SDK (ingestion API, worker process, Postgres, Redis,
 * fake Braze over HTTP, which checks eCommerce events and purchases as Braze documents them):
 * the same revenue reaches three syncs as eCommerce recommended events, as legacy purchases and
 * as plain custom events; refunds follow each mode's policy; revenue Braze would refuse is held
 * back with its reason, as an invalid event of the syncs that map revenue.
 */
import { randomBytes } from 'node:crypto';
import { createInstance, Revenue } from '@amplitude/analytics-node';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_REVENUE_MAPPING } from '@/lib/braze/revenue';
import { prisma } from '@/lib/db/prisma';
import { previewSyncRequest } from '@/lib/syncs/preview';
import { updateSyncSchema } from '@/lib/syncs/schema';
import { createEnabledSync, createProject, postEvents } from '@/test/fixtures';
import { pipelineForFile } from '@/test/pipeline-rig';
import { waitFor } from '@/test/processes';

const KEYS = ['key-ecommerce', 'key-purchases', 'key-events'];
const rig = pipelineForFile({ queueSuffix: 'revenue', braze: { keys: KEYS.map((key) => ({ key })) }, workerEnv: { DELIVERY_LINGER_MS: '50' } });

beforeEach(() => rig.braze.reset());

const of = <T extends { apiKey: string; object: Record<string, unknown> }>(list: T[], key: string) => list.filter((o) => o.apiKey === key).map((o) => o.object);

const ORDER = {
  order_id: 'order-77',
  total: 35,
  currency: 'EUR',
  products: [
    { product_id: 'sku-shirt', name: 'Shirt', variant: 'blue-m', price: 10, quantity: 2 },
    { sku: 'sku-socks', name: 'Socks', price: 15 },
  ],
};

describe('revenue', () => {
  it('reaches Braze as eCommerce events, purchases or custom events, per sync, refunds and invalid revenue included', async () => {
    const project = await createProject();
    const syncs = {
      ecommerce: await createEnabledSync(project.id, rig.braze.url, { name: 'eCommerce', restApiKey: 'key-ecommerce' }),
      purchases: await createEnabledSync(project.id, rig.braze.url, { name: 'Purchases', restApiKey: 'key-purchases', revenue: { ...DEFAULT_REVENUE_MAPPING, mode: 'purchases' } }),
      events: await createEnabledSync(project.id, rig.braze.url, { name: 'Events', restApiKey: 'key-events', revenue: { ...DEFAULT_REVENUE_MAPPING, mode: 'events' } }),
    };
    const client = createInstance();
    await client.init(project.apiKey, { serverUrl: `${rig.ingest.url}/2/httpapi`, flushIntervalMillis: 60_000, flushQueueSize: 1_000 }).promise;
    client.revenue(new Revenue().setProductId('plan-pro').setPrice(9.99).setQuantity(3).setRevenueType('subscription'), { user_id: 'rev-1' });
    client.revenue(new Revenue().setProductId('plan-pro').setPrice(9.99).setRevenueType('refund'), { user_id: 'rev-1' });
    client.track('Order Completed', ORDER, { user_id: 'rev-2' });
    // Braze requires a product id on every line: this order cannot be made valid.
    client.track('Order Completed', { order_id: 'order-78', products: [{ price: 3 }] }, { user_id: 'rev-3' });
    await client.flush().promise;
    // HTTP V2 top-level revenue fields, as a server integration sends them.
    const http = { event_type: 'Upgrade', user_id: 'rev-4', time: Date.now(), insert_id: randomBytes(8).toString('hex'), revenue: -20, productId: 'seat', currency: 'GBP' };
    expect((await postEvents(rig.ingest.url, project.apiKey, [http])).status).toBe(200);

    await waitFor(
      () => (of(rig.braze.events(), 'key-ecommerce').length >= 4 && of(rig.braze.purchases(), 'key-purchases').length >= 3 && of(rig.braze.events(), 'key-events').length >= 5 ? true : null),
      { what: 'revenue of every sync', timeoutMs: 30_000 },
    );

    const ecommerce = of(rig.braze.events(), 'key-ecommerce');
    expect(ecommerce).toEqual(expect.arrayContaining([
      expect.objectContaining({
        external_id: 'rev-1',
        name: 'ecommerce.order_placed',
        properties: expect.objectContaining({ total_value: 29.97, currency: 'USD', products: [expect.objectContaining({ product_id: 'plan-pro', quantity: 3, price: 9.99 })] }),
      }),
      expect.objectContaining({ external_id: 'rev-1', name: 'ecommerce.order_refunded', properties: expect.objectContaining({ total_value: 9.99, metadata: { revenue_type: 'refund' } }) }),
      expect.objectContaining({
        external_id: 'rev-2',
        name: 'ecommerce.order_placed',
        properties: expect.objectContaining({
          order_id: 'order-77',
          total_value: 35,
          currency: 'EUR',
          products: [
            { product_id: 'sku-shirt', product_name: 'Shirt', variant_id: 'blue-m', quantity: 2, price: 10 },
            { product_id: 'sku-socks', product_name: 'Socks', variant_id: 'sku-socks', quantity: 1, price: 15 },
          ],
        }),
      }),
      expect.objectContaining({ external_id: 'rev-4', name: 'ecommerce.order_refunded', properties: expect.objectContaining({ total_value: 20, currency: 'GBP' }) }),
    ]));
    expect(ecommerce).toHaveLength(4);

    expect(of(rig.braze.purchases(), 'key-purchases')).toEqual(expect.arrayContaining([
      expect.objectContaining({ external_id: 'rev-1', product_id: 'plan-pro', currency: 'USD', price: 9.99, quantity: 3 }),
      expect.objectContaining({ external_id: 'rev-2', product_id: 'sku-shirt', currency: 'EUR', price: 10, quantity: 2 }),
      expect.objectContaining({ external_id: 'rev-2', product_id: 'sku-socks', currency: 'EUR', price: 15, quantity: 1 }),
    ]));
    expect(of(rig.braze.purchases(), 'key-purchases')).toHaveLength(3);
    // Refunds of the purchases sync are custom events, never purchases.
    await waitFor(() => (of(rig.braze.events(), 'key-purchases').length >= 2 ? true : null), { what: 'refund events', timeoutMs: 30_000 });
    expect(of(rig.braze.events(), 'key-purchases')).toEqual(expect.arrayContaining([
      expect.objectContaining({ external_id: 'rev-1', name: 'revenue_amount', properties: expect.objectContaining({ refund_amount: 9.99, revenue_type: 'refund', product_ids: ['plan-pro'] }) }),
      expect.objectContaining({ external_id: 'rev-4', name: 'Upgrade', properties: expect.objectContaining({ refund_amount: 20, currency: 'GBP' }) }),
    ]));

    // Plain custom events, as before revenue mapping: the unusable order too.
    expect(of(rig.braze.events(), 'key-events').map((e) => e.name).sort()).toEqual(['Order Completed', 'Order Completed', 'Upgrade', 'revenue_amount', 'revenue_amount']);
    expect(rig.braze.requests().filter((r) => r.path === '/users/track').every((r) => r.status === 201 && !JSON.stringify(r.responseBody ?? {}).includes('"errors"'))).toBe(true);

    for (const sync of [syncs.ecommerce, syncs.purchases]) {
      const letter = await waitFor(async () => (await prisma().deadLetter.findFirst({ where: { syncId: sync.id, kind: 'invalid' } })) ?? null, { what: 'the invalid order', timeoutMs: 10_000 });
      expect(letter.error).toMatch(/products\[0\] has no product_id/);
    }
    expect(await prisma().deadLetter.count({ where: { syncId: syncs.events.id } })).toBe(0);
  });

  it.each(['ecommerce', 'purchases'] as const)('sends byte for byte the %s request the preview shows', async (mode) => {
    const project = await createProject();
    const settings = { name: 'Braze', brazeEndpoint: rig.braze.url, restApiKey: 'key-ecommerce', appId: 'app-123', revenue: { ...DEFAULT_REVENUE_MAPPING, mode } };
    await createEnabledSync(project.id, rig.braze.url, settings);
    const sample = { event_type: 'Order Completed', user_id: `rev-preview-${mode}`, time: Date.UTC(2026, 10, 20, 8), event_properties: ORDER };
    const preview = await previewSyncRequest(project.id, { event: sample, settings: updateSyncSchema.parse(settings) });
    expect((await postEvents(rig.ingest.url, project.apiKey, [{ ...sample, insert_id: randomBytes(8).toString('hex') }])).status).toBe(200);
    const sent = await waitFor(() => rig.braze.requests().find((r) => r.path === '/users/track' && r.status === 201) ?? null, { what: 'the request', timeoutMs: 30_000 });
    expect(sent.bodyText).toBe(JSON.stringify(preview.request!.body));
    expect(Object.keys(preview.request!.body)).toEqual([mode === 'ecommerce' ? 'events' : 'purchases']);
  });
});
