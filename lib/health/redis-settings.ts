/**
 * Redis holds every accepted event until Braze has it, so two of its settings decide whether
 * "nothing lost" holds: `appendonly yes` (else a Redis restart loses the queues) and
 * `maxmemory-policy noeviction` (else a full Redis silently evicts queued jobs). Checked at start
 * and by /api/health. Managed Redis services often refuse CONFIG: then the answer says the
 * settings could not be checked, rather than guessing.
 */
import type { RedisClient } from '@/lib/queue/connection';
import { isConnectionError } from '@/lib/health/outage-log';

export type RedisSettingsCheck =
  | { checked: true; problems: string[] }
  | { checked: false; reason: string; error?: string };

/** What is wrong with these settings, in the operator's words; empty when both are right. */
export function redisSettingProblems(settings: { appendonly?: string; 'maxmemory-policy'?: string }): string[] {
  const problems: string[] = [];
  if (settings.appendonly !== 'yes') {
    problems.push(`Redis has appendonly ${settings.appendonly ?? '(unknown)'}: queued events are lost when Redis restarts; set appendonly yes`);
  }
  const policy = settings['maxmemory-policy'];
  if (policy !== 'noeviction') {
    problems.push(`Redis has maxmemory-policy ${policy ?? '(unknown)'}: a full Redis evicts queued events; set maxmemory-policy noeviction`);
  }
  return problems;
}

/** `CONFIG GET` returns a flat [name, value, …] list. */
function toSettings(reply: unknown): Record<string, string> {
  const list = Array.isArray(reply) ? (reply as unknown[]).map(String) : [];
  const settings: Record<string, string> = {};
  for (let i = 0; i + 1 < list.length; i += 2) settings[list[i]!] = list[i + 1]!;
  return settings;
}

export async function checkRedisSettings(redis: RedisClient): Promise<RedisSettingsCheck> {
  let settings: Record<string, string>;
  try {
    const [appendonly, policy] = await Promise.all([redis.config('GET', 'appendonly'), redis.config('GET', 'maxmemory-policy')]);
    settings = { ...toSettings(appendonly), ...toSettings(policy) };
  } catch (err) {
    if (isConnectionError(err as Error)) throw err;
    return { checked: false, reason: 'CONFIG GET was refused', error: (err as Error).message.split('\n')[0] };
  }
  if (!('appendonly' in settings) && !('maxmemory-policy' in settings)) {
    return { checked: false, reason: 'CONFIG GET returned neither setting' };
  }
  return { checked: true, problems: redisSettingProblems(settings) };
}

/** What an operator should hear about the settings: nothing when both are right. */
export function redisSettingWarnings(check: RedisSettingsCheck): string[] {
  if (!check.checked) return [`Redis persistence and eviction settings could not be checked (${check.reason}): make sure it runs with appendonly yes and maxmemory-policy noeviction`];
  return check.problems;
}

/** Says the warnings once Redis answers: now, or when it is reachable. */
export function warnAboutRedisSettings(redis: RedisClient, warn: (line: string) => void): void {
  const check = () =>
    void checkRedisSettings(redis).then(
      (result) => redisSettingWarnings(result).forEach(warn),
      (err: Error) => warn(`Redis persistence and eviction settings were not checked: ${err.message}`),
    );
  if (redis.status === 'ready') check();
  else redis.once('ready', check);
}
