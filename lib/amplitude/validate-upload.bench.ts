/**
 * Throughput of request validation on events shaped like the browser SDK's.
 * Run: npx vitest bench --run --project unit lib/amplitude
 */
import { bench, describe } from 'vitest';
import { amplitudeEventSchema } from '@/lib/amplitude/event-schema';
import { validateUploadRequest } from '@/lib/amplitude/validate-upload-request';

const BATCH_SIZE = 200;

function buildBrowserEvent(i: number): Record<string, unknown> {
  return {
    user_id: `user-${i % 50}@example.com`,
    device_id: `c8f9e604-f01a-4bd9-95c6-${String(i).padStart(12, '0')}`,
    session_id: 1_700_000_000_000,
    time: 1_700_000_000_000 + i,
    platform: 'Web',
    os_name: 'Chrome',
    os_version: '126',
    device_model: 'Mac',
    language: 'en-US',
    ip: '$remote',
    insert_id: `0a1b2c3d-4e5f-6789-abcd-${String(i).padStart(12, '0')}`,
    event_type: 'Button Clicked',
    event_id: i,
    library: 'amplitude-ts/2.45.6',
    user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
    event_properties: { button: 'signup', page: '/pricing', plan: { tier: 'pro', seats: 5 }, tags: ['a', 'b'] },
    user_properties: { $set: { email: 'someone@example.com', visits: 3 } },
  };
}

// Each iteration parses the body anew, as a request would arrive, so no run sees another's output.
const bodyText = JSON.stringify({
  api_key: 'a'.repeat(32),
  events: Array.from({ length: BATCH_SIZE }, (_, i) => buildBrowserEvent(i)),
  options: {},
  client_upload_time: new Date(0).toISOString(),
});

describe(`one request of ${BATCH_SIZE} events`, () => {
  bench('JSON.parse only (baseline)', () => {
    JSON.parse(bodyText);
  });
  bench('JSON.parse + validateUploadRequest', () => {
    const result = validateUploadRequest(JSON.parse(bodyText), { endpoint: 'httpapi', now: 1_700_000_000_000 });
    if (result.kind !== 'accepted') throw new Error('benchmark body must be valid');
  });
  bench('JSON.parse + zod amplitudeEventSchema per event (comparison)', () => {
    const body = JSON.parse(bodyText) as { events: unknown[] };
    for (const event of body.events) amplitudeEventSchema.parse(event);
  });
});
