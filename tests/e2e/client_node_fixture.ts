// Loads @kubernetes/client-node so that it can talk TLS on both runtimes, and small helpers for its tests.

import { createRequire } from "node:module";
import type * as K8s from "@kubernetes/client-node";
import { parse, stringify } from "yaml";
import type { FkasProcess } from "./fkas_process.ts";

/**
 * client-node 2.x sends every request (typed APIs and `Watch`) through `fetch` and `Agent` imported
 * from the npm package `undici`, with the kubeconfig's CA, client certificate and key as the
 * Agent's `connect` options. Deno loads that package from node_modules and it works unchanged.
 * Bun instead resolves the bare specifier `undici` to a built-in shim whose `fetch` is `Bun.fetch`
 * (which ignores `dispatcher`) and whose `Agent` is an empty stub that drops its options: the
 * kubeconfig's TLS settings never reach the socket, and every call fails with
 * `SELF_SIGNED_CERT_IN_CHAIN` (and would carry no client certificate). `Bun.fetch` is read-only,
 * so it cannot be wrapped either. The narrowest fix is to hand client-node the very undici it
 * depends on: resolve `undici/index.js` from client-node's own location (a subpath, which Bun does
 * not redirect to its shim) and register it for the specifier `undici` with bun:test's
 * `mock.module` before client-node is first imported. client-node's code then runs unchanged, TLS
 * verified with the kubeconfig's CA and the client certificate presented, as on Node.js. The
 * mapping lasts for the rest of the `bun test` process; nothing else in this repository imports
 * `undici`.
 */
async function loadClientNode(): Promise<typeof K8s> {
  if ("Bun" in globalThis) {
    const specifier = "bun:test"; // a variable, so that Deno's type check does not resolve it
    const { mock } = await import(specifier) as {
      mock: { module(name: string, factory: () => unknown): void };
    };
    const fromClientNode = createRequire(import.meta.resolve("@kubernetes/client-node"));
    const undici = fromClientNode(fromClientNode.resolve("undici/index.js"));
    mock.module("undici", () => undici);
  }
  return await import("@kubernetes/client-node");
}

export const k8s: typeof K8s = await loadClientNode();

