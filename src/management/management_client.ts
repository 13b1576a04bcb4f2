// What fkas asks of the management cluster: read a Secret, get/list/watch custom resources.

import type { KubeObject } from "../store/mod.ts";

/** A resource of the management cluster, as its REST path names it. */
export interface ResourceRef {
  readonly group: string;
  readonly version: string;
  /** The plural resource name: `machines`, `baremetalhosts`. */
  readonly plural: string;
}

/** A list answer: the items and the resourceVersion to watch from. */
export interface ObjectList {
  readonly items: readonly KubeObject[];
  readonly resourceVersion: string;
}

/** One watch event as the apiserver sends it. */
export interface WatchEvent {
  readonly type: "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK" | "ERROR";
  readonly object: KubeObject;
}

/** An open watch: `done` settles when the stream ends (rejects on a transport error). */
export interface OpenWatch {
  readonly done: Promise<void>;
  stop(): void;
}

/** The calls fkas makes to the management cluster; tests substitute their own. */
export interface ManagementClient {
  /** Where it connects (for logs). */
  readonly server: string;
  /** A Secret's `data`, base64-decoded as UTF-8; undefined when the Secret does not exist. */
  readSecret(namespace: string, name: string): Promise<Record<string, string> | undefined>;
  /** One namespaced object; undefined when it does not exist. */
  get(resource: ResourceRef, namespace: string, name: string): Promise<KubeObject | undefined>;
  /** Every object of the resource in all namespaces. */
  list(resource: ResourceRef): Promise<ObjectList>;
  /** Watches all namespaces from `resourceVersion`, with bookmarks. */
  watch(
    resource: ResourceRef,
    resourceVersion: string,
    onEvent: (event: WatchEvent) => void,
  ): Promise<OpenWatch>;
  /** The versions of an API group the server serves, preferred first; empty when none. */
  servedVersions(group: string): Promise<string[]>;
}

/** Writes, for the provider mode (the watchers only read). */
export interface ManagementWrites {
  /** A JSON merge patch of one object, or of its `status` subresource; answers the result. */
  patch(
    resource: ResourceRef,
    namespace: string,
    name: string,
    patch: Record<string, unknown>,
    subresource?: "status",
  ): Promise<KubeObject>;
}

/** A failed call, with the HTTP status when there was one. */
export class ManagementError extends Error {
  constructor(message: string, readonly status?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ManagementError";
  }
}
