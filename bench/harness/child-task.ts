/**
 * A task that runs in its own process (a load generator, so it never shares the app's event loop),
 * driven over IPC in three steps: the child prepares (e.g. builds request bodies) and says ready;
 * the parent starts measuring and says go; the child runs and sends its result, then stays alive
 * until the parent has read its CPU time and lets it go.
 */
import { startNodeProcess, type BenchProcess } from '@/bench/harness/processes';

type ToChild<I> = { type: 'input'; input: I } | { type: 'go' } | { type: 'exit' };
type ToParent<O> = { type: 'ready' } | { type: 'result'; result: O } | { type: 'error'; message: string };

export interface ChildTask<O> {
  process: BenchProcess;
  /** Starts the work; resolves with the child's result. */
  run(): Promise<O>;
  /** Lets the child exit and waits for it. */
  finish(): Promise<void>;
}

function nextMessage<O>(proc: BenchProcess): Promise<ToParent<O>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: ToParent<O>) => {
      proc.child.off('exit', onExit);
      resolve(message);
    };
    const onExit = (code: number | null) => {
      proc.child.off('message', onMessage);
      reject(new Error(`${proc.name} exited (${code}) unexpectedly:\n${proc.output()}`));
    };
    proc.child.once('message', onMessage);
    proc.child.once('exit', onExit);
  });
}

function expect<O, T extends ToParent<O>['type']>(message: ToParent<O>, type: T, proc: BenchProcess): Extract<ToParent<O>, { type: T }> {
  if (message.type === 'error') throw new Error(`${proc.name} failed: ${message.message}\n${proc.output()}`);
  if (message.type !== type) throw new Error(`${proc.name}: expected "${type}", got "${message.type}"`);
  return message as Extract<ToParent<O>, { type: T }>;
}

/** Starts `script` (which calls `serveChildTask`), hands it `input`, and resolves once it is ready. */
export async function startChildTask<I, O>(name: string, script: string, input: I): Promise<ChildTask<O>> {
  const proc = startNodeProcess({ name, script, ipc: true });
  const send = (message: ToChild<I>) => proc.child.send(message);
  const ready = nextMessage<O>(proc);
  send({ type: 'input', input });
  expect(await ready, 'ready', proc);
  return {
    process: proc,
    async run() {
      const done = nextMessage<O>(proc);
      send({ type: 'go' });
      return expect(await done, 'result', proc).result;
    },
    async finish() {
      if (proc.child.connected) send({ type: 'exit' });
      await Promise.race([proc.exited, new Promise((r) => setTimeout(r, 2_000))]);
      await proc.stop();
    },
  };
}

/** The child's side: `prepare` gets the input and returns the work to run on "go". */
export function serveChildTask<I, O>(prepare: (input: I) => Promise<() => Promise<O>>): void {
  const reply = (message: ToParent<O>) => process.send!(message);
  let work: (() => Promise<O>) | undefined;
  process.on('message', (message: ToChild<I>) => {
    const step = async () => {
      if (message.type === 'input') {
        work = await prepare(message.input);
        reply({ type: 'ready' });
      } else if (message.type === 'go') {
        reply({ type: 'result', result: await work!() });
      } else {
        process.disconnect();
      }
    };
    step().catch((err: Error) => reply({ type: 'error', message: err.stack ?? err.message }));
  });
}
