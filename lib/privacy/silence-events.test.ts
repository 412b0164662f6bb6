import { describe, expect, it } from 'vitest';
import type { AmplitudeEvent } from '@/lib/amplitude';
import { buildSilencedBody, findSilenced, withoutSilenced } from '@/lib/privacy/silence-events';

const refused = { isRefused: (projectId: string, userId: string | undefined | null) => projectId === 'p1' && userId === 'gone' };
const event = (user_id?: string) => ({ event_type: 'E', user_id, device_id: 'd' }) as AmplitudeEvent;

describe('silencing events of deleted users', () => {
  // Events 1 and 3 of the request were invalid and left out before, so positions and indexes differ.
  const upload = { events: [event('kept'), event('gone'), event(undefined), event('gone')], indexes: [0, 2, 4, 5] };

  it('names the request\'s own indexes and the users, in Amplitude\'s silenced shape', () => {
    const silenced = findSilenced('p1', upload, refused);
    expect(silenced).toEqual({ positions: [1, 3], userIds: ['gone', 'gone'] });
    expect(buildSilencedBody(upload, silenced)).toMatchObject({ code: 400, silenced_events: [2, 5], silenced_devices: [], silenced_users: ['gone'] });
    expect(withoutSilenced(upload, silenced)).toEqual({ events: [event('kept'), event(undefined)], indexes: [0, 4] });
  });

  it('silences nothing of another project', () => {
    expect(findSilenced('p2', upload, refused).positions).toEqual([]);
  });
});
