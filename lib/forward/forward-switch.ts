/**
 * Which projects forward to Amplitude, as ingestion needs to know on every request: held in
 * memory and reloaded every second (one small query), so a request costs no database round trip
 * and Settings takes effect within a second or two. While the database is unreachable the last
 * known list stays in force; before the first load the request waits for it (a 503 if it fails,
 * which the SDKs retry), so no request is taken without knowing whether to forward it.
 */
import { prisma } from '@/lib/db/prisma';
import { env } from '@/lib/env';
import { isConnectionError, outageLog } from '@/lib/health/outage-log';
import { childLogger } from '@/lib/log/logger';
import type { ForwardJob } from '@/lib/queue/contracts';

const log = childLogger('forward-switch');
const REFRESH_MS = 1_000;

type RouteKind = 'httpapi' | 'batch' | 'identify' | 'groupidentify' | 'legacy';

export interface AcceptedRequest {
  projectId: string;
  /** The ingestion route; the legacy form upload goes out as HTTP V2, like the events it holds. */
  route: RouteKind;
  receivedAt: number;
  events: Record<string, unknown>[];
  clientIp?: string;
}

const loadForwardingProjects = async () =>
  (await prisma().forwardSettings.findMany({ where: { enabled: true }, select: { projectId: true } })).map((r) => r.projectId);

export class ForwardSwitch {
  private on = new Set<string>();
  private loaded?: Promise<void>;
  private timer?: NodeJS.Timeout;

  constructor(private readonly load: () => Promise<string[]> = loadForwardingProjects) {}

  private async refresh(): Promise<void> {
    this.on = new Set(await this.load());
  }

  private ready(): Promise<void> {
    this.loaded ??= this.refresh().then(
      () => this.startRefreshing(),
      (err: unknown) => {
        this.loaded = undefined;
        throw err;
      },
    );
    return this.loaded;
  }

  private startRefreshing(): void {
    const outage = outageLog('Postgres', env().DATABASE_URL);
    this.timer = setInterval(() => {
      this.refresh().then(
        () => outage.reachable(),
        (err: Error) => (isConnectionError(err) ? outage.failed(err) : log.warn({ err: err.message }, 'forwarding settings not reloaded; the last ones stay in force')),
      );
    }, REFRESH_MS);
    this.timer.unref();
  }

  /** The forward job of an accepted request, or undefined when its project does not forward. */
  async jobFor(request: AcceptedRequest): Promise<ForwardJob | undefined> {
    await this.ready();
    if (!this.on.has(request.projectId) || request.events.length === 0) return undefined;
    const api = request.route === 'legacy' ? 'httpapi' : request.route;
    return { projectId: request.projectId, receivedAt: request.receivedAt, api, clientIp: request.clientIp, events: request.events };
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

let shared: ForwardSwitch | undefined;

/** The process's switch, shared by every ingestion handler of the process. */
export function forwardSwitch(): ForwardSwitch {
  shared ??= new ForwardSwitch();
  return shared;
}
