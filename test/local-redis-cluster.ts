/**
 * A Redis Cluster of the test's own on loopback: `masters` redis-server processes started with
 * `--cluster-enabled yes` in a temporary directory, joined with `redis-cli --cluster create`
 * (no replicas), and handed over once every node reports `cluster_state:ok`. Each node gets its
 * client port and its cluster bus port (`--cluster-port`) picked free, so no fixed port range is
 * assumed. The machine's shared Redis is never touched; `stop()` ends every node and removes the
 * directory, and nodes still running when the test process exits are killed with it. Used by
 * the integration tests (test/redis-cluster.ts) and the delivery benchmark; no test runner needed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@/test/free-port';
import { waitFor } from '@/test/processes';

const HOST = '127.0.0.1';
/** A node failing for this long is marked failed by the others; short, as nothing fails on purpose. */
const NODE_TIMEOUT_MS = 5_000;
export const READY_TIMEOUT_MS = 30_000;

export interface RedisClusterNode {
  host: string;
  port: number;
}

export interface RedisCluster {
  nodes: RedisClusterNode[];
  /** `host:port,host:port,…` of every master, as a cluster setting takes them. */
  nodeList: string;
  /** The nodes' process ids (their CPU, for the benchmark). */
  pids: number[];
  /** redis-cli against one node (`-c` follows redirections to the node owning a key). */
  cli: (port: number, ...args: string[]) => string;
  /** SIGKILLs one node, as a crash would, and resolves once it is gone. */
  kill: (port: number) => Promise<void>;
  /** Starts a killed node again on its port, directory and cluster config (its slots). */
  restart: (port: number) => Promise<void>;
  stop: () => Promise<void>;
}

interface RunningNode extends RedisClusterNode {
  child: ChildProcess;
}

function cliAt(port: number, args: string[]): string {
  const result = spawnSync('redis-cli', ['-h', HOST, '-p', String(port), ...args], { encoding: 'utf8', timeout: 60_000 });
  if (result.error) throw result.error;
  return `${result.stdout}${result.stderr}`.trim();
}

/** Ports nothing listens on, all different (a node needs two: clients and the cluster bus). */
async function distinctFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

/** With `persistent`, every write is in the node's append-only file before it answers. */
function startNode(dir: string, port: number, busPort: number, persistent: boolean): RunningNode {
  const nodeDir = path.join(dir, String(port));
  fs.mkdirSync(nodeDir, { recursive: true });
  const persistence = persistent ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no'];
  const child = spawn(
    'redis-server',
    [
      '--port', String(port), '--cluster-port', String(busPort), '--bind', HOST,
      '--cluster-enabled', 'yes', '--cluster-config-file', path.join(nodeDir, 'nodes.conf'), '--cluster-node-timeout', String(NODE_TIMEOUT_MS),
      '--dir', nodeDir, '--save', '', ...persistence, '--maxmemory-policy', 'noeviction', '--daemonize', 'no',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return { host: HOST, port, child };
}

const alive = (node: RunningNode) => node.child.exitCode === null && node.child.signalCode === null;

async function stopNodes(nodes: RunningNode[]): Promise<void> {
  await Promise.all(
    nodes.filter(alive).map(
      (node) =>
        new Promise<void>((resolve) => {
          node.child.once('exit', () => resolve());
          node.child.kill('SIGTERM');
        }),
    ),
  );
}

export async function startRedisCluster(opts: { masters?: number; persistent?: boolean } = {}): Promise<RedisCluster> {
  const masters = opts.masters ?? 3;
  const persistent = opts.persistent ?? false;
  if (masters < 3) throw new Error(`a Redis Cluster needs at least 3 masters, not ${masters}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bzs-redis-cluster-'));
  const ports = await distinctFreePorts(masters * 2);
  const nodes = Array.from({ length: masters }, (_, i) => startNode(dir, ports[i]!, ports[masters + i]!, persistent));
  const killOnExit = () => nodes.filter(alive).forEach((node) => node.child.kill('SIGKILL'));
  process.once('exit', killOnExit);

  const stop = async () => {
    process.off('exit', killOnExit);
    await stopNodes(nodes);
    fs.rmSync(dir, { recursive: true, force: true });
  };

  const answering = (node: RunningNode) =>
    waitFor(
      () => {
        if (!alive(node)) throw new Error(`redis-server on port ${node.port} exited (${node.child.exitCode})`);
        return cliAt(node.port, ['ping']) === 'PONG';
      },
      { what: `redis-server on port ${node.port}`, timeoutMs: READY_TIMEOUT_MS },
    );
  const clusterOk = (node: RedisClusterNode) =>
    waitFor(
      () => {
        const info = cliAt(node.port, ['cluster', 'info']);
        return /cluster_state:ok/.test(info) && /cluster_slots_assigned:16384/.test(info) && new RegExp(`cluster_known_nodes:${masters}\\b`).test(info);
      },
      { what: `cluster_state:ok on port ${node.port}`, timeoutMs: READY_TIMEOUT_MS },
    );
  const nodeAt = (port: number) => {
    const index = nodes.findIndex((n) => n.port === port);
    if (index < 0) throw new Error(`no node of this cluster listens on ${port}`);
    return index;
  };

  try {
    for (const node of nodes) await answering(node);
    const create = spawnSync('redis-cli', ['--cluster', 'create', ...nodes.map((n) => `${n.host}:${n.port}`), '--cluster-replicas', '0', '--cluster-yes'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (create.status !== 0) throw new Error(`redis-cli --cluster create failed (${create.status ?? create.signal}):\n${create.stdout}${create.stderr}`);
    // Every node must know the whole slot map, not only the one the creation talked to last.
    for (const node of nodes) await clusterOk(node);
  } catch (err) {
    await stop();
    throw err;
  }

  return {
    nodes: nodes.map(({ host, port }) => ({ host, port })),
    nodeList: nodes.map((n) => `${n.host}:${n.port}`).join(','),
    pids: nodes.map((n) => n.child.pid!),
    cli: (port, ...args) => cliAt(port, args),
    kill: async (port) => {
      const node = nodes[nodeAt(port)]!;
      if (!alive(node)) return;
      await new Promise<void>((resolve) => {
        node.child.once('exit', () => resolve());
        node.child.kill('SIGKILL');
      });
    },
    restart: async (port) => {
      const index = nodeAt(port);
      if (alive(nodes[index]!)) throw new Error(`the node on ${port} is still running`);
      nodes[index] = startNode(dir, port, ports[masters + index]!, persistent);
      await answering(nodes[index]!);
      for (const node of nodes) await clusterOk(node);
    },
    stop,
  };
}

