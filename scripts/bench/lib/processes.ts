/**
 * The machine's processes as Linux's /proc shows them, for the benchmarks that measure a process tree: its memory
 * (measure-process.ts) or its CPU time and Chromium's renderers (coop-cost.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';

const PAGE_BYTES = 4096;
/** USER_HZ: /proc/<pid>/stat counts CPU time in hundredths of a second. */
const TICK_MS = 10;

export interface ProcInfo {
  pid: number;
  ppid: number;
  pgrp: number;
  rssBytes: number;
  /** User and system time so far. */
  cpuMs: number;
  /** The command line, its arguments joined by NUL. */
  cmdline: string;
}

export function readProcs(): ProcInfo[] {
  const out: ProcInfo[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name is in parentheses and may contain spaces: fields start after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.push({
        pid: Number(name),
        ppid: Number(fields[1]),
        pgrp: Number(fields[2]),
        rssBytes: Number(fields[21]) * PAGE_BYTES,
        cpuMs: (Number(fields[11]) + Number(fields[12])) * TICK_MS,
        cmdline: readFileSync(`/proc/${name}/cmdline`, 'utf8'),
      });
    } catch {
      // the process ended while we read it
    }
  }
  return out;
}
