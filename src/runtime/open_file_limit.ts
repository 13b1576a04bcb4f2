// Reads the process's open-file limit (RLIMIT_NOFILE), which neither Deno nor Bun exposes.
import { readFileSync } from "node:fs";

/**
 * The soft open-file limit from /proc/self/limits (Linux), after any raise the runtime made at
 * start-up; undefined where that file does not exist (macOS) or says "unlimited".
 */
export function openFileLimit(): number | undefined {
  let text: string;
  try {
    text = readFileSync("/proc/self/limits", "utf8");
  } catch {
    return undefined;
  }
  const line = text.split("\n").find((l) => l.startsWith("Max open files"));
  const soft = line?.slice("Max open files".length).trim().split(/\s+/)[0];
  return soft !== undefined && /^\d+$/.test(soft) ? Number(soft) : undefined;
}
