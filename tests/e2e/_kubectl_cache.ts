// Gives the kubectl runs of a test process a cache directory of their own, removed at the end.
//
// kubectl keeps discovery and HTTP caches per host:port; ports are reused across test runs for
// different clusters, so every test process gets caches of its own. The environment is the
// process's, but Deno ends each test module on its own (in parallel with --parallel): the
// modules using the directory are counted in the environment too, and the last one removes it.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { onModuleEnd } from "./_module_end.ts";

/** How many test modules of this process use the KUBECACHEDIR made here (unset: not ours). */
const USERS = "FKAS_TEST_KUBECACHE_USERS";

// A KUBECACHEDIR set from outside (and not by a module of this process) is left as it is.
if (process.env.KUBECACHEDIR === undefined || process.env[USERS] !== undefined) {
  const dir = process.env.KUBECACHEDIR ??= mkdtempSync(join(tmpdir(), "fkas-kubectl-cache-"));
  process.env[USERS] = String(Number(process.env[USERS] ?? 0) + 1);
  onModuleEnd(() => {
    const users = Number(process.env[USERS] ?? 1) - 1;
    if (users > 0) {
      process.env[USERS] = String(users);
      return;
    }
    delete process.env[USERS];
    delete process.env.KUBECACHEDIR;
    rmSync(dir, { recursive: true, force: true });
  });
}
