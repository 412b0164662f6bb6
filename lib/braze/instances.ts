/**
 * Braze REST instances (clusters). Source: braze-api.md §1.1 (Braze "API basics", live copy
 * 2026-09-02, https://www.braze.com/docs/api/basics/#endpoints).
 *
 * The hosts follow no single pattern (US-10 is `rest.us-10`, not `rest.iad-10`; there is no
 * US-09), which is why peers that build hosts from a pattern send traffic to the wrong place
 * (peers.md §10). Keep this an explicit table.
 */
export type BrazeInstance = {
  /** Cluster name as shown in the Braze dashboard, e.g. `US-01`. */
  cluster: string;
  /** REST base URL, https, no trailing slash. */
  restUrl: string;
  /** Dashboard host, to help people recognise their cluster. */
  dashboardHost: string;
};

const US_IAD_INSTANCES: BrazeInstance[] = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({
  cluster: `US-0${n}`,
  restUrl: `https://rest.iad-0${n}.braze.com`,
  dashboardHost: `dashboard-0${n}.braze.com`,
}));

const BRAZE_INSTANCES: readonly BrazeInstance[] = Object.freeze([
  ...US_IAD_INSTANCES,
  { cluster: 'US-10', restUrl: 'https://rest.us-10.braze.com', dashboardHost: 'dashboard.us-10.braze.com' },
  { cluster: 'EU-01', restUrl: 'https://rest.fra-01.braze.eu', dashboardHost: 'dashboard-01.braze.eu' },
  { cluster: 'EU-02', restUrl: 'https://rest.fra-02.braze.eu', dashboardHost: 'dashboard-02.braze.eu' },
  { cluster: 'AU-01', restUrl: 'https://rest.au-01.braze.com', dashboardHost: 'dashboard.au-01.braze.com' },
  { cluster: 'ID-01', restUrl: 'https://rest.id-01.braze.com', dashboardHost: 'dashboard.id-01.braze.com' },
  { cluster: 'JP-01', restUrl: 'https://rest.jp-01.braze.com', dashboardHost: 'dashboard.jp-01.braze.com' },
  { cluster: 'KR-01', restUrl: 'https://rest.kr-01.braze.com', dashboardHost: 'dashboard.kr-01.braze.com' },
].map((instance) => Object.freeze(instance)));

/** All Braze REST instances, in dashboard order. Returns a copy so callers cannot edit the table. */
export function listBrazeInstances(): BrazeInstance[] {
  return BRAZE_INSTANCES.map((instance) => ({ ...instance }));
}

/** The instance whose REST host is `hostname` (lower-case, as the URL parser returns it). */
export function findInstanceByHost(hostname: string): BrazeInstance | undefined {
  return BRAZE_INSTANCES.find((instance) => new URL(instance.restUrl).hostname === hostname);
}

/** The instance named `cluster`, case-insensitively (`us-01` finds `US-01`). */
export function findInstanceByCluster(cluster: string): BrazeInstance | undefined {
  const wanted = cluster.toUpperCase();
  return BRAZE_INSTANCES.find((instance) => instance.cluster === wanted);
}
