/**
 * The fake Braze of the delivery benchmark: started as its own process on the port chosen when
 * the scenario module was loaded (see endpoint.ts), and read through its admin API.
 */
import { startNodeProcess, waitUntil, type BenchProcess } from '@/bench/harness/processes';

const SCRIPT = 'bench/scenarios/delivery/fake-braze-process.ts';
/** Braze's default for `/users/track` (3,000 requests per 3 s per workspace). */
export const BRAZE_RATE_LIMIT = '3000/3s';
export const BENCH_REST_API_KEY = 'bench-rest-api-key-0000000000000000';

export interface FakeStats {
  requests: number;
  byStatus: Record<string, number>;
  eventsAccepted: number;
  attributesAccepted: number;
  rateLimited: number;
  dataPoints: number;
}

export interface RunningFake {
  url: string;
  process: BenchProcess;
  stats(): Promise<FakeStats>;
  /** Clears counters, profiles and rate windows (keeps keys and the rate limit). */
  reset(): Promise<void>;
  stop(): Promise<number | null>;
}

export async function startFake(url: string): Promise<RunningFake> {
  const port = new URL(url).port;
  const proc = startNodeProcess({
    name: 'fake Braze',
    script: SCRIPT,
    env: {
      FAKE_BRAZE_PORT: port,
      FAKE_BRAZE_HOST: '127.0.0.1',
      FAKE_BRAZE_API_KEYS: BENCH_REST_API_KEY,
      FAKE_BRAZE_RATE_LIMIT: BRAZE_RATE_LIMIT,
      NODE_ENV: 'production',
    },
  });
  const admin = async <T>(path: string, method = 'GET'): Promise<T> => {
    const response = await fetch(`${url}/_fake/${path}`, { method });
    if (!response.ok) throw new Error(`fake Braze ${method} /_fake/${path}: ${response.status}`);
    return (await response.json()) as T;
  };
  try {
    await waitUntil(proc, 'the fake Braze to listen', async () => proc.output().includes(`"url":"${url}"`), 30_000);
  } catch (err) {
    await proc.stop();
    throw new Error(`${(err as Error).message}\n(the port was chosen free when the benchmark started; another program may have taken it since)`);
  }
  return {
    url,
    process: proc,
    stats: () => admin<FakeStats>('stats'),
    reset: async () => {
      await admin('reset', 'POST');
    },
    stop: () => proc.stop(),
  };
}

/** Accepted `/users/track` answers (201), whatever the endpoint's other traffic. */
export const acceptedRequestsOf = (stats: FakeStats) => stats.byStatus['201'] ?? 0;
