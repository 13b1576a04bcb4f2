// The worker's side of the protocol: answers each call with its own `ClusterHost` and tells the
// main thread about registrations.

import type { ClusterHost } from "../mod.ts";
import { HOST_METHODS, type HostChannel, type HostMethod, toWireError } from "./host_channel.ts";

/** A worker's journal (`--data-dir`), as serving needs it. */
export interface ServedJournal {
  /** Undefined when every change so far is durable, else when it will be. */
  durable(): Promise<void> | undefined;
  /** Flushes and closes the journal. */
  close(): Promise<void>;
}

/**
 * Serves `host` on `channel`; `metrics` renders this worker's Prometheus text. With a `journal`
 * (`--data-dir`), each answer leaves once every change the worker made so far is in it, as the
 * control API holds its answers in one process, and "close" closes it after the clusters.
 */
export function serveClusterHost(
  channel: HostChannel,
  host: ClusterHost,
  metrics: () => string,
  journal?: ServedJournal,
): void {
  host.onRegistered((cluster) => channel.post({ type: "registered", cluster }));
  channel.onMessage((message) => {
    if (message.type !== "call") return;
    const { id, method, args } = message;
    let work: Promise<unknown>;
    try {
      work = Promise.resolve(invoke(host, metrics, method, args));
    } catch (error) {
      work = Promise.reject(error);
    }
    if (journal) {
      work = method === "close"
        ? work.then(() => journal.close())
        : work.then(async (value) => (await journal.durable(), value));
    }
    work.then(
      (value) => channel.post({ type: "answer", id, value }),
      (error) => channel.post({ type: "failure", id, error: toWireError(error) }),
    );
  });
}

// Only the protocol's methods: a call is data from another thread, not a property lookup.
function invoke(
  host: ClusterHost,
  metrics: () => string,
  method: HostMethod,
  args: unknown[],
): unknown {
  if (!(HOST_METHODS as readonly string[]).includes(method)) {
    throw new Error(`Cannot call ${String(method)}: not a cluster host method`);
  }
  if (method === "metrics") return metrics();
  const call = host[method] as (...args: unknown[]) => Promise<unknown>;
  return call.apply(host, args);
}
