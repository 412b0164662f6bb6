/**
 * Says plainly, once per 10 s, that Postgres or Redis cannot be reached: which one, at which URL
 * (password removed), why, and what waits for it — instead of a bare ECONNREFUSED, or a line
 * for every reconnection attempt of every connection (ioredis retries up to 20 times a second).
 * Then once more when it is back. One log per service and URL per process, shared by every
 * connection to it.
 */
import { childLogger } from '@/lib/log/logger';

const log = childLogger('dependencies');
export const OUTAGE_REPORT_INTERVAL_MS = 10_000;

export type Dependency = 'Postgres' | 'Redis';

/** What in this process waits for the dependencies; named once by the entry point. */
let waiter = 'this process';
export function nameWaitingProcess(description: string): void {
  waiter = description;
}

/** `host:port,host:port`: a Redis Cluster's nodes (REDIS_CLUSTER_NODES), which carry no credentials. */
const NODE_LIST = /^[A-Za-z0-9.\-[\]:]+(,[A-Za-z0-9.\-[\]:]+)*$/;

/** The URL without its password (and without a user name that could be a token). */
export function redactUrl(url: string): string {
  if (NODE_LIST.test(url)) return url;
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return '(malformed URL)';
  }
}

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'unknown host',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
};

const systemCodeOf = (err: Error) => {
  const code = (err as NodeJS.ErrnoException).code;
  return code && REASONS[code] ? code : /\b(E[A-Z]+)\b/.exec(err.message)?.[1];
};

/** Errors that mean "not reachable (yet)" rather than a fault of the request itself. */
const UNREACHABLE =
  /Can't reach database server|Connection terminated|Server has closed the connection|the database system is (starting up|shutting down|in recovery mode)|Connection is closed|connect ETIMEDOUT|max retries per request limit|Stream isn't writeable|Command timed out/i;

export function isConnectionError(err: Error): boolean {
  const code = systemCodeOf(err);
  return Boolean(code && REASONS[code]) || UNREACHABLE.test(err.message);
}

/** A short reason: the system error in words, else the driver's own message. */
export function describeConnectionError(err: Error): string {
  const code = systemCodeOf(err);
  if (code && REASONS[code]) return REASONS[code];
  const unreachable = UNREACHABLE.exec(err.message)?.[0];
  return unreachable ?? err.message.trim().split('\n').at(-1)!.slice(0, 200);
}

type Write = (level: 'warn' | 'info', line: string) => void;
const writeToLog: Write = (level, line) => log[level](line);

export class OutageLog {
  private downSince?: number;
  private lastReport?: number;

  constructor(
    readonly dependency: Dependency,
    readonly url: string,
    private readonly now: () => number = Date.now,
    private readonly write: Write = writeToLog,
  ) {}

  get isDown(): boolean {
    return this.downSince !== undefined;
  }

  /** A connection attempt or a command failed for want of the dependency. */
  failed(err: Error): void {
    const now = this.now();
    this.downSince ??= now;
    if (this.lastReport !== undefined && now - this.lastReport < OUTAGE_REPORT_INTERVAL_MS) return;
    this.lastReport = now;
    const seconds = Math.round((now - this.downSince) / 1000);
    this.write(
      'warn',
      `${this.dependency} at ${redactUrl(this.url)} is unreachable (${describeConnectionError(err)})${seconds > 0 ? ` for ${seconds} s` : ''}; ${waiter} waits for it`,
    );
  }

  /** Answered again: said once if it had been reported down. */
  reachable(): void {
    if (this.downSince === undefined) return;
    const seconds = Math.round((this.now() - this.downSince) / 1000);
    if (this.lastReport !== undefined) this.write('info', `${this.dependency} at ${redactUrl(this.url)} is reachable again after ${seconds} s`);
    this.downSince = undefined;
    this.lastReport = undefined;
  }
}

const logs = new Map<string, OutageLog>();

/** The process's one outage log of a dependency at a URL. */
export function outageLog(dependency: Dependency, url: string): OutageLog {
  const key = `${dependency} ${url}`;
  let entry = logs.get(key);
  if (!entry) logs.set(key, (entry = new OutageLog(dependency, url)));
  return entry;
}

/**
 * True when `err` is a consequence of an outage this process already reports: callers that
 * would log the failure of their periodic work stay quiet instead of repeating the outage.
 */
export function duringOutage(err: Error): boolean {
  return isConnectionError(err) && [...logs.values()].some((entry) => entry.isDown);
}

/**
 * Runs `attempt` until it gets past connecting, once a second, reporting the outage meanwhile.
 * Any other error is thrown at once: retrying would only hide it.
 */
export async function untilReachable<T>(outage: OutageLog, attempt: () => Promise<T>, retryMs = 1_000): Promise<T> {
  for (;;) {
    try {
      const result = await attempt();
      outage.reachable();
      return result;
    } catch (err) {
      if (!isConnectionError(err as Error)) throw err;
      outage.failed(err as Error);
      await new Promise((r) => setTimeout(r, retryMs));
    }
  }
}
