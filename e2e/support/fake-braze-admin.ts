/** Steers the standalone fake Braze through its admin API: injected faults on /users/track*. */
const base = () => process.env.E2E_BRAZE_URL!;

/** 5xx and 429 are retried by the sender; 400 and 413 refuse the request for good. */
export type Fault = { status: 400 | 413 | 500 | 502 | 503 | 504 | 429; count?: number } | { timeoutMs: number; count?: number };

async function postAdmin(path: string, body: unknown): Promise<void> {
  const res = await fetch(`${base()}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`fake Braze ${path}: ${res.status} ${await res.text()}`);
}

export const fakeBrazeAdmin = {
  /** The next /users/track requests with a valid key get these answers instead (faults apply after the key check). */
  injectFaults: (faults: Fault[]) => postAdmin('/_fake/faults', faults),
  /** Faults not used yet. */
  pendingFaults: async (): Promise<Fault[]> => {
    const res = await fetch(`${base()}/_fake/faults`);
    if (!res.ok) throw new Error(`fake Braze faults: ${res.status}`);
    return (await res.json()) as Fault[];
  },
};
