import { describe, expect, it } from 'vitest';
import { describeConnectionError, isConnectionError, OutageLog, redactUrl } from '@/lib/health/outage-log';

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' });

describe('redactUrl', () => {
  it.each([
    ['redis://:hunter2@cache:6379', 'redis://cache:6379'],
    ['postgresql://app:s3cret@db:5432/braze', 'postgresql://app@db:5432/braze'],
    ['postgresql://postgres@127.0.0.1:5432/braze', 'postgresql://postgres@127.0.0.1:5432/braze'],
    ['not a url', '(malformed URL)'],
    ['10.0.0.1:7000,redis-b:7001,[::1]:7002', '10.0.0.1:7000,redis-b:7001,[::1]:7002'],
  ])('%s → %s', (url, shown) => {
    expect(redactUrl(url)).toBe(shown);
  });
});

describe('connection errors', () => {
  it.each([
    [refused, true, 'connection refused'],
    [new Error('getaddrinfo ENOTFOUND cache'), true, 'unknown host'],
    [new Error("Raw query failed. Code: `N/A`. Message: `Can't reach database server at 127.0.0.1:5999`"), true, "Can't reach database server"],
    [new Error('Reached the max retries per request limit (which is 1).'), true, 'max retries per request limit'],
    [new Error('relation "syncs" does not exist'), false, 'relation "syncs" does not exist'],
  ])('%s', (err, connection, reason) => {
    expect(isConnectionError(err)).toBe(connection);
    expect(describeConnectionError(err)).toBe(reason);
  });
});

describe('OutageLog', () => {
  it('reports at most once per 10 s however often connections fail, then once when back', () => {
    let now = 0;
    const lines: string[] = [];
    const outage = new OutageLog('Redis', 'redis://:pw@cache:6379', () => now, (_level, line) => lines.push(`${now} ${line}`));
    // Twenty failures a second for 25 s, as ioredis' reconnection attempts of several connections.
    for (; now <= 25_000; now += 50) outage.failed(refused);
    outage.reachable();
    expect(lines).toEqual([
      '0 Redis at redis://cache:6379 is unreachable (connection refused); this process waits for it',
      '10000 Redis at redis://cache:6379 is unreachable (connection refused) for 10 s; this process waits for it',
      '20000 Redis at redis://cache:6379 is unreachable (connection refused) for 20 s; this process waits for it',
      '25050 Redis at redis://cache:6379 is reachable again after 25 s',
    ]);
    expect(outage.isDown).toBe(false);
  });

  it('says nothing when the dependency was never away', () => {
    const lines: string[] = [];
    new OutageLog('Postgres', 'postgresql://db/x', Date.now, (_l, line) => lines.push(line)).reachable();
    expect(lines).toEqual([]);
  });
});
