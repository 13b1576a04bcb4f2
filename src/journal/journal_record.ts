// What one journal record holds: a cluster registry event or one object change, as plain JSON data.

import type {
  BootingMachine,
  ClusterSettings,
  ClusterState,
  RegisteredCluster,
} from "../cluster/mod.ts";
import type { SavedEtcd } from "../etcd/mod.ts";
import type { FaultRule } from "../faults/mod.ts";
import type { SavedCertificateAuthority } from "../pki/mod.ts";
import type { ReplayedChange, SnapshotText, StoreSnapshot } from "../store/mod.ts";

/** A certificate and its private key, PEM-encoded. */
export interface PemPair {
  readonly certPem: string;
  readonly keyPem: string;
}

/** One journal or snapshot record; `cluster` is the `namespace/name` key it belongs to. */
export type JournalRecord =
  | { readonly t: "register"; readonly cluster: string; readonly registered: RegisteredCluster }
  | {
    readonly t: "cas";
    readonly cluster: string;
    readonly ca: SavedCertificateAuthority;
    readonly etcdCa: SavedCertificateAuthority;
  }
  | { readonly t: "serving"; readonly cluster: string; readonly serving: PemPair }
  | { readonly t: "unregister"; readonly cluster: string }
  | { readonly t: "state"; readonly cluster: string; readonly state: ClusterState }
  | { readonly t: "change"; readonly cluster: string; readonly change: ReplayedChange }
  | {
    readonly t: "store";
    readonly cluster: string;
    /** As read from a file: its JSON text, parsed when the cluster's store is first used. */
    readonly store: StoreSnapshot | SnapshotText;
  }
  | { readonly t: "faults"; readonly cluster: string; readonly rules: readonly FaultRule[] }
  | { readonly t: "boot"; readonly cluster: string; readonly machine: BootingMachine }
  | { readonly t: "booted"; readonly cluster: string; readonly node: string }
  | { readonly t: "etcd"; readonly cluster: string; readonly etcd: SavedEtcd }
  | { readonly t: "settings"; readonly cluster: string; readonly settings: ClusterSettings };

/** A record, or a function building it when it is encoded (a snapshot's captured store). */
export type LazyRecord = JournalRecord | (() => JournalRecord);

const KINDS = new Set([
  "register",
  "cas",
  "serving",
  "unregister",
  "state",
  "change",
  "store",
  "faults",
  "boot",
  "booted",
  "etcd",
  "settings",
]);

/** Whether a decoded JSON value has the shape of a record (the checksum already vouches for it). */
export function isJournalRecord(value: unknown): value is JournalRecord {
  if (typeof value !== "object" || value === null) return false;
  const record = value as { t?: unknown; cluster?: unknown };
  return typeof record.t === "string" && KINDS.has(record.t) &&
    typeof record.cluster === "string";
}
