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

export const fakeBraze = {
  events: () => getJson<AcceptedObject[]>('/_fake/events'),
  attributes: () => getJson<AcceptedObject[]>('/_fake/attributes'),
  requests: () => getJson<RecordedRequest[]>('/_fake/requests'),
  reset: async () => {
    const res = await fetch(`${base()}/_fake/reset`, { method: 'POST' });
    if (!res.ok) throw new Error(`fake Braze reset: ${res.status}`);
  },
};
