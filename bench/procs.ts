/** Process memory from /proc (Linux): the bench's servers run as small process trees (launcher → server). */
import { readdirSync, readFileSync } from 'node:fs';

function children(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
      readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

function rssKiB(pid: number): number {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

export interface TreeMemory {
  /** The largest process of the tree: the server itself (launchers are small). */
  serverMB: number;
  /** Every process of the tree together (launcher included). */
  treeMB: number;
}

/** A process and all its descendants. */
function tree(root: number): number[] {
  const pids = [root];
  for (let i = 0; i < pids.length; i++) pids.push(...children(pids[i]!));
  return pids;
}

export function treeMemory(root: number): TreeMemory {
  const rss = tree(root).map(rssKiB);
  return { serverMB: Math.max(0, ...rss) / 1024, treeMB: rss.reduce((a, b) => a + b, 0) / 1024 };
}

/** The 1-minute load average and the CPU count, as the report states them. */
export function machineLoad(): number {
  return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
}

/** CPU time (user + system, ms) used so far by a process and its descendants; 10 ms resolution. */
export function treeCpuMs(root: number): number {
  let ticks = 0;
  for (const pid of tree(root)) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone
    }
  }
  return ticks * 10;
}
