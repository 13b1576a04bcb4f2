// The message protocol between the main thread's `WorkerClusterHost` and a worker's clusters:
// calls by id, answers, and the worker's own news (events, registrations, log lines).

import { ClusterError, type ClusterErrorKind, type ClusterEvent } from "../../cluster/mod.ts";
import type { ClusterAddress } from "../mod.ts";
import { HostError, type HostErrorKind } from "../mod.ts";

/** One end of a message port (a worker, its parent, or an in-thread pair in tests). */
export interface HostChannel {
  /** Sends a structured-clonable message. */
  post(message: HostMessage): void;
  /** Hears every message from the other end. */
  onMessage(listener: (message: HostMessage) => void): void;
}

/** The `ClusterHost` methods a worker serves (and `metrics`, its Prometheus text). */
export const HOST_METHODS = [
  "register",
  "reportNode",
  "runPhase",
  "unregister",
  "view",
  "views",
  "summaries",
  "summary",
  "command",
  "close",
  "metrics",
] as const;

/** A method a worker serves. */
export type HostMethod = typeof HOST_METHODS[number];

/** A failure as it crosses threads: enough to rebuild the error the caller maps. */
export interface WireError {
  readonly name: string;
  readonly message: string;
  readonly kind?: string;
  readonly field?: string;
}

/** Log levels a worker's lines keep. */
export type WorkerLogLevel = "debug" | "info" | "warn" | "error";

/** Every message either end sends. */
export type HostMessage =
  | {
    readonly type: "call";
    readonly id: number;
    readonly method: HostMethod;
    readonly args: unknown[];
  }
  | { readonly type: "answer"; readonly id: number; readonly value: unknown }
  | { readonly type: "failure"; readonly id: number; readonly error: WireError }
  | { readonly type: "event"; readonly cluster: ClusterAddress; readonly event: ClusterEvent }
  | { readonly type: "registered"; readonly cluster: ClusterAddress }
  | {
    readonly type: "log";
    readonly level: WorkerLogLevel;
    readonly message: string;
    readonly fields: Record<string, unknown>;
  }
  /** The worker is serving; `restored`: the clusters it brought back from its journal. */
  | { readonly type: "ready"; readonly restored?: readonly RestoredAddress[] }
  /** The worker could not start (a corrupt journal, say); it ends after this. */
  | { readonly type: "failed"; readonly error: WireError };

/**
 * Whether `message` goes at once: what someone waits for (a call, its answer, the worker's
 * start) and warnings and errors (a crash right after must not lose them). The rest, the worker's
 * news (events, registrations, info lines), waits for the end of the worker's turn and goes to
 * the main thread together, still ahead of anything sent after it.
 */
export function isUrgent(message: HostMessage): boolean {
  switch (message.type) {
    case "event":
    case "registered":
      return false;
    case "log":
      return message.level === "warn" || message.level === "error";
    default:
      return true;
  }
}

/** A cluster a worker restored, as the main thread's port range and list need it. */
export interface RestoredAddress {
  readonly resourceName: string;
  readonly port: number;
}

/** A failure made plain for `postMessage` (an `Error`'s own properties do not all survive). */
export function toWireError(error: unknown): WireError {
  if (error instanceof ClusterError) {
    return { name: error.name, message: error.message, kind: error.kind };
  }
  if (error instanceof HostError) {
    return { name: error.name, message: error.message, kind: error.kind, field: error.field };
  }
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: "Error", message: String(error) };
}

/** The error a caller in this thread maps, rebuilt from its wire form. */
export function fromWireError(wire: WireError): Error {
  if (wire.name === "ClusterError") {
    return new ClusterError(wire.kind as ClusterErrorKind, wire.message);
  }
  if (wire.name === "HostError") {
    return new HostError(wire.kind as HostErrorKind, wire.message, wire.field);
  }
  const error = new Error(wire.message);
  // The control API maps some errors by name (PkiError: 400).
  error.name = wire.name;
  return error;
}

/** Log fields made plain: errors become their messages (they do not clone everywhere alike). */
export function plainFields(fields: Record<string, unknown>): Record<string, unknown> {
  const plain: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    plain[key] = value instanceof Error ? value.message : value;
  }
  return plain;
}
