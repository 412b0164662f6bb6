import { describe, expect, it } from 'vitest';
import { IngestAdmission } from '@/lib/ingest/admission';

describe('IngestAdmission', () => {
  it('admits at most maxRequests at once and frees a place when one closes', () => {
    const admission = new IngestAdmission({ maxRequests: 2, maxBytes: 100, maxRequestsPerClient: 10 });
    const a = admission.enter('10.0.0.1');
    const b = admission.enter('10.0.0.1');
    expect(a).not.toBeNull();
    expect(b).not.toBeNull();
    expect(admission.enter('10.0.0.1')).toBeNull();
    a!.close();
    a!.close(); // closing twice frees one place only
    expect(admission.enter('10.0.0.1')).not.toBeNull();
    expect(admission.enter('10.0.0.1')).toBeNull();
  });

  it('shares one byte budget between requests and gives a closed lease its bytes back', () => {
    const admission = new IngestAdmission({ maxRequests: 10, maxBytes: 100, maxRequestsPerClient: 10 });
    const a = admission.enter('10.0.0.1')!;
    const b = admission.enter('10.0.0.1')!;
    expect(a.take(60)).toBe(true);
    expect(b.take(50)).toBe(false);
    expect(b.take(40)).toBe(true);
    expect(admission.inProgress).toEqual({ requests: 2, bytes: 100, clients: 1 });
    a.close();
    expect(admission.inProgress).toEqual({ requests: 1, bytes: 40, clients: 1 });
    expect(b.take(60)).toBe(true);
    b.close();
    expect(admission.inProgress).toEqual({ requests: 0, bytes: 0, clients: 0 });
    expect(b.take(1)).toBe(false);
  });

  it('gives one client at most maxRequestsPerClient places, leaving the rest to others', () => {
    const admission = new IngestAdmission({ maxRequests: 5, maxBytes: 100, maxRequestsPerClient: 2 });
    const first = admission.enter('10.0.0.1')!;
    admission.enter('10.0.0.1');
    expect(admission.enter('10.0.0.1')).toBeNull();
    expect(admission.enter('10.0.0.2')).not.toBeNull();
    first.close();
    expect(admission.enter('10.0.0.1')).not.toBeNull();
    expect(admission.inProgress).toMatchObject({ requests: 3, clients: 2 });
  });
});
