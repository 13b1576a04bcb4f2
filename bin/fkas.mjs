#!/usr/bin/env node
// The `fkas` command of the npm package: runs main.ts on Bun (fkas's default runtime), fetching Bun via
// npx when it is not installed, so `npx fkas` and `bunx fkas` both work.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import process from "node:process";

const main = fileURLToPath(new URL("../main.ts", import.meta.url));
const BUN = "bun@1.4.5";

if (process.versions.bun) {
  await import(main);
} else {
  const args = process.argv.slice(2);
  const start = (command, commandArgs) =>
    spawn(command, commandArgs, { stdio: "inherit" }).on("exit", (code, signal) => {
      process.exit(signal ? 128 + (signal === "SIGINT" ? 2 : 15) : code ?? 1);
    });
  let child = start("bun", [main, ...args]);
  child.on("error", () => {
    child = start("npx", ["--yes", BUN, main, ...args]);
  });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  // Under `npx fkas` a shell sits between npm exec and this script and drops SIGTERM; when that
  // launcher goes (this process is reparented), stop fkas as if the signal had arrived.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) child.kill("SIGTERM");
  }, 500).unref();
}
