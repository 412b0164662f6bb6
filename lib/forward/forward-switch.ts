/**
 * Which projects forward to Amplitude, as ingestion needs to know on every request: held in
 * memory and reloaded every second (one small query), so a request costs no database round trip
 * and Settings takes effect within a second or two. While the database is unreachable the last
 * known list stays in force; before the first load the request waits for it (a 503 if it fails,
 * which the SDKs retry), so no request is taken without knowing whether to forward it.
 */
import { prisma } from '@/lib/db/prisma';
import { ReloadedSnapshot } from '@/lib/db/reloaded-snapshot';
import type { ForwardJob } from '@/lib/queue/contracts';

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
  private readonly projects: ReloadedSnapshot<Set<string>>;

  constructor(load: () => Promise<string[]> = loadForwardingProjects) {
    this.projects = new ReloadedSnapshot({ load: async () => new Set(await load()), refreshMs: REFRESH_MS, what: 'forwarding settings' });
  }

  /** The forward job of an accepted request, or undefined when its project does not forward. */
  async jobFor(request: AcceptedRequest): Promise<ForwardJob | undefined> {
    const forwarding = await this.projects.ready();
    if (!forwarding.has(request.projectId) || request.events.length === 0) return undefined;
    const api = request.route === 'legacy' ? 'httpapi' : request.route;
    return { projectId: request.projectId, receivedAt: request.receivedAt, api, clientIp: request.clientIp, events: request.events };
  }

  stop(): void {
    this.projects.stop();
  }
}

let shared: ForwardSwitch | undefined;

/** The process's switch, shared by every ingestion handler of the process. */
export function forwardSwitch(): ForwardSwitch {
  shared ??= new ForwardSwitch();
  return shared;
}
