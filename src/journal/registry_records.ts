// Registry events to journal records and back: the adapter the registry writes through, and the
// fold that turns a snapshot plus a journal into the clusters to restore.

import type {
  BootingMachine,
  ClusterSettings,
  ClusterState,
  RegisteredCluster,
  RegistryJournal,
  RestoredCluster,
} from "../cluster/mod.ts";
import type { SavedEtcd } from "../etcd/mod.ts";
import type { FaultRule } from "../faults/mod.ts";
import type { SavedCertificateAuthority } from "../pki/mod.ts";
import type { ReplayedChange, SnapshotText, StoreSnapshot } from "../store/mod.ts";
import { JournalError } from "./journal_error.ts";
import type { JournalRecord, LazyRecord, PemPair } from "./journal_record.ts";

/** What the adapter remembers per cluster, so a snapshot can be written at any moment. */
interface ClusterEntry {
  registered: RegisteredCluster;
  state?: ClusterState;
  serving?: PemPair;
  faults?: readonly FaultRule[];
  booting?: Map<string, BootingMachine>;
  etcd?: SavedEtcd;
  settings?: ClusterSettings;
}

/** Writes registry events as records through `append`, and keeps what a snapshot needs. */
export class RegistryRecords implements RegistryJournal {
  readonly #clusters = new Map<string, ClusterEntry>();

  constructor(private readonly append: (record: JournalRecord) => void) {}

  /** Remembers restored clusters without journaling them again. */
  adopt(restored: Iterable<RestoredCluster>): void {
    for (const { registered, state, serving, faults, booting, etcd, settings } of restored) {
      this.#clusters.set(`${registered.namespace}/${registered.name}`, {
        registered,
        state,
        serving,
        faults,
        etcd,
        settings,
        booting: booting?.length
          ? new Map(booting.map((machine) => [machine.report.nodeName, machine]))
          : undefined,
      });
    }
  }

  /** See `RegistryJournal.registered`. */
  registered(registered: RegisteredCluster): void {
    const cluster = `${registered.namespace}/${registered.name}`;
    this.#clusters.set(cluster, { registered });
    this.append({ t: "register", cluster, registered });
  }

  /** See `RegistryJournal.casProvided`. */
  casProvided(
    cluster: string,
    ca: SavedCertificateAuthority,
    etcdCa: SavedCertificateAuthority,
  ): void {
    const entry = this.#clusters.get(cluster);
    if (entry) entry.registered = { ...entry.registered, ca, etcdCa };
    this.append({ t: "cas", cluster, ca, etcdCa });
  }

  /** See `RegistryJournal.servingIssued`. */
  servingIssued(cluster: string, serving: PemPair): void {
    const entry = this.#clusters.get(cluster);
    if (entry) entry.serving = serving;
    this.append({
      t: "serving",
      cluster,
      serving: { certPem: serving.certPem, keyPem: serving.keyPem },
    });
  }

  /** See `RegistryJournal.stateChanged`. */
  stateChanged(cluster: string, state: ClusterState): void {
    const entry = this.#clusters.get(cluster);
    if (entry) entry.state = state;
    this.append({ t: "state", cluster, state });
  }

  /** See `RegistryJournal.storeChanged`; `previous` is left out, replay derives it. */
  storeChanged(cluster: string, change: ReplayedChange): void {
    const { type, resource, key, object, resourceVersion } = change;
    this.append({ t: "change", cluster, change: { type, resource, key, object, resourceVersion } });
  }

  /** See `RegistryJournal.faultsChanged`. */
  faultsChanged(cluster: string, rules: readonly FaultRule[]): void {
    const entry = this.#clusters.get(cluster);
    if (entry) entry.faults = rules;
    this.append({ t: "faults", cluster, rules });
  }

  /** See `RegistryJournal.bootPending`. */
  bootPending(cluster: string, machine: BootingMachine): void {
    const entry = this.#clusters.get(cluster);
    if (entry) (entry.booting ??= new Map()).set(machine.report.nodeName, machine);
    this.append({ t: "boot", cluster, machine });
  }

  /** See `RegistryJournal.bootSettled`. */
  bootSettled(cluster: string, node: string): void {
    this.#clusters.get(cluster)?.booting?.delete(node);
    this.append({ t: "booted", cluster, node });
  }

  /** See `RegistryJournal.etcdChanged`. */
  etcdChanged(cluster: string, etcd: SavedEtcd): void {
    const entry = this.#clusters.get(cluster);
    if (entry) entry.etcd = etcd;
    this.append({ t: "etcd", cluster, etcd });
  }

  /** See `RegistryJournal.settingsChanged`. */
  settingsChanged(cluster: string, settings: ClusterSettings): void {
    const entry = this.#clusters.get(cluster);
    if (entry) entry.settings = settings;
    this.append({ t: "settings", cluster, settings });
  }

  /** See `RegistryJournal.unregistered`. */
  unregistered(cluster: string): void {
    this.#clusters.delete(cluster);
    this.append({ t: "unregister", cluster });
  }

  /** The whole registry as records, each cluster's store read through `storeOf`. */
  snapshot(
    storeOf: (cluster: string) => { capture(): () => StoreSnapshot | SnapshotText } | undefined,
  ): JournalRecord[] {
    return this.capture(storeOf).map((record) => typeof record === "function" ? record() : record);
  }

  /**
   * `snapshot` with each store's record left to build later (see `ObjectStore.capture`): what a
   * compaction takes in one turn, before it encodes slice by slice.
   */
  capture(
    storeOf: (cluster: string) => { capture(): () => StoreSnapshot | SnapshotText } | undefined,
  ): LazyRecord[] {
    const records: LazyRecord[] = [];
    for (const [cluster, entry] of this.#clusters) {
      const store = storeOf(cluster);
      if (!store) continue;
      records.push({ t: "register", cluster, registered: entry.registered });
      if (entry.state) records.push({ t: "state", cluster, state: entry.state });
      if (entry.serving) records.push({ t: "serving", cluster, serving: entry.serving });
      if (entry.etcd) records.push({ t: "etcd", cluster, etcd: entry.etcd });
      if (entry.faults?.length) records.push({ t: "faults", cluster, rules: entry.faults });
      if (entry.settings) records.push({ t: "settings", cluster, settings: entry.settings });
      for (const machine of entry.booting?.values() ?? []) {
        records.push({ t: "boot", cluster, machine });
      }
      const captured = store.capture();
      records.push(() => ({ t: "store", cluster, store: captured() }));
    }
    return records;
  }
}

