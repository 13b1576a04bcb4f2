// Runs cleanups when the test module ends, on both runtimes, whether its tests passed or not.

import process from "node:process";

/**
 * Calls `cleanup` once when this test module ends: Bun runs every test file in one process and
 * emits `exit` at its end; Deno runs each test module in an isolate of its own, which emits
 * `unload` when the module is done, and never emits `exit` under `deno test`.
 */
export function onModuleEnd(cleanup: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    cleanup();
  };
  process.on("exit", once);
  globalThis.addEventListener?.("unload", once);
}
