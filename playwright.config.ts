/**
 * End-to-end tests: the product as a user runs it (`npm start`: app + worker, built UI), the fake
 * Braze as a separate process, and Debian's Chromium (never a downloaded browser).
 */
import { randomBytes } from 'node:crypto';
import { defineConfig } from '@playwright/test';

const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
const BRAZE_PORT = Number(process.env.E2E_BRAZE_PORT ?? 4110);
const AMPLITUDE_PORT = Number(process.env.E2E_AMPLITUDE_PORT ?? 4130);
const AMPLITUDE_EXPORT_PORT = Number(process.env.E2E_AMPLITUDE_EXPORT_PORT ?? 4140);

// Shared with the test files (Playwright loads this config in every test process).
process.env.E2E_APP_URL = `http://localhost:${APP_PORT}`;
process.env.E2E_BRAZE_URL = `http://127.0.0.1:${BRAZE_PORT}`;
process.env.E2E_AMPLITUDE_URL = `http://127.0.0.1:${AMPLITUDE_PORT}`;
process.env.E2E_AMPLITUDE_EXPORT_URL = `http://127.0.0.1:${AMPLITUDE_EXPORT_PORT}`;
process.env.E2E_PROJECT_API_KEY ??= `e2e${randomBytes(16).toString('hex')}`;
process.env.E2E_DATABASE_URL ??= 'postgresql://postgres@127.0.0.1:5432/braze_streaming_e2e';
process.env.E2E_ADMIN_EMAIL = 'admin@example.com';
process.env.E2E_ADMIN_PASSWORD = 'e2e-admin-password-123';

const productEnv = {
  PORT: String(APP_PORT),
  DATABASE_URL: process.env.E2E_DATABASE_URL,
  QUEUE_PREFIX: `bzs-e2e-${APP_PORT}`,
  DATA_DIR: './test-results/e2e-data',
  BRAZE_CUSTOM_ENDPOINTS: process.env.E2E_BRAZE_URL,
  // Forward to Amplitude may be pointed at the fake Amplitude, and history imports at the fake
  // Export API (which the import spec runs itself).
  AMPLITUDE_CUSTOM_ENDPOINTS: `${process.env.E2E_AMPLITUDE_URL},${process.env.E2E_AMPLITUDE_EXPORT_URL}`,
  DEFAULT_PROJECT_API_KEY: process.env.E2E_PROJECT_API_KEY,
  ADMIN_EMAIL: process.env.E2E_ADMIN_EMAIL,
  ADMIN_PASSWORD: process.env.E2E_ADMIN_PASSWORD,
  LOG_LEVEL: 'warn',
  // Health alerts go to a webhook receiver the test runs on this machine.
  ALERT_WEBHOOK_ALLOW_HTTP: '127.0.0.1',
  // Tests stand in for a proxy: each browser context may name its own client address in
  // X-Forwarded-For, so sign-in throttling buckets of different tests stay apart.
  TRUST_PROXY: 'true',
};

export default defineConfig({
  testDir: './e2e',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: process.env.E2E_APP_URL,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
    },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  webServer: [
    {
      command: 'node --import tsx test/fakes/braze/main.ts',
      url: `${process.env.E2E_BRAZE_URL}/_fake/stats`,
      env: { FAKE_BRAZE_PORT: String(BRAZE_PORT), FAKE_BRAZE_API_KEYS: 'e2e-rest-api-key' },
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: 'node --import tsx test/fakes/amplitude/main.ts',
      url: `${process.env.E2E_AMPLITUDE_URL}/_fake/stats`,
      env: { FAKE_AMPLITUDE_PORT: String(AMPLITUDE_PORT) },
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: 'node --import tsx e2e/support/serve-product.ts',
      url: `${process.env.E2E_APP_URL}/`,
      env: productEnv,
      reuseExistingServer: false,
      timeout: 300_000,
      stdout: 'pipe',
    },
  ],
});
