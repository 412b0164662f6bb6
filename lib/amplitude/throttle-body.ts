/**
 * The 429 body of https://amplitude.com/docs/apis/analytics/http-v2 ("429"), with the Batch API's
 * daily-quota maps. The SDKs wait 30 s before resending the events at `throttled_events` and drop
 * events whose ids are keys of `exceeded_daily_quota_*`.
 */

/** An id (device or user) → its events per second or events today. Ids are client data, so a Map keeps them off any prototype. */
export type CountsById = ReadonlyMap<string, number> | Readonly<Record<string, number>>;

export interface TooManyRequestsBody {
  code: 429;
  error: 'Too many requests for some devices and users';
  eps_threshold: number;
  throttled_devices: Record<string, number>;
  throttled_users: Record<string, number>;
  throttled_events: number[];
  exceeded_daily_quota_devices?: Record<string, number>;
  exceeded_daily_quota_users?: Record<string, number>;
}

export interface ThrottleReport {
  epsThreshold: number;
  throttledDevices?: CountsById;
  throttledUsers?: CountsById;
  throttledEvents: readonly number[];
  exceededDailyQuotaDevices?: CountsById;
  exceededDailyQuotaUsers?: CountsById;
}

export function buildTooManyRequestsBody(report: ThrottleReport): TooManyRequestsBody {
  const body: TooManyRequestsBody = {
    code: 429,
    error: 'Too many requests for some devices and users',
    eps_threshold: report.epsThreshold,
    throttled_devices: toPlainCounts(report.throttledDevices),
    throttled_users: toPlainCounts(report.throttledUsers),
    throttled_events: [...report.throttledEvents],
  };
  if (report.exceededDailyQuotaDevices !== undefined) {
    body.exceeded_daily_quota_devices = toPlainCounts(report.exceededDailyQuotaDevices);
  }
  if (report.exceededDailyQuotaUsers !== undefined) {
    body.exceeded_daily_quota_users = toPlainCounts(report.exceededDailyQuotaUsers);
  }
  return body;
}

/** Object.fromEntries defines own properties, so an id such as `__proto__` stays a plain key. */
function toPlainCounts(counts: CountsById | undefined): Record<string, number> {
  if (counts === undefined) return {};
  const entries = counts instanceof Map ? counts.entries() : Object.entries(counts);
  return Object.fromEntries(entries);
}
