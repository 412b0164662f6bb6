/**
 * Back-pressure for the ingestion API: bounds what one process holds at once — requests in
 * progress and the bytes of their bodies — so an overload is answered 503 at once (the SDKs
 * retry) instead of buffering without limit until the process runs out of memory. One client
 * (address, see client-address.ts) holds at most `maxRequestsPerClient` of the requests: slow
 * uploads from one machine cannot take every place and stop ingestion for everyone else.
 */
export interface AdmissionLimits {
  maxRequests: number;
  maxBytes: number;
  maxRequestsPerClient: number;
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
  private readonly perClient = new Map<string, number>();

  constructor(private readonly limits: AdmissionLimits) {}

  /**
   * A lease for one request of `client`, or null when as many requests as allowed are in
   * progress, in all or of this client.
   */
  enter(client: string): AdmissionLease | null {
    const ofClient = this.perClient.get(client) ?? 0;
    if (this.requests >= this.limits.maxRequests || ofClient >= this.limits.maxRequestsPerClient) return null;
    this.requests++;
    this.perClient.set(client, ofClient + 1);
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
        const left = this.perClient.get(client)! - 1;
        if (left === 0) this.perClient.delete(client);
        else this.perClient.set(client, left);
      },
    };
  }

  get inProgress(): { requests: number; bytes: number; clients: number } {
    return { requests: this.requests, bytes: this.bytes, clients: this.perClient.size };
  }
}
