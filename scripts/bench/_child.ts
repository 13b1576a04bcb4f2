// Spawns a script as a child process and waits for the stdout line that says it is ready.
import { type ChildProcess, spawn } from "node:child_process";
import { type Runtime, scriptCommand } from "./_runtimes.ts";

const ROOT = new URL("../../", import.meta.url).pathname;

/** A running child and what it printed. */
export interface Child {
  readonly process: ChildProcess;
  /** The first capture group of `ready` in the child's stdout. */
  readonly ready: string;
  output(): string;
  /** Sends SIGTERM and waits for the exit. */
  stop(): Promise<void>;
}

/** Runs `script` on `runtime` (cwd: the repo root) until `ready` matches its stdout, within `timeoutMs`. */
export function startChild(
  runtime: Runtime,
  script: string,
  args: string[],
  ready: RegExp,
  timeoutMs = 60_000,
): Promise<Child> {
  const [command, ...rest] = scriptCommand(runtime, script, args);
  const child = spawn(command, rest, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  let matched: string | undefined;
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return new Promise<Child>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGTERM");
      reject(new Error(`Cannot start ${script}: not ready in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Uint8Array) => {
      output += chunk.toString();
      // Keep only the tail: a long-running child may log for minutes.
      if (output.length > 65_536) output = output.slice(-32_768);
      const match = matched === undefined ? ready.exec(output) : null;
      if (!match) return;
      matched = match[1];
      clearTimeout(timer);
      resolve({
        process: child,
        ready: matched,
        output: () => output,
        stop: async () => {
          if (child.exitCode === null) child.kill("SIGTERM");
          await exited;
        },
      });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`Cannot start ${script}: it exited with ${code}:\n${output}`));
    });
  });
}

/** Runs `script` on `runtime` to completion and returns its stdout; rejects on a non-zero exit. */
export function runChild(runtime: Runtime, script: string, args: string[]): Promise<string> {
  const [command, ...rest] = scriptCommand(runtime, script, args);
  const child = spawn(command, rest, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Uint8Array) => stdout += chunk.toString());
  child.stderr!.on("data", (chunk: Uint8Array) => stderr += chunk.toString());
  return new Promise((resolve, reject) => {
    child.on("exit", (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`Cannot run ${script}: it exited with ${code}:\n${stderr}${stdout}`));
    });
  });
}
