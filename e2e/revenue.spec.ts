/**
 * Revenue as eCommerce recommended events: a person sets up a sync whose "Revenue events" send
 * eCommerce events (the default), the preview shows the order event exactly as it will be sent,
 * and the official Node SDK's revenue() call and an "Order Completed" event with products each
 * reach the fake Braze (which checks Braze's schema) as one valid ecommerce.order_placed.
 */
import { createInstance, Revenue } from '@amplitude/analytics-node';
import { expect, test } from '@playwright/test';
import { fakeBraze } from './support/fake-braze-client';
import { screenshot } from './support/screenshot';
import { waitForSettingsInForce } from './support/product-state';
import { signIn } from './support/sign-in';
import { deleteSyncWithCli } from './support/syncs-cli';

const run = Date.now().toString(36);
const SYNC = `Braze (revenue ${run})`;
const APP_ID = `e2e-revenue-${run}`;
const ORDER = {
  order_id: `order-${run}`,
  total: 42,
  currency: 'EUR',
  products: [
    { product_id: 'sku-boots', name: 'Trail Boots', variant: 'brown-42', price: 30, quantity: 1 },
    { sku: 'sku-laces', name: 'Laces', price: 6, quantity: 2 },
  ],
};

let syncId: string | undefined;

// Later specs start with only their own syncs.
test.afterAll(() => {
  if (syncId) deleteSyncWithCli(syncId);
});

test('the wizard sends revenue as eCommerce events: revenue() and an order with products each arrive as one valid ecommerce.order_placed', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(`/syncs/new?name=${encodeURIComponent(SYNC)}`);
  await signIn(page);
  await expect(page.getByRole('heading', { level: 1, name: SYNC })).toBeVisible();

  await test.step('enter credentials', async () => {
    const credentials = page.getByRole('region', { name: 'Enter credentials' });
    await credentials.getByLabel('Braze REST API Endpoint').selectOption(process.env.E2E_BRAZE_URL!);
    await credentials.getByLabel('REST API Key', { exact: true }).fill('e2e-rest-api-key');
    await credentials.getByLabel('Braze Application API Key').fill(APP_ID);
  });

  const revenue = page.getByRole('region', { name: 'Configure event forwarding' }).getByRole('region', { name: 'Revenue events' });
  await test.step('Revenue events: eCommerce events, the default currency, Order Completed as the order event', async () => {
    await expect(revenue.getByRole('radio', { name: /eCommerce events/ })).toBeChecked();
    await revenue.getByRole('radio', { name: /Custom events/ }).check();
    await expect(revenue.getByLabel('Default currency')).toHaveCount(0);
    await revenue.getByRole('radio', { name: /eCommerce events/ }).check();
    await revenue.getByLabel('Default currency').fill('GBP');
    await expect(revenue.getByRole('list', { name: 'Order events: selected' }).getByRole('listitem')).toHaveText(['Order Completed×']);
    await expect(revenue.getByRole('list', { name: 'Refund revenue types: selected' }).getByRole('listitem')).toHaveText(['refund×']);
    await revenue.scrollIntoViewIfNeeded();
    await revenue.screenshot({ path: 'e2e/screenshots/revenue-01-section.png' });
  });

  await test.step('the preview shows the order as the ecommerce.order_placed it will send', async () => {
    const preview = page.getByRole('region', { name: 'Preview' });
    const sample = { event_type: 'Order Completed', user_id: `preview-${run}`, event_properties: ORDER };
    await preview.getByLabel('Sample event (Amplitude format)').fill(JSON.stringify(sample, null, 2));
    await preview.getByRole('button', { name: 'Preview request' }).click();
    const result = preview.getByRole('status', { name: 'Preview result' });
    await expect(result).toContainText('"name": "ecommerce.order_placed"');
    await expect(result).toContainText('"total_value": 42');
    await expect(result).toContainText('"variant_id": "brown-42"');
    await result.scrollIntoViewIfNeeded();
    await screenshot(page, 'revenue-02-preview');
  });

  await test.step('turn it on and save', async () => {
    await page.getByRole('switch', { name: 'Status', exact: true }).check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Sync saved.' })).toBeVisible();
    syncId = new URL(page.url()).pathname.split('/').at(-1)!;
    // The worker reads sync settings again within a few seconds: events go once they are in force.
    await waitForSettingsInForce(page, [syncId]);
  });

  await test.step('the Node SDK sends a Revenue and an Order Completed with products: one valid ecommerce.order_placed each', async () => {
    const user = `buyer-${run}`;
    const client = createInstance();
    await client.init(process.env.E2E_PROJECT_API_KEY!, { serverUrl: `${process.env.E2E_APP_URL}/2/httpapi`, flushIntervalMillis: 60_000, flushQueueSize: 1_000, logLevel: 0 }).promise;
    const sent = [
      client.revenue(new Revenue().setProductId('plan-pro').setPrice(12.5).setQuantity(2).setRevenueType('subscription'), { user_id: user }).promise,
      client.track('Order Completed', ORDER, { user_id: user }).promise,
    ];
    await client.flush().promise;
    expect((await Promise.all(sent)).map((r) => r.code)).toEqual([200, 200]);

    // The fake records only events that pass Braze's eCommerce schema; a refused one never shows here.
    const ours = async () => (await fakeBraze.events()).filter((e) => e.object.app_id === APP_ID).map((e) => e.object);
    await expect.poll(async () => (await ours()).length, { timeout: 30_000 }).toBe(2);
    const received = await ours();
    expect(received).toEqual(expect.arrayContaining([
      expect.objectContaining({
        external_id: user,
        name: 'ecommerce.order_placed',
        properties: expect.objectContaining({
          total_value: 25,
          currency: 'GBP',
          products: [{ product_id: 'plan-pro', product_name: 'plan-pro', variant_id: 'plan-pro', quantity: 2, price: 12.5 }],
          metadata: { revenue_type: 'subscription' },
        }),
      }),
      expect.objectContaining({
        external_id: user,
        name: 'ecommerce.order_placed',
        properties: expect.objectContaining({
          order_id: ORDER.order_id,
          total_value: 42,
          currency: 'EUR',
          products: [
            { product_id: 'sku-boots', product_name: 'Trail Boots', variant_id: 'brown-42', quantity: 1, price: 30 },
            { product_id: 'sku-laces', product_name: 'Laces', variant_id: 'sku-laces', quantity: 2, price: 6 },
          ],
        }),
      }),
    ]));
  });
});
