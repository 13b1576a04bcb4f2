// Which runtime runs this process, its version, and the command that runs a script on Deno or Bun.
import { execFileSync } from "node:child_process";
import process from "node:process";

/** The runtimes the benchmark runs on. */
export type Runtime = "deno" | "bun";

/** How to ask the pinned npm release of each runtime where its executable is. */
const LOCATE: Record<Runtime, string[]> = {
  deno: ["--yes", "deno@2.9.6", "eval", "console.log(Deno.execPath())"],
  bun: ["--yes", "bun@1.4.5", "-e", "console.log(process.execPath)"],
};

/** The runtime executing this process. */
export const currentRuntime: Runtime = "Deno" in globalThis ? "deno" : "bun";

const executables = new Map<Runtime, string>([[currentRuntime, process.execPath]]);

/** "deno 2.9.6" or "bun 1.4.5": the version of the runtime executing this process. */
export function runtimeVersion(): string {
  const versions = process.versions as Record<string, string | undefined>;
  return `${currentRuntime} ${versions[currentRuntime] ?? "?"}`;
}

/** The argv that runs `script` on `runtime`; the other runtime's executable is found once through npx, so signals reach the child itself. */
export function scriptCommand(runtime: Runtime, script: string, args: string[]): string[] {
  let executable = executables.get(runtime);
  if (!executable) {
    executable = execFileSync("npx", LOCATE[runtime], { encoding: "utf8" }).trim();
    executables.set(runtime, executable);
  }
  return [executable, ...(runtime === "deno" ? ["run", "-A"] : []), script, ...args];
}
