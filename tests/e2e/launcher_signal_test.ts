// Stopping fkas by its launcher's PID, as CI runners do: through a shell that does not pass the
// signal on (npm exec → sh → bun run → fkas), and through bin/fkas.mjs on Node.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import process from "node:process";

const MAIN = new URL("../../main.ts", import.meta.url).pathname;
const BIN = new URL("../../bin/fkas.mjs", import.meta.url).pathname;
const RUNTIME = ["Deno" in globalThis ? `${process.execPath} run -A` : process.execPath];

function quote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

function serveFlags(): string {
  const base = 30000 + Math.floor(Math.random() * 300) * 100;
  return `serve --control-address=127.0.0.1:0 --ports=${base}-${base + 99} --log-format=json`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(test: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (test()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return test();
}

/** Starts `script` under `sh -c` and returns the launcher's PID and fkas's PID from its log. */
async function launch(script: string, env: Record<string, string>) {
  // The test runner may itself run under a package script; only `env` says whether fkas does.
  const { npm_lifecycle_event: _, ...inherited } = process.env;
  const child = spawn("sh", ["-c", script], {
    env: { ...inherited, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let exited = false;
  child.on("exit", () => exited = true);
  child.stderr!.on("data", (chunk: Buffer) => output += chunk.toString());
  const fkasPid = await new Promise<number>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"msg":"fkas is serving".*?"pid":(\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.on("exit", () => reject(new Error(`launcher exited before fkas served:\n${output}`)));
    setTimeout(() => reject(new Error(`fkas did not start in 30 s:\n${output}`)), 30_000);
  });
  return { launcher: child.pid!, fkasPid, output: () => output, exited: () => exited };
}

describe("stopping fkas by its launcher's PID", () => {
  it("a package script's fkas stops when the shell above its launcher dies of SIGTERM", async () => {
    // (Our direct child stays a zombie until reaped, so its exit is awaited, not probed by PID.)
    // sh (npm exec's shell) → sh (bun run) → fkas; `; true` keeps each shell from exec-ing.
    const inner = `${RUNTIME[0]} ${quote(MAIN)} ${serveFlags()}; true`;
    const run = await launch(`sh -c ${quote(inner)}; true`, { npm_lifecycle_event: "start" });
    try {
      process.kill(run.launcher, "SIGTERM");
      assert.ok(
        await waitUntil(() => !alive(run.fkasPid), 10_000),
        `fkas (pid ${run.fkasPid}) still runs after its launcher got SIGTERM:\n${run.output()}`,
      );
      assert.match(run.output(), /"msg":"shutting down","signal":"launcher exited"/);
      assert.match(run.output(), /"msg":"stopped"/);
    } finally {
      if (alive(run.fkasPid)) process.kill(run.fkasPid, "SIGKILL");
    }
  });

  it("bin/fkas.mjs on Node stops fkas when the shell above it (npx's) dies of SIGTERM", async () => {
    const run = await launch(`node ${quote(BIN)} ${serveFlags()}; true`, {});
    try {
      process.kill(run.launcher, "SIGTERM");
      assert.ok(
        await waitUntil(() => !alive(run.fkasPid), 10_000),
        `fkas (pid ${run.fkasPid}) still runs after the shell above bin/fkas.mjs got SIGTERM`,
      );
    } finally {
      if (alive(run.fkasPid)) process.kill(run.fkasPid, "SIGKILL");
    }
  });

  it("bin/fkas.mjs on Node passes SIGTERM and SIGINT to fkas", async () => {
    // Under `deno test`, SIGINT sent to a Node child does not reach its Bun grandchild (observed
    // with Deno 2.9.6, not under Bun or a shell): SIGINT is checked from the Bun run only.
    const signals = "Deno" in globalThis ? ["SIGTERM"] as const : ["SIGTERM", "SIGINT"] as const;
    for (const signal of signals) {
      const run = await launch(`exec node ${quote(BIN)} ${serveFlags()}`, {});
      try {
        process.kill(run.launcher, signal);
        assert.ok(
          await waitUntil(() => !alive(run.fkasPid) && run.exited(), 10_000),
          `fkas (pid ${run.fkasPid}) still runs after ${signal} to bin/fkas.mjs:\n${run.output()}`,
        );
      } finally {
        if (alive(run.fkasPid)) process.kill(run.fkasPid, "SIGKILL");
      }
    }
  });
});
