/** Sends events with the official Amplitude Node SDK to the product under test. */
import { createInstance, type Types } from '@amplitude/analytics-node';

export async function sendWithSdk(events: Types.BaseEvent[], apiKey = process.env.E2E_PROJECT_API_KEY!): Promise<number[]> {
  const client = createInstance();
  await client.init(apiKey, {
    serverUrl: `${process.env.E2E_APP_URL}/2/httpapi`,
    flushIntervalMillis: 60_000,
    flushQueueSize: 1_000,
    logLevel: 0,
  }).promise;
  const tracked = events.map((event) => client.track(event).promise);
  await client.flush().promise;
  return (await Promise.all(tracked)).map((result) => result.code);
}
