// A process's resident memory and open file descriptors, from Linux /proc.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";

/** RSS in MiB, the number of open file descriptors and the CPU time used so far by `pid`. */
export interface ProcStats {
  rssMiB: number;
  fds: number;
  /** User + system CPU time in ms (Linux clock ticks, assumed 100 per second). */
  cpuMs: number;
}

const TICK_MS = 10;

/** Reads /proc/<pid>/status (VmRSS) and /proc/<pid>/stat, and counts /proc/<pid>/fd. */
export function procStats(pid: number): ProcStats {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const rssKb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? NaN);
  // Fields after the command's closing parenthesis: state is field 3, utime 14, stime 15.
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const cpuMs = (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  return { rssMiB: rssKb / 1024, fds: readdirSync(`/proc/${pid}/fd`).length, cpuMs };
}

/** The open descriptors of `pid` by kind (socket, pipe, anon_inode:[eventfd], file paths ...). */
export function fdKinds(pid: number): Record<string, number> {
  const kinds: Record<string, number> = {};
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    let link: string;
    try {
      link = readlinkSync(`/proc/${pid}/fd/${fd}`);
    } catch {
      continue; // closed while we looked
    }
    const kind = link.replace(/:\[\d+\]$/, "").replace(/^anon_inode:/, "anon:");
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  }
  return kinds;
}

/**
 * Each thread's CPU time in ms (/proc/<pid>/task/<tid>/stat), busiest first: with worker threads
 * the busiest one bounds the wall time of work spread over them on an idle machine.
 */
export function threadCpuMs(pid: number): { name: string; cpuMs: number }[] {
  const threads: { name: string; cpuMs: number }[] = [];
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
    } catch {
      continue; // ended while we looked
    }
    const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    threads.push({ name, cpuMs: (Number(fields[11]) + Number(fields[12])) * TICK_MS });
  }
  return threads.sort((a, b) => b.cpuMs - a.cpuMs);
}

/** The calling thread's user + system CPU time in ms (clock ticks of 10 ms: measure long spans). */
export function callingThreadCpuMs(): number {
  const stat = readFileSync("/proc/thread-self/stat", "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}
