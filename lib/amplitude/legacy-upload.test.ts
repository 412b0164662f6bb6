import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checksumOf, parseLegacyUpload } from '@/lib/amplitude/legacy-upload';

const signed = (fields: Record<string, string>) => {
  const checksum = createHash('md5').update(`${fields.v}${fields.client}${fields.e}${fields.upload_time}`).digest('hex');
  return new URLSearchParams({ ...fields, checksum });
};
const base = { client: 'key-1', v: '2', upload_time: '1700000000999' };

describe('parseLegacyUpload', () => {
  it('computes the checksum amplitude-js sends (MD5 of v + client + e + upload_time)', () => {
    expect(checksumOf('2', 'k', '[]', '1')).toBe(createHash('md5').update('2k[]1').digest('hex'));
  });

  it('maps timestamp, uuid and library to their HTTP V2 fields and keeps the rest for the event checks', () => {
    const e = JSON.stringify([{ event_type: 'A', device_id: 'device-1', timestamp: 5, uuid: 'u-1', library: { name: 'amplitude-js', version: '8.21.10' }, user_id: null }, 7]);
    expect(parseLegacyUpload(signed({ ...base, e }))).toEqual({
      kind: 'envelope',
      apiKey: 'key-1',
      minIdLength: 5,
      events: [{ event_type: 'A', device_id: 'device-1', timestamp: 5, time: 5, uuid: 'u-1', insert_id: 'u-1', library: 'amplitude-js/8.21.10', user_id: null }, 7],
    });
  });

  it('keeps an explicit time and insert_id', () => {
    const e = JSON.stringify([{ event_type: 'A', timestamp: 5, time: 6, uuid: 'u-1', insert_id: 'i-1' }]);
    expect(parseLegacyUpload(signed({ ...base, e }))).toMatchObject({ events: [{ time: 6, insert_id: 'i-1' }] });
  });

  it.each([
    ['a wrong checksum', () => new URLSearchParams({ ...base, e: '[]', checksum: 'ff'.repeat(16) }), { error: expect.stringMatching(/^Invalid checksum/) }],
    ['a missing checksum', () => new URLSearchParams({ ...base, e: '[]' }), { missing_field: 'checksum' }],
    ['a missing client', () => signed({ ...base, client: '', e: '[]' }), { missing_field: 'client' }],
    ['events that are not JSON', () => signed({ ...base, e: '[{' }), { error: 'Invalid event JSON' }],
    ['events that are not an array', () => signed({ ...base, e: '{}' }), { error: 'Invalid event JSON' }],
  ])('rejects %s', (_name, params, body) => {
    expect(parseLegacyUpload(params())).toMatchObject({ kind: 'rejected', status: 400, body: { code: 400, ...body } });
  });
});
