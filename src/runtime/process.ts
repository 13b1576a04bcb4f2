// The process itself: arguments, environment, standard streams, signals, exit and memory.
import { hostname } from "node:os";
import process from "node:process";

/** The command-line arguments after the program (and script) name. */
export function commandLineArgs(): string[] {
  return process.argv.slice(2);
}

/** A snapshot of the environment variables. */
export function environment(): Record<string, string | undefined> {
  return { ...process.env };
}

/** True when standard output is a terminal (so colours and tables are welcome). */
export function stdoutIsTerminal(): boolean {
  return process.stdout.isTTY === true;
}

/** Writes text to standard output as is. */
export function writeStdout(text: string): void {
  process.stdout.write(text);
}

/** Writes text to standard error as is. */
export function writeStderr(text: string): void {
  process.stderr.write(text);
}

/** Calls `handler` with the signal name on SIGINT or SIGTERM; returns a function that stops listening. */
export function onShutdownSignal(handler: (signal: string) => void): () => void {
  const signals = ["SIGINT", "SIGTERM"] as const;
  for (const signal of signals) process.on(signal, handler);
  return () => {
    for (const signal of signals) process.off(signal, handler);
  };
}

/** Ends the process with `code`. */
export function exitProcess(code: number): never {
  process.exit(code);
}

/** The resident set size of the process, in bytes. */
export function residentMemoryBytes(): number {
  return process.memoryUsage().rss;
}

/** CPU time (user and system) this process has used so far, in seconds. */
export function processCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** This process's id (logged at start so that scripts can stop fkas by PID). */
export function processId(): number {
  return process.pid;
}

/** The machine's host name (in a pod: the pod's name, which ends in a StatefulSet's ordinal). */
export function hostName(): string {
  return hostname();
}
