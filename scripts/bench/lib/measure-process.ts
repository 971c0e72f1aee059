/**
 * Runs a command and measures it the way a build machine feels it: wall time, and the peak resident memory of the
 * whole process tree (the sum over every process in the command's process group or below it, sampled from /proc
 * every 100 ms). Where GNU time is installed (/usr/bin/time) the command runs under it as well, for CPU time and the
 * largest single process's peak.
 *
 * Summed RSS counts pages shared between processes once per process, so it is an upper bound of what the tree needs.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { readProcs, type ProcInfo } from './processes.ts';
import { ROOT } from './report.ts';

export interface Measured {
  command: string;
  exitCode: number | null;
  wallMs: number;
  /** Peak of the sum of RSS over the process tree. */
  peakTreeRssBytes: number;
  /** Peak RSS of the largest single process (GNU time's figure, else the sampled one). */
  peakProcessRssBytes: number;
  /** Most processes seen at once. */
  peakProcesses: number;
  userCpuS?: number;
  systemCpuS?: number;
  logFile: string;
  /** For each marker, when (ms after the start) a line of output matched it. */
  markers: Record<string, number[]>;
  /** The tree's RSS over time: the peak within each second, `[ms after the start, bytes]`, to tell which phase peaks. */
  timeline: [number, number][];
}

const GNU_TIME = '/usr/bin/time';

/** Processes in the group `pgid` or descended from `root` (a child that made its own group is still counted). */
function treeOf(procs: ProcInfo[], root: number, pgid: number): ProcInfo[] {
  const children = new Map<number, ProcInfo[]>();
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const seen = new Map<number, ProcInfo>();
  for (const p of procs) if (p.pgrp === pgid) seen.set(p.pid, p);
  const stack = procs.filter((p) => p.pid === root);
  while (stack.length) {
    const p = stack.pop()!;
    seen.set(p.pid, p);
    stack.push(...(children.get(p.pid) ?? []).filter((c) => !seen.has(c.pid)));
  }
  return [...seen.values()];
}

export async function runMeasured(
  command: string,
  args: string[],
  options: {
    cwd: string;
    env?: Record<string, string | undefined>;
    logFile: string;
    intervalMs?: number;
    markers?: Record<string, RegExp>;
  },
): Promise<Measured> {
  await mkdir(path.dirname(options.logFile), { recursive: true });
  const timeFile = `${options.logFile}.time`;
  await rm(timeFile, { force: true });
  const useTime = existsSync(GNU_TIME);
  const [cmd, argv] = useTime ? [GNU_TIME, ['-v', '-o', timeFile, command, ...args]] : [command, args];
  const log = createWriteStream(options.logFile);
  const started = performance.now();
  const child = spawn(cmd, argv, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so every process it starts can be found (and stopped) together.
    detached: true,
  });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const markers: Record<string, number[]> = Object.fromEntries(Object.keys(options.markers ?? {}).map((k) => [k, []]));
  const watch = (stream: NodeJS.ReadableStream) => {
    let pending = '';
    stream.on('data', (chunk: Buffer) => {
      const at = performance.now() - started;
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines)
        for (const [name, re] of Object.entries(options.markers ?? {})) if (re.test(line)) markers[name]!.push(at);
    });
  };
  watch(child.stdout);
  watch(child.stderr);
  const pgid = child.pid!;
  let peakTree = 0;
  let peakOne = 0;
  let peakProcesses = 0;
  const timeline: [number, number][] = [];
  const sample = () => {
    const tree = treeOf(readProcs(), pgid, pgid).filter((p) => p.rssBytes > 0);
    const sum = tree.reduce((s, p) => s + p.rssBytes, 0);
    peakTree = Math.max(peakTree, sum);
    const second = Math.floor((performance.now() - started) / 1000) * 1000;
    const last = timeline.at(-1);
    if (last?.[0] === second) last[1] = Math.max(last[1], sum);
    else timeline.push([second, sum]);
    peakOne = Math.max(peakOne, ...tree.map((p) => p.rssBytes));
    peakProcesses = Math.max(peakProcesses, tree.length);
  };
  const timer = setInterval(sample, options.intervalMs ?? 100);
  // Ctrl-C stops the whole build with us, not just the process at the top of its tree.
  const stop = () => {
    try {
      process.kill(-pgid, 'SIGTERM');
    } catch {
      // already gone
    }
    process.exit(130);
  };
  process.once('SIGINT', stop);
  const exitCode = await new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const wallMs = performance.now() - started;
  clearInterval(timer);
  process.off('SIGINT', stop);
  await new Promise((r) => log.end(r));

  const measured: Measured = {
    command: [command, ...args].join(' '),
    exitCode,
    wallMs,
    peakTreeRssBytes: peakTree,
    peakProcessRssBytes: peakOne,
    peakProcesses,
    logFile: path.relative(ROOT, options.logFile),
    markers,
    timeline,
  };
  if (useTime && existsSync(timeFile)) {
    const text = readFileSync(timeFile, 'utf8');
    const num = (re: RegExp) => Number(re.exec(text)?.[1] ?? NaN);
    const maxRssKb = num(/Maximum resident set size \(kbytes\): (\d+)/);
    if (Number.isFinite(maxRssKb)) measured.peakProcessRssBytes = Math.max(peakOne, maxRssKb * 1024);
    measured.userCpuS = num(/User time \(seconds\): ([\d.]+)/);
    measured.systemCpuS = num(/System time \(seconds\): ([\d.]+)/);
  }
  return measured;
}

/** The size and number of the files under a folder (0 when it does not exist). */
export function folderSize(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  if (!existsSync(dir)) return { bytes, files };
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    try {
      bytes += statSync(path.join(entry.parentPath, entry.name)).size;
      files += 1;
    } catch {
      // removed while we counted
    }
  }
  return { bytes, files };
}
