// Which JavaScript runtime runs fkas: the one place that asks, so workarounds stay targeted.

/** The runtimes fkas knows about. */
export type RuntimeName = "deno" | "bun" | "node";

const detected: RuntimeName = "Deno" in globalThis ? "deno" : "Bun" in globalThis ? "bun" : "node";

/** Returns the name of the runtime executing this process. */
export function runtimeName(): RuntimeName {
  return detected;
}
