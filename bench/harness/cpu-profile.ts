/**
 * Summarizes a V8 CPU profile (`node --cpu-prof`) of a product process: where its CPU time went
 * while load was applied, by area (our folders, each dependency, Node internals, GC) and by
 * function. Only samples inside the measured windows count when windows are given; V8 stamps
 * samples with the monotonic clock that `process.hrtime` also reads, so windows taken in the
 * benchmark process line up with the profile.
 */
import fs from 'node:fs';
import path from 'node:path';
import { formatNumber, renderTable } from '@/bench/harness/table';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface TimeShare {
  name: string;
  ms: number;
  /** Of busy (non-idle) time. */
  percent: number;
}

export interface ProfileSummary {
  file: string;
  /** Busy and idle time of the main thread in the windows. */
  busyMs: number;
  idleMs: number;
  /** False when no sample fell inside the windows and the whole profile was used. */
  windowed: boolean;
  selfByArea: TimeShare[];
  inclusiveByArea: TimeShare[];
  topSelf: TimeShare[];
  topInclusiveOwn: TimeShare[];
}

/** A measured window, in `process.hrtime.bigint()` nanoseconds. */
export type Window = [bigint, bigint];

const ROOT = process.cwd();
/** A Map, so a function named e.g. `constructor` does not find Object's members. */
const SPECIAL = new Map([
  ['(garbage collector)', 'GC'],
  ['(program)', 'native (program)'],
  ['(idle)', 'idle'],
  ['(root)', 'root'],
]);

function relativeUrl(url: string): string {
  const file = url.startsWith('file://') ? decodeURIComponent(url.slice('file://'.length)) : url;
  const nodeModules = file.lastIndexOf('/node_modules/');
  if (nodeModules !== -1) return file.slice(nodeModules + 1);
  return file.startsWith(ROOT) ? path.relative(ROOT, file) : file;
}

export function areaOf(frame: CallFrame): string {
  const special = SPECIAL.get(frame.functionName);
  if (special) return special;
  if (frame.url === '') return 'V8 builtins (JSON, RegExp, …)';
  if (frame.url.startsWith('node:')) return 'Node.js internals';
  const file = relativeUrl(frame.url);
  const pkg = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (pkg) return pkg[1]!;
  // The compiled app and worker (dist/, as `npm start` runs them) count under their source folders.
  const parts = file.split('/');
  if (parts[0] === 'dist' && parts.length > 1) parts.shift();
  return parts[0] === 'lib' && parts.length > 2 ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

/** Our folders and dependencies, as opposed to Node internals, V8 builtins, GC and markers. */
function isCodeArea(area: string): boolean {
  return area !== 'Node.js internals' && !area.startsWith('V8 builtins') && ![...SPECIAL.values()].includes(area);
}

function isOwnCode(area: string): boolean {
  return area.startsWith('lib/') || area === 'server.ts' || area === 'worker';
}

function labelOf(frame: CallFrame): string {
  if (SPECIAL.has(frame.functionName)) return frame.functionName;
  const name = frame.functionName || '(anonymous)';
  if (frame.url === '') return `${name} [builtin]`;
  // Modules compiled by tsx report line 0 for every function; a line is only shown when known.
  return frame.lineNumber > 0 ? `${name} ${relativeUrl(frame.url)}:${frame.lineNumber + 1}` : `${name} ${relativeUrl(frame.url)}`;
}

function toShares(times: Map<string, number>, busyUs: number, limit = Infinity, restLabel?: string): TimeShare[] {
  const sorted = [...times.entries()].sort((a, b) => b[1] - a[1]);
  const shown = sorted.slice(0, limit);
  const rest = sorted.slice(limit).reduce((sum, [, us]) => sum + us, 0);
  if (restLabel && rest > 0) shown.push([restLabel, rest]);
  return shown.map(([name, us]) => ({ name, ms: Math.round(us / 1000), percent: Math.round((us / busyUs) * 1000) / 10 }));
}

const add = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us);

