import { validateUploadRequest } from '@/lib/amplitude/validate-upload-request';
import { amplitudeEventSchema } from '@/lib/amplitude/event-schema';
function ev(i: number) { return {
    user_id: `user-${i % 50}@example.com`, device_id: `c8f9e604-f01a-4bd9-95c6-${String(i).padStart(12, '0')}`,
    session_id: 1_700_000_000_000, time: 1_700_000_000_000 + i, platform: 'Web', os_name: 'Chrome', os_version: '126',
    device_model: 'Mac', language: 'en-US', ip: '$remote', insert_id: `0a1b2c3d-4e5f-6789-abcd-${String(i).padStart(12, '0')}`,
    event_type: 'Button Clicked', event_id: i, library: 'amplitude-ts/2.45.6',
    user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
    event_properties: { button: 'signup', page: '/pricing', plan: { tier: 'pro', seats: 5 }, tags: ['a', 'b'] },
    user_properties: { $set: { email: 'someone@example.com', visits: 3 } } }; }
const text = JSON.stringify({ api_key: 'k'.repeat(32), events: Array.from({ length: 200 }, (_, i) => ev(i)), options: {} });
const N = 1000;
const parsed = () => Array.from({ length: N }, () => JSON.parse(text));
function run(name: string, prep: () => any[], f: (b: any) => void) {
  let best = 0;
  for (let r = 0; r < 7; r++) {
    const bodies = prep();
    const t = process.hrtime.bigint();
    for (let i = 0; i < N; i++) f(bodies[i]);
    const s = Number(process.hrtime.bigint() - t) / 1e9;
    best = Math.max(best, N * 200 / s);
  }
  console.log(name.padEnd(40), Math.round(best).toLocaleString('en'), 'events/s (best of 7)');
}
run('JSON.parse', () => Array(N).fill(text), (t) => JSON.parse(t));
run('validateUploadRequest (parsed)', parsed, (b) => validateUploadRequest(b, { endpoint: 'httpapi', now: 1 }));
run('JSON.parse + validateUploadRequest', () => Array(N).fill(text), (t) => validateUploadRequest(JSON.parse(t), { endpoint: 'httpapi', now: 1 }));
run('zod amplitudeEventSchema (parsed)', parsed, (b) => { for (const e of b.events) amplitudeEventSchema.parse(e); });
