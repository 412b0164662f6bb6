import { describe, expect, it } from 'vitest';
import { describeCause } from '@/components/dashboard/failure-kinds';
import { describeObjects, formatObjects } from '@/components/dashboard/objects';

describe('counts in Braze objects', () => {
  it.each([
    [{ events: 20, userUpdates: 20 }, '40 objects (20 events, 20 user updates)'],
    [{ events: 1, userUpdates: 2 }, '3 objects (1 event, 2 user updates)'],
    [{ events: 6, userUpdates: 0 }, '6 objects (events)'],
    [{ events: 0, userUpdates: 1 }, '1 object (user update)'],
    [{ events: 0, userUpdates: 0 }, '0 objects'],
  ])('%j → %s', (counts, text) => {
    expect(describeObjects(counts)).toBe(text);
  });

  it('says object or objects', () => {
    expect(formatObjects(1)).toBe('1 object');
    expect(formatObjects(2_250)).toBe('2,250 objects');
  });
});

describe('describeCause', () => {
  it('names the HTTP status of a refused request, never the 2xx of a request whose one object was refused', () => {
    expect(describeCause('rejected', 400)).toBe('Refused by Braze · HTTP 400');
    expect(describeCause('minor_error', 201)).toBe('Content refused by Braze (the rest of its request was accepted)');
    expect(describeCause('minor_error', 400)).not.toContain('HTTP');
    expect(describeCause('expired', null)).toBe('Expired after retries');
  });
});
