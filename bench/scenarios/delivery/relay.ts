/**
 * The bare relay baseline (bench/baseline/bare-relay.ts) as the delivery benchmark runs it: its
 * own process on a free port, with the run's Redis and key prefix, sending to the run's fake Braze.
 */
import type { RunContext } from '@/bench/harness/context';
import { pickFreePort } from '@/bench/harness/ports';
import { startNodeProcess, waitUntil, type BenchProcess } from '@/bench/harness/processes';
import { bareRelayListKey } from '@/bench/baseline/bare-relay-key';
import { BENCH_REST_API_KEY } from '@/bench/scenarios/delivery/fake-braze';

const SCRIPT = 'bench/baseline/bare-relay.ts';
const READY_TIMEOUT_MS = 30_000;

export interface RunningRelay {
  name: string;
  url: string;
  process: BenchProcess;
  /** The LIST its intake appends to (what is waiting in it is its backlog). */
  listKey: string;
  stop(): Promise<number | null>;
  /** Error log lines (level 50 and above) so far. */
  errorLogLines(): number;
}

export async function startRelay(ctx: RunContext, brazeUrl: string): Promise<RunningRelay> {
  const port = await pickFreePort();
  const url = `http://127.0.0.1:${port}`;
  const proc = startNodeProcess({
    name: 'bare relay',
    script: SCRIPT,
    countLines: /"level":(50|60)\b/,
    env: { ...ctx.productEnv, NODE_ENV: 'production', RELAY_PORT: String(port), RELAY_BRAZE_URL: brazeUrl, RELAY_REST_API_KEY: BENCH_REST_API_KEY },
  });
  try {
    await waitUntil(proc, 'the bare relay to listen', async () => proc.output().includes(`"url":"${url}"`), READY_TIMEOUT_MS);
  } catch (err) {
    await proc.stop();
    throw err;
  }
  return {
    name: proc.name,
    url,
    process: proc,
    listKey: bareRelayListKey(ctx.queuePrefix),
    stop: () => proc.stop(30_000),
    errorLogLines: () => proc.countedLines(),
  };
}
