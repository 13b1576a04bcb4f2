// Child processes of the scale benchmark: spawned through `sh -c 'ulimit -n ...; exec ...'` so
// they get as many file descriptors as the hard limit allows, with their output read line by line.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { type Runtime, scriptCommand } from "./_runtimes.ts";

const ROOT = new URL("../../", import.meta.url).pathname;

/** The soft fd limit asked for; above the hard limit (not raisable without CAP_SYS_RESOURCE) the hard limit is used. */
export const WANTED_FDS = 65_535;

// `exec` keeps the pid, so /proc/<pid> of the spawned process is the runtime itself.
const RAISE_FDS = `ulimit -n ${WANTED_FDS} 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$@"`;

const live = new Set<ScaleChild>();

/** SIGKILLs every child still running (for an interrupted benchmark). */
export function killScaleChildren(): void {
  for (const child of live) child.process.kill("SIGKILL");
}

/** A running child: its pid, its output lines as they come, and a way to stop it. */
export interface ScaleChild {
  readonly process: ChildProcess;
  readonly pid: number;
  /** Resolves with the first capture group of the first stdout/stderr line matching `pattern`. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<string>;
  /** Writes one line to the child's stdin. */
  send(line: string): void;
  /** The last 64 KB the child printed. */
  output(): string;
  readonly exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves on exit. */
  stop(graceMs?: number): Promise<void>;
}

/** Spawns `script` on `runtime` with a raised fd limit (cwd: the repo root). */
export function spawnScaleChild(runtime: Runtime, script: string, args: string[]): ScaleChild {
  return spawnScaleCommand(scriptCommand(runtime, script, args));
}

/** Spawns `argv` (e.g. the compiled fkas binary) with a raised fd limit (cwd: the repo root). */
export function spawnScaleCommand(argv: string[]): ScaleChild {
  const script = argv.find((arg) => arg.endsWith(".ts")) ?? argv[0];
  const child = spawn("sh", ["-c", RAISE_FDS, "sh", ...argv], {
    cwd: ROOT,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  const recent: string[] = []; // lines not yet claimed by a waiter, the last 200
  let partial = "";
  const waiters: { pattern: RegExp; resolve: (value: string) => void }[] = [];
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const onData = (chunk: Uint8Array) => {
    const text = chunk.toString();
    output += text;
    if (output.length > 65_536) output = output.slice(-32_768);
    const parts = (partial + text).split("\n");
    partial = parts.pop()!;
    for (const line of parts) {
      const i = waiters.findIndex((w) => w.pattern.test(line));
      if (i < 0) {
        recent.push(line);
        if (recent.length > 200) recent.shift();
        continue;
      }
      const match = waiters[i].pattern.exec(line)!;
      waiters[i].resolve(match[1] ?? match[0]);
      waiters.splice(i, 1);
    }
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  child.stdin!.on("error", () => {});
  const handle: ScaleChild = {
    process: child,
    pid: child.pid!,
    exited,
    output: () => output,
    send: (line) => void child.stdin!.write(`${line}\n`),
    waitFor: (pattern, timeoutMs) =>
      new Promise((resolve, reject) => {
        const seen = recent.findIndex((line) => pattern.test(line));
        if (seen >= 0) {
          const match = pattern.exec(recent.splice(seen, 1)[0])!;
          return resolve(match[1] ?? match[0]);
        }
        const timer = setTimeout(() => {
          reject(
            new Error(
              `Cannot wait for ${pattern} from ${script}: ${timeoutMs} ms passed:\n${
                output.slice(-4000)
              }`,
            ),
          );
        }, timeoutMs);
        waiters.push({
          pattern,
          resolve: (value) => {
            clearTimeout(timer);
            resolve(value);
          },
        });
        exited.then((code) => {
          clearTimeout(timer);
          reject(
            new Error(
              `Cannot wait for ${pattern}: ${script} exited with ${code}:\n${output.slice(-4000)}`,
            ),
          );
        });
      }),
    stop: async (graceMs = 10_000) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
  live.add(handle);
  exited.then(() => live.delete(handle));
  return handle;
}

/** The soft "Max open files" limit of `pid`, from /proc/<pid>/limits. */
export function fdLimit(pid: number): number {
  const limits = readFileSync(`/proc/${pid}/limits`, "utf8");
  return Number(/^Max open files\s+(\d+)/m.exec(limits)?.[1] ?? NaN);
}
