/**
 * The bare relay baseline of the delivery benchmark: the least any relay from Amplitude's HTTP API
 * to Braze must do, in one process. Its intake (relay-intake.ts) keeps each accepted body in a
 * Redis LIST with one RPUSH; its sender (relay-sender.ts) pops them and sends their events 75 to a
 * `/users/track` request to the same rate-limited fake Braze the product sends to. Measured beside
 * the product, it shows what the product's guarantees and bookkeeping cost per event.
 *
 * Run as `node --import tsx bench/baseline/bare-relay.ts` with RELAY_PORT, RELAY_BRAZE_URL,
 * RELAY_REST_API_KEY, REDIS_URL and QUEUE_PREFIX (its one LIST is under that prefix, see
 * bare-relay-key.ts). It prints one JSON line with `url` once listening, error
 * lines at level 50, and stops on SIGTERM after sending what it popped.
 */
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { SELECTED_EVENT_PROPERTIES, SELECTED_USER_PROPERTIES } from '@/bench/scenarios/delivery/plan';
import { bareRelayListKey } from '@/bench/baseline/bare-relay-key';
import { createRelayIntake } from '@/bench/baseline/relay-intake';
import { startRelaySender } from '@/bench/baseline/relay-sender';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`bare relay: ${name} is not set`);
  return value;
}

const line = (level: number, msg: string, extra: Record<string, unknown> = {}) =>
  process.stdout.write(`${JSON.stringify({ level, time: Date.now(), msg, ...extra })}\n`);

async function main(): Promise<void> {
  const redisUrl = required('REDIS_URL');
  const listKey = bareRelayListKey(required('QUEUE_PREFIX'));
  const intakeRedis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  const senderRedis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const sender = startRelaySender({
    redis: senderRedis,
    listKey,
    brazeUrl: required('RELAY_BRAZE_URL'),
    restApiKey: required('RELAY_REST_API_KEY'),
    eventProperties: SELECTED_EVENT_PROPERTIES,
    userProperties: SELECTED_USER_PROPERTIES,
    logError: (message) => line(50, message),
  });
  const server = createRelayIntake(intakeRedis, listKey);
  await new Promise<void>((resolve) => server.listen(Number(required('RELAY_PORT')), '127.0.0.1', resolve));
  line(30, 'bare relay listening', { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });

  sender.done.catch((err: Error) => {
    line(60, `bare relay sender failed: ${err.message}`);
    process.exit(1);
  });
  const stop = async () => {
    await new Promise((resolve) => server.close(resolve));
    await sender.stop();
    intakeRedis.disconnect();
    senderRedis.disconnect();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((err: Error) => {
  line(60, `bare relay failed to start: ${err.message}`);
  process.exit(1);
});