interface Restoring {
  registered: RegisteredCluster;
  state?: ClusterState;
  serving?: PemPair;
  faults?: readonly FaultRule[];
  booting?: BootingMachine[];
  etcd?: SavedEtcd;
  settings?: ClusterSettings;
  snapshot?: StoreSnapshot | SnapshotText;
  changes: ReplayedChange[];
}

/**
 * Folds records (the snapshot's, then the journal's) into the clusters to restore, in
 * registration order. A record for a cluster that is not registered means a damaged journal.
 */
export function restoredClusters(
  files: readonly { readonly file: string; readonly records: readonly JournalRecord[] }[],
): RestoredCluster[] {
  const clusters = new Map<string, Restoring>();
  for (const { file, records } of files) {
    records.forEach((record, index) => {
      if (record.t === "register") {
        clusters.delete(record.cluster); // a re-registration after an unregister starts afresh
        clusters.set(record.cluster, { registered: record.registered, changes: [] });
        return;
      }
      const entry = clusters.get(record.cluster);
      if (!entry) {
        throw new JournalError(
          "Corrupt",
          `Cannot restore from ${file}: record ${index} (${record.t}) is for ${record.cluster}, which is not registered`,
          file,
        );
      }
      apply(entry, record, clusters);
    });
  }
  return [...clusters.values()];
}

function apply(entry: Restoring, record: JournalRecord, clusters: Map<string, Restoring>): void {
  switch (record.t) {
    case "cas":
      entry.registered = { ...entry.registered, ca: record.ca, etcdCa: record.etcdCa };
      return;
    case "serving":
      entry.serving = record.serving;
      return;
    case "state":
      entry.state = record.state;
      return;
    case "faults":
      entry.faults = record.rules;
      return;
    case "etcd":
      entry.etcd = record.etcd;
      return;
    case "settings":
      entry.settings = record.settings;
      return;
    case "boot": {
      const node = record.machine.report.nodeName;
      entry.booting = [
        ...(entry.booting ?? []).filter((m) => m.report.nodeName !== node),
        record.machine,
      ];
      return;
    }
    case "booted":
      entry.booting = entry.booting?.filter((m) => m.report.nodeName !== record.node);
      return;
    case "change":
      entry.changes.push(record.change);
      return;
    case "store":
      entry.snapshot = record.store;
      entry.changes = [];
      return;
    case "unregister":
      clusters.delete(record.cluster);
      return;
  }
}
