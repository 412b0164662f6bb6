/**
 * The Redis settings check against real Redis servers: one set up as production should be, one
 * losing events on restart and eviction, and one that refuses CONFIG like many managed services.
 */
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { checkRedisSettings, redisSettingWarnings } from '@/lib/health/redis-settings';
import { startOwnRedis, type OwnRedis } from '@/test/own-redis';

const servers: OwnRedis[] = [];
const clients: Redis[] = [];

async function warningsOf(extraArgs: string[]): Promise<string[]> {
  const server = await startOwnRedis(extraArgs);
  servers.push(server);
  const client = new Redis(server.url, { maxRetriesPerRequest: 1 });
  clients.push(client);
  return redisSettingWarnings(await checkRedisSettings(client));
}

afterAll(async () => {
  for (const client of clients) client.disconnect();
  await Promise.all(servers.map((s) => s.stop()));
});

describe('checkRedisSettings', () => {
  it('has nothing to say about appendonly yes and noeviction', async () => {
    expect(await warningsOf([])).toEqual([]);
  });

  it('names appendonly no and an evicting policy, with the setting to change', async () => {
    const warnings = await warningsOf(['--appendonly', 'no', '--maxmemory-policy', 'allkeys-lru']);
    expect(warnings).toEqual([
      'Redis has appendonly no: queued events are lost when Redis restarts; set appendonly yes',
      'Redis has maxmemory-policy allkeys-lru: a full Redis evicts queued events; set maxmemory-policy noeviction',
    ]);
  });

  it('says the settings could not be checked when CONFIG is refused', async () => {
    const warnings = await warningsOf(['--rename-command', 'CONFIG', '""']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^Redis persistence and eviction settings could not be checked \(CONFIG GET was refused\)/);
  });
});
