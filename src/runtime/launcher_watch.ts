// Notices when the chain of launchers above fkas (npm exec, sh, bun run) is gone, on Linux.
//
// `npx bun run start` gives npm exec → sh -c → bun run → fkas. SIGTERM to npm exec's PID reaches
// sh, and sh dies without passing it on: bun run is reparented and fkas keeps serving (what CI
// runners see when they stop a step by PID). No exec or forwarding above fkas can fix a shell
// that is not ours, so fkas watches its parent and its parent's parent from below and stops when
// either is replaced. Only Linux has /proc; elsewhere the watch is a no-op.
import { readFileSync } from "node:fs";
import process from "node:process";

/** The parent process id of `pid` from /proc, or undefined when unreadable. */
function parentOf(pid: number | "self"): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses: fields resume after the last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ppid = Number(fields[1]);
    return Number.isInteger(ppid) ? ppid : undefined;
  } catch {
    return undefined;
  }
}

/** This process's parent and grandparent ids, e.g. `[bun run, sh]`; empty where /proc is absent. */
export function launcherChain(): number[] {
  const parent = parentOf("self");
  if (parent === undefined) return [];
  const grandparent = parent > 1 ? parentOf(parent) : undefined;
  return grandparent === undefined ? [parent] : [parent, grandparent];
}

/**
 * Calls `onGone` once when the parent or grandparent process is replaced (reparenting), polling
 * every `intervalMs`; the timer does not keep the process alive. Returns a function that stops.
 */
export function onLauncherGone(onGone: () => void, intervalMs = 500): () => void {
  const start = launcherChain();
  if (start.length === 0) return () => {};
  const timer = setInterval(() => {
    const now = launcherChain();
    if (now.length === start.length && now.every((pid, i) => pid === start[i])) return;
    clearInterval(timer);
    onGone();
  }, intervalMs);
  (timer as { unref?: () => void }).unref?.();
  return () => clearInterval(timer);
}

/** True when a package manager script (`npm start`, `bun run start`, `npx`) launched fkas. */
export function startedByPackageScript(): boolean {
  return process.env.npm_lifecycle_event !== undefined;
}
