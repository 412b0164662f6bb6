import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvError, loadEnvFile, parseEnv, parseEnvFile } from '@/lib/env';

describe('parseEnv', () => {
  it('starts with no configuration at all, against local Postgres and Redis', () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBe('postgresql://postgres@127.0.0.1:5432/braze_streaming');
    expect(env.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(env.PORT).toBe(3000);
    expect(env.ENCRYPTION_KEY).toBeUndefined();
    expect(env.ADMIN_PASSWORD).toBeUndefined();
    expect(env.BRAZE_CUSTOM_ENDPOINTS).toEqual([]);
  });

  it('runs 50 delivery jobs and 16 ingest jobs at once per worker by default', () => {
    expect(parseEnv({})).toMatchObject({ DELIVERY_CONCURRENCY: 50, INGEST_CONCURRENCY: 50 });
    expect(parseEnv({ INGEST_CONCURRENCY: '32' }).INGEST_CONCURRENCY).toBe(32);
  });

  it("limits the worker's V8 old space to 512 MB by default; 0 leaves V8's own limit", () => {
    expect(parseEnv({}).WORKER_MAX_OLD_SPACE_MB).toBe(512);
    expect(parseEnv({ WORKER_MAX_OLD_SPACE_MB: '0' }).WORKER_MAX_OLD_SPACE_MB).toBe(0);
    expect(() => parseEnv({ WORKER_MAX_OLD_SPACE_MB: '64' })).toThrow(/WORKER_MAX_OLD_SPACE_MB/);
  });

  it("limits the worker's V8 semi-spaces to 8 MB by default; 0 leaves V8's own limit", () => {
    expect(parseEnv({}).WORKER_MAX_SEMI_SPACE_MB).toBe(8);
    expect(parseEnv({ WORKER_MAX_SEMI_SPACE_MB: '0' }).WORKER_MAX_SEMI_SPACE_MB).toBe(0);
    expect(() => parseEnv({ WORKER_MAX_SEMI_SPACE_MB: '-1' })).toThrow(/WORKER_MAX_SEMI_SPACE_MB/);
  });

  it('takes a Redis Cluster by its nodes, with 6 partitions by default; one Redis keeps 1', () => {
    expect(parseEnv({})).toMatchObject({ REDIS_CLUSTER_NODES: [], QUEUE_PARTITIONS: 1, WORKER_PARTITIONS: [0] });
    const cluster = parseEnv({ REDIS_CLUSTER_NODES: '10.0.0.1:7000, redis-b:7001,[::1]:7002' });
    expect(cluster.REDIS_CLUSTER_NODES).toEqual(['10.0.0.1:7000', 'redis-b:7001', '[::1]:7002']);
    expect(cluster).toMatchObject({ QUEUE_PARTITIONS: 6, WORKER_PARTITIONS: [0, 1, 2, 3, 4, 5] });
    expect(parseEnv({ REDIS_CLUSTER_NODES: 'a:1', QUEUE_PARTITIONS: '12', WORKER_PARTITIONS: '0-2, 5,9-10' }).WORKER_PARTITIONS).toEqual([0, 1, 2, 5, 9, 10]);
    expect(() => parseEnv({ REDIS_CLUSTER_NODES: 'redis-a' })).toThrow(/REDIS_CLUSTER_NODES must be host:port entries/);
  });

  it('refuses REDIS_URL and REDIS_CLUSTER_NODES together, and partitions a worker cannot have', () => {
    expect(() => parseEnv({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_CLUSTER_NODES: '127.0.0.1:7000' })).toThrow(
      /REDIS_URL and REDIS_CLUSTER_NODES are both set; set REDIS_URL for one Redis or REDIS_CLUSTER_NODES for a Redis Cluster, not both/,
    );
    expect(parseEnv({ REDIS_URL: '', REDIS_CLUSTER_NODES: '127.0.0.1:7000' }).REDIS_CLUSTER_NODES).toEqual(['127.0.0.1:7000']);
    expect(() => parseEnv({ QUEUE_PARTITIONS: '4', WORKER_PARTITIONS: '2-4' })).toThrow(/WORKER_PARTITIONS must name partitions from 0 to 3 \(QUEUE_PARTITIONS is 4\)/);
    expect(() => parseEnv({ WORKER_PARTITIONS: 'first' })).toThrow(/WORKER_PARTITIONS must be partition numbers or ranges/);
    expect(() => parseEnv({ QUEUE_PARTITIONS: '0' })).toThrow(/QUEUE_PARTITIONS must be at least 1/);
  });

  it('treats empty secrets as absent and splits custom endpoints', () => {
    const env = parseEnv({ ENCRYPTION_KEY: '', ADMIN_PASSWORD: ' ', BRAZE_CUSTOM_ENDPOINTS: 'http://127.0.0.1:4010, https://proxy.example.com ,' });
    expect(env.ENCRYPTION_KEY).toBeUndefined();
    expect(env.ADMIN_PASSWORD).toBeUndefined();
    expect(env.BRAZE_CUSTOM_ENDPOINTS).toEqual(['http://127.0.0.1:4010', 'https://proxy.example.com']);
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://localhost/db'],
    ['REDIS_URL', 'not a url'],
    ['ENCRYPTION_KEY', 'c2hvcnQ='],
    ['ENCRYPTION_KEY_PREVIOUS', `${Buffer.alloc(32).toString('base64')},c2hvcnQ=`],
    ['ADMIN_PASSWORD', 'short'],
    ['ADMIN_EMAIL', 'nobody'],
    ['DEFAULT_PROJECT_API_KEY', 'has spaces in it!'],
    ['LOG_LEVEL', 'loud'],
    ['QUEUE_PREFIX', 'a b'],
    ['DELIVERY_MAX_RETRY_HOURS', '-1'],
    ['METRICS_TOKEN', 'too-short'],
    ['INGEST_CONCURRENCY', '0'],
    ['DELIVERY_CONCURRENCY', '1.5'],
  ])('a malformed %s is one sentence naming it and what it must be', (name, value) => {
    expect(() => parseEnv({ [name]: value })).toThrow(EnvError);
    expect(() => parseEnv({ [name]: value })).toThrow(new RegExp(`^Invalid configuration: ${name} must [^\\n]+\\.$`));
  });

  it.each([
    ['PORT', 'eighty', 'PORT must be a number'],
    ['PORT', '70000', 'PORT must be at most 65535'],
    ['DELIVERY_CONCURRENCY', '1.5', 'DELIVERY_CONCURRENCY must be a whole number'],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent'],
    ['ADMIN_EMAIL', 'nobody', 'ADMIN_EMAIL must be an email address'],
    ['DELIVERY_MAX_RETRY_HOURS', '-1', 'DELIVERY_MAX_RETRY_HOURS must be more than 0'],
  ])('says in words what %s=%s should be', (name, value, words) => {
    expect(() => parseEnv({ [name]: value })).toThrow(`Invalid configuration: ${words}.`);
  });

  it('names every wrong variable in one sentence, says which came from .env, and never repeats a value', () => {
    const secret = 'c2hvcnQtc2VjcmV0';
    let message = '';
    try {
      parseEnv({ PORT: 'x', ENCRYPTION_KEY: secret }, new Set(['ENCRYPTION_KEY']));
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toBe(
      'Invalid configuration: PORT must be a number; ENCRYPTION_KEY (set in .env) must be 32 bytes, base64-encoded (openssl rand -base64 32).',
    );
    expect(message).not.toContain(secret);
  });
});

describe('parseEnvFile', () => {
  it('reads NAME=value lines with comments, export, quotes and escapes', () => {
    const text = [
      '# a comment',
      '',
      'PORT=4000',
      'export LOG_LEVEL=debug',
      'HOST = 127.0.0.1   # inline comment',
      'ADMIN_PASSWORD="has # and \\"quotes\\""',
      "METRICS_TOKEN='literal \\n # kept'",
      'EMPTY=',
      'TRAILING=a#b',
      'PORT=4001',
    ].join('\r\n');
    expect(Object.fromEntries(parseEnvFile(text))).toEqual({
      PORT: '4001',
      LOG_LEVEL: 'debug',
      HOST: '127.0.0.1',
      ADMIN_PASSWORD: 'has # and "quotes"',
      METRICS_TOKEN: 'literal \\n # kept',
      EMPTY: '',
      TRAILING: 'a#b',
    });
  });

  it.each([
    ['PORT 3000', 2],
    ['1PORT=3000', 2],
    ['ADMIN_PASSWORD="unterminated', 2],
    ["TOKEN='a' b", 2],
  ])('a line that is not NAME=value (%s) is an error naming its line', (line, lineNo) => {
    expect(() => parseEnvFile(`PORT=1\n${line}\nHOST=x`)).toThrow(
      new EnvError(`Invalid configuration: line ${lineNo} of .env is not NAME=value (quotes must close on the same line).`),
    );
  });
});

describe('loadEnvFile', () => {
  const withFile = (text: string | null) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'env-'));
    const file = path.join(dir, '.env');
    if (text !== null) fs.writeFileSync(file, text);
    return file;
  };

  it('fills what the environment does not set; the environment wins, even when empty', () => {
    const target: Record<string, string | undefined> = { PORT: '5000', ADMIN_PASSWORD: '' };
    const taken = loadEnvFile(withFile('PORT=4000\nLOG_LEVEL=warn\nADMIN_PASSWORD=from-the-file-123\n'), target);
    expect(target).toEqual({ PORT: '5000', LOG_LEVEL: 'warn', ADMIN_PASSWORD: '' });
    expect([...taken]).toEqual(['LOG_LEVEL']);
    expect(parseEnv(target, taken).LOG_LEVEL).toBe('warn');
  });

  it('is no error when the file does not exist', () => {
    const target = {};
    expect(loadEnvFile(withFile(null), target).size).toBe(0);
    expect(target).toEqual({});
  });

  it('an unreadable file is an error naming it', () => {
    const dir = path.dirname(withFile(null));
    fs.mkdirSync(path.join(dir, '.env'));
    expect(() => loadEnvFile(path.join(dir, '.env'), {})).toThrow(/^Invalid configuration: .*\.env cannot be read \(EISDIR\)\.$/);
  });

  it('a malformed value in the file is reported as coming from .env', () => {
    const target: Record<string, string | undefined> = {};
    const taken = loadEnvFile(withFile('PORT=eighty\n'), target);
    expect(() => parseEnv(target, taken)).toThrow('Invalid configuration: PORT (set in .env) must be a number.');
  });
});
