/**
 * Back-pressure for the ingestion API: bounds what one process holds at once — requests in
 * progress and the bytes of their bodies — so an overload is answered 503 at once (the SDKs
 * retry) instead of buffering without limit until the process runs out of memory.
 */
export interface AdmissionLimits {
  maxRequests: number;
  maxBytes: number;
}

/** One admitted request's share of the byte budget; `close` gives it all back. */
export interface AdmissionLease {
  /** Reserves `bytes` more; false when the process's budget is used up. */
  take: (bytes: number) => boolean;
  close: () => void;
}

export class IngestAdmission {
  private requests = 0;
  private bytes = 0;

  constructor(private readonly limits: AdmissionLimits) {}

  /** A lease for one request, or null when as many requests as allowed are in progress. */
  enter(): AdmissionLease | null {
    if (this.requests >= this.limits.maxRequests) return null;
    this.requests++;
    let held = 0;
    let closed = false;
    return {
      take: (bytes) => {
        if (closed || this.bytes + bytes > this.limits.maxBytes) return false;
        this.bytes += bytes;
        held += bytes;
        return true;
      },
      close: () => {
        if (closed) return;
        closed = true;
        this.bytes -= held;
        this.requests--;
      },
    };
  }

  get inProgress(): { requests: number; bytes: number } {
    return { requests: this.requests, bytes: this.bytes };
  }
}
