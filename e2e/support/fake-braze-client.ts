/** Reads the standalone fake Braze through its admin API. */
export interface AcceptedObject {
  apiKey: string;
  object: Record<string, unknown>;
}
export interface RecordedRequest {
  path: string;
  status: number | null;
  apiKey: string | null;
}

const base = () => process.env.E2E_BRAZE_URL!;

async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(`${base()}${path}`);
  if (!res.ok) throw new Error(`fake Braze ${path}: ${res.status}`);
  return (await res.json()) as T;
}

export interface FakeKey {
  key: string;
  permissions?: string[];
  /** A key of another Braze instance: refused exactly like an unknown key. */
  otherCluster?: boolean;
}

export const fakeBraze = {
  events: () => getJson<AcceptedObject[]>('/_fake/events'),
  attributes: () => getJson<AcceptedObject[]>('/_fake/attributes'),
  requests: () => getJson<RecordedRequest[]>('/_fake/requests'),
  /** Replaces the keys the fake accepts. */
  setKeys: async (keys: FakeKey[]) => {
    const res = await fetch(`${base()}/_fake/keys`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(keys) });
    if (!res.ok) throw new Error(`fake Braze keys: ${res.status}`);
  },
  reset: async () => {
    const res = await fetch(`${base()}/_fake/reset`, { method: 'POST' });
    if (!res.ok) throw new Error(`fake Braze reset: ${res.status}`);
  },
};
