import { describe, expect, it } from 'vitest';
import { IngestAdmission } from '@/lib/ingest/admission';

describe('IngestAdmission', () => {
  it('admits at most maxRequests at once and frees a place when one closes', () => {
    const admission = new IngestAdmission({ maxRequests: 2, maxBytes: 100 });
    const a = admission.enter();
    const b = admission.enter();
    expect(a).not.toBeNull();
    expect(b).not.toBeNull();
    expect(admission.enter()).toBeNull();
    a!.close();
    a!.close(); // closing twice frees one place only
    expect(admission.enter()).not.toBeNull();
    expect(admission.enter()).toBeNull();
  });

  it('shares one byte budget between requests and gives a closed lease its bytes back', () => {
    const admission = new IngestAdmission({ maxRequests: 10, maxBytes: 100 });
    const a = admission.enter()!;
    const b = admission.enter()!;
    expect(a.take(60)).toBe(true);
    expect(b.take(50)).toBe(false);
    expect(b.take(40)).toBe(true);
    expect(admission.inProgress).toEqual({ requests: 2, bytes: 100 });
    a.close();
    expect(admission.inProgress).toEqual({ requests: 1, bytes: 40 });
    expect(b.take(60)).toBe(true);
    b.close();
    expect(admission.inProgress).toEqual({ requests: 0, bytes: 0 });
    expect(b.take(1)).toBe(false);
  });
});