export function summarizeCpuProfile(file: string, windows: Window[] = []): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

  const stackOf = (id: number): ProfileNode[] => {
    const stack: ProfileNode[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) stack.push(byId.get(at)!);
    return stack;
  };

  // Each sample lasts until the next one.
  const stamps: number[] = [];
  let t = profile.startTime;
  for (const delta of profile.timeDeltas) stamps.push((t += delta));
  const windowsUs = windows.map(([from, to]) => [Number(from / 1000n), Number(to / 1000n)] as const);
  const inWindow = (us: number) => windowsUs.some(([from, to]) => us >= from && us <= to);
  const windowed = windowsUs.length > 0 && stamps.some(inWindow);

  const selfByArea = new Map<string, number>();
  const inclusiveByArea = new Map<string, number>();
  const selfByFunction = new Map<string, number>();
  const inclusiveOwn = new Map<string, number>();
  let busyUs = 0;
  let idleUs = 0;
  for (let i = 0; i < profile.samples.length - 1; i++) {
    if (windowed && !inWindow(stamps[i]!)) continue;
    const us = stamps[i + 1]! - stamps[i]!;
    const stack = stackOf(profile.samples[i]!);
    const leaf = stack[0]!.callFrame;
    if (leaf.functionName === '(idle)') {
      idleUs += us;
      continue;
    }
    busyUs += us;
    add(selfByArea, areaOf(leaf), us);
    // A builtin (JSON.parse, …) is named with the nearest JavaScript caller, which says whose cost it is.
    const caller = leaf.url === '' && !SPECIAL.has(leaf.functionName) ? stack.find((n) => n.callFrame.url !== '') : undefined;
    add(selfByFunction, caller ? `${labelOf(leaf)} ← ${labelOf(caller.callFrame)}` : labelOf(leaf), us);
    const areas = new Set<string>();
    const own = new Set<string>();
    for (const node of stack) {
      const area = areaOf(node.callFrame);
      areas.add(area);
      if (isOwnCode(area)) own.add(labelOf(node.callFrame));
    }
    for (const area of areas) add(inclusiveByArea, area, us);
    for (const label of own) add(inclusiveOwn, label, us);
  }
  // Node's internals and builtins sit under almost every stack; their inclusive time says nothing.
  for (const area of [...inclusiveByArea.keys()]) if (!isCodeArea(area)) inclusiveByArea.delete(area);
  return {
    file,
    busyMs: Math.round(busyUs / 1000),
    idleMs: Math.round(idleUs / 1000),
    windowed,
    selfByArea: toShares(selfByArea, busyUs, 14, '(everything else)'),
    inclusiveByArea: toShares(inclusiveByArea, busyUs, 12),
    topSelf: toShares(selfByFunction, busyUs, 25),
    topInclusiveOwn: toShares(inclusiveOwn, busyUs, 20),
  };
}

function shareTable(title: string, shares: TimeShare[]): string {
  const rows = shares.map((s) => [s.name, formatNumber(s.ms), `${s.percent.toFixed(1)} %`]);
  return `${title}\n${renderTable([{ header: 'where', align: 'left' }, { header: 'ms' }, { header: 'busy' }], rows)}`;
}

export function renderProfileSummary(summary: ProfileSummary): string {
  const total = summary.busyMs + summary.idleMs;
  const idle = total > 0 ? Math.round((summary.idleMs / total) * 1000) / 10 : 0;
  return [
    `CPU profile of the app: ${summary.file}`,
    `${summary.windowed ? 'Samples while load was applied' : 'All samples (startup included)'}: ` +
      `${formatNumber(summary.busyMs)} ms busy, main thread idle ${idle} % of the time. Shares are of busy time.`,
    '',
    shareTable('Self time by area', summary.selfByArea),
    '',
    shareTable('Inclusive time by area (our folders and dependencies; the area is anywhere on the stack)', summary.inclusiveByArea),
    '',
    shareTable('Functions by self time (builtins named with their caller)', summary.topSelf),
    '',
    shareTable('Own functions by inclusive time', summary.topInclusiveOwn),
  ].join('\n');
}

/** Self time by area side by side for parts of one profile (e.g. one column per variant). */
export function renderAreaComparison(parts: { label: string; summary: ProfileSummary }[]): string {
  const areas = new Map<string, number>();
  for (const { summary } of parts) for (const share of summary.selfByArea) areas.set(share.name, (areas.get(share.name) ?? 0) + share.ms);
  const order = [...areas.entries()].sort((a, b) => b[1] - a[1]).map(([name]) => name);
  const rows = order.map((area) => [
    area,
    ...parts.map(({ summary }) => {
      const share = summary.selfByArea.find((s) => s.name === area);
      return share ? `${share.percent.toFixed(1)} %` : '–';
    }),
  ]);
  const columns = [{ header: 'self time by area', align: 'left' as const }, ...parts.map((p) => ({ header: p.label }))];
  return renderTable(columns, rows);
}
