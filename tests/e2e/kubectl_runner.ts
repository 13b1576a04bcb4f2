// Runs the real kubectl for the kubectl-driven e2e tests, so each file does not carry its own runner.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import process from "node:process";

/** Whether a kubectl binary runs on this machine (tests that need one skip without it). */
export const hasKubectl =
  spawnSync("kubectl", ["version", "--client"], { encoding: "utf8" }).status === 0;

/** What one kubectl run ended with, successful or not. */
export interface KubectlRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** How a run differs from the plain one. */
export interface KubectlOptions {
  /** Written to kubectl's stdin. */
  readonly input?: string;
  /** Added to this process's environment. */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * Runs `kubectl [--kubeconfig FILE] ARGS` and returns its status and output whatever they are.
 * An empty `kubeconfig` leaves the flag out (the args then carry their own).
 */
export function runKubectl(
  kubeconfig: string,
  args: readonly string[],
  options: KubectlOptions = {},
): KubectlRun {
  const result = spawnSync("kubectl", [
    ...(kubeconfig ? ["--kubeconfig", kubeconfig] : []),
    ...args,
  ], {
    encoding: "utf8",
    timeout: 60_000,
    input: options.input,
    env: { ...process.env, ...options.env },
  });
  return { status: result.status, stdout: result.stdout ?? "", stderr: result.stderr ?? "" };
}

/** Runs kubectl, asserts it succeeded (failing with its stderr) and returns its stdout. */
export function kubectlOk(
  kubeconfig: string,
  args: readonly string[],
  options: KubectlOptions = {},
): string {
  const result = runKubectl(kubeconfig, args, options);
  assert.equal(result.status, 0, `kubectl ${args.join(" ")}\n${result.stderr}${result.stdout}`);
  return result.stdout;
}

/** `kubectlOk` with the arguments spread, for the many one-line calls. */
export function kubectl(kubeconfig: string, ...args: string[]): string {
  return kubectlOk(kubeconfig, args);
}