/** Rejects with a message naming `what` when `promise` does not settle within `ms`. */
export function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Polls `check` every 20 ms until it returns true; fails after `ms` with `describe()` in the message. */
export async function eventually(
  ms: number,
  what: string,
  check: () => boolean | Promise<boolean>,
  describe: () => unknown = () => "",
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!await check()) {
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${ms} ms waiting for ${what}: ${JSON.stringify(describe())}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Registers a cluster with one control plane (and optional workers) and returns a KubeConfig for it. */
export async function clusterConfig(
  fkas: FkasProcess,
  cluster: string,
  workers: string[] = [],
  version = "v1.33.1",
): Promise<K8s.KubeConfig> {
  await fkas.register("default", cluster);
  const nodes: [string, Record<string, string>][] = [
    [`${cluster}-cp-1`, { "cluster.x-k8s.io/control-plane": "" }],
    ...workers.map((name): [string, Record<string, string>] => [name, {}]),
  ];
  for (const [nodeName, labels] of nodes) {
    await fkas.updateNode({
      cluster,
      namespace: "default",
      nodeName,
      labels,
      k8sversion: version,
    });
  }
  return await kubeConfigFor(fkas, cluster);
}

/**
 * Every undici dispatcher client-node made for the tests. client-node 2.0.1 builds a new undici
 * `Agent` for every request (`KubeConfig.applySecurityAuthentication` → `createDispatcher`, not
 * cached), so each API call and each watch opens its own TLS connection, which undici negotiates as
 * HTTP/2 with fkas. On Deno those sessions run on its nghttp2 binding, which aborts the whole test
 * process (SIGSEGV, or the assertion `stream->closed_next == NULL` in `find_stream_on_goaway_func`)
 * when fkas, stopping, sends GOAWAY on sessions that have carried streams: the client-side twin of
 * denoland/deno#36788. `closeClients()` destroys them before fkas stops, so no session is open to
 * receive that GOAWAY.
 */
const dispatchers = new Set<{ destroy(): Promise<void> }>();
let clientsClosed = false;

/**
 * Destroys every connection client-node opened (see `dispatchers`), and any it opens later (a
 * ListWatch stopped during its reconnect delay still starts one more watch); call before stopping
 * fkas.
 */
export async function closeClients(): Promise<void> {
  clientsClosed = true;
  const open = [...dispatchers];
  dispatchers.clear();
  await Promise.all(open.map((dispatcher) => dispatcher.destroy().catch(() => {})));
}

/**
 * Lets clients connect again after `closeClients()`: Bun runs every test file in one process, so a
 * file that starts its own fkas after another file closed the clients calls this first.
 */
export function reopenClients(): void {
  clientsClosed = false;
}

/** What a test may change in the kubeconfig YAML before client-node loads it. */
export interface KubeconfigDocument {
  clusters: { cluster: Record<string, string> }[];
  users: { user: Record<string, string> }[];
}

/**
 * A fresh KubeConfig (a client of its own) from the YAML fkas serves, after `edit` if given.
 * `reuseConnection` makes every call share one undici Agent, and so one connection: only for bulk
 * writes that set up a test, where a new TLS handshake per call would cost seconds.
 */
export async function kubeConfigFor(
  fkas: FkasProcess,
  cluster: string,
  options: { reuseConnection?: boolean; edit?: (config: KubeconfigDocument) => void } = {},
): Promise<K8s.KubeConfig> {
  const response = await fetch(`${fkas.control}/clusters/default/${cluster}/kubeconfig`);
  let yaml = await response.text();
  if (!response.ok) throw new Error(`Cannot fetch the kubeconfig of ${cluster}: ${yaml}`);
  if (options.edit) {
    const document = parse(yaml) as KubeconfigDocument;
    options.edit(document);
    yaml = stringify(document);
  }
  const kc = new k8s.KubeConfig();
  kc.loadFromString(yaml);
  // `createDispatcher` is private in client-node's typings, public at run time.
  type Dispatcher = { destroy(): Promise<void> } | undefined;
  const hooked = kc as unknown as { createDispatcher(...args: unknown[]): Dispatcher };
  const create = hooked.createDispatcher.bind(kc);
  let shared: Dispatcher;
  hooked.createDispatcher = (...args) => {
    if (options.reuseConnection && shared) return shared;
    const dispatcher = create(...args);
    if (dispatcher && clientsClosed) void dispatcher.destroy().catch(() => {});
    else if (dispatcher) dispatchers.add(dispatcher);
    return shared = dispatcher;
  };
  return kc;
}

/** One event of client-node's `Watch`. */
export interface SeenEvent {
  type: string;
  name: string | undefined;
  resourceVersion: string | undefined;
  object: K8s.KubernetesObject & { code?: number; reason?: string; status?: string };
}

/** A running client-node `Watch`, recording events and how it ended. */
export interface RecordedWatch {
  readonly events: SeenEvent[];
  /** Settles with the `done` callback's argument (null for a stream the server ended). */
  readonly done: Promise<unknown>;
  /** Waits until `count` events satisfy `match`. */
  waitFor(what: string, match: (event: SeenEvent) => boolean, count?: number): Promise<void>;
  stop(): void;
}

/** Starts `new Watch(kc).watch(path, query, ...)` and records what it delivers. */
export async function recordWatch(
  kc: K8s.KubeConfig,
  path: string,
  query: Record<string, string | number | boolean> = {},
): Promise<RecordedWatch> {
  const events: SeenEvent[] = [];
  let resolveDone!: (error: unknown) => void;
  const done = new Promise<unknown>((resolve) => resolveDone = resolve);
  const controller = await new k8s.Watch(kc).watch(
    path,
    query,
    (type, object: SeenEvent["object"]) =>
      events.push({
        type,
        name: object?.metadata?.name,
        resourceVersion: object?.metadata?.resourceVersion,
        object,
      }),
    (error) => resolveDone(error),
  );
  return {
    events,
    done,
    waitFor: (what, match, count = 1) =>
      eventually(
        10_000,
        what,
        () => events.filter(match).length >= count,
        () => events.map((event) => `${event.type} ${event.name ?? event.object?.reason ?? ""}`),
      ),
    stop: () => controller.abort(),
  };
}

/** The Kubernetes `Status` carried by an ApiException (whose body client-node leaves as text). */
export function statusOf(error: unknown): { code: number; status?: K8s.V1Status } {
  if (!(error instanceof k8s.ApiException)) throw error;
  const body = (error as K8s.ApiException<unknown>).body;
  let status: K8s.V1Status | undefined;
  try {
    status = typeof body === "string" ? JSON.parse(body) : body as K8s.V1Status;
  } catch {
    status = undefined;
  }
  return { code: error.code, status };
}
