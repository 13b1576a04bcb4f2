// A cluster's control API settings (kubelet delays, lease renewal) come back from the journal.

import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { ClusterRegistry } from "../../src/cluster/mod.ts";
import { runClusterCommand } from "../../src/hosts/mod.ts";
import {
  encodeRecord,
  fileHeader,
  type JournalRecord,
  loadJournal,
  RegistryRecords,
} from "../../src/journal/mod.ts";
import { registryWithFakeListeners } from "../cluster/registry_fixture.ts";

function fileOf(records: readonly JournalRecord[]): Uint8Array {
  const parts = [fileHeader(), ...records.map(encodeRecord)];
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
}

// Lease renewal runs on real timers: every registry made here is closed at the end.
const opened: ClusterRegistry[] = [];
after(async () => {
  for (const registry of opened) await registry.close();
});

function registry(options: { leaseRenewal?: boolean; journal?: RegistryRecords } = {}) {
  const made = registryWithFakeListeners(options).registry;
  opened.push(made);
  return made;
}

// The control API's commands, as `PUT .../kubelet` and `PUT .../lease-renewal` run them (and a
// provider's KCP bind port).
type Command =
  | { kind: "kubelet"; podStartDelayMs?: number; podStopDelayMs?: number }
  | { kind: "leaseRenewal"; enabled: boolean }
  | { kind: "apiServerBindPort"; port: number };
function command(target: ClusterRegistry, name: string, change: Command) {
  const cluster = target.get("default", name)!;
  return runClusterCommand(cluster, change, {
    registry: target,
    now: () => new Date("2026-01-02T03:04:05Z"),
  });
}

async function journaledSettings() {
  const records: JournalRecord[] = [];
  const journal = new RegistryRecords((record) => records.push(record));
  const source = registry({ journal });
  for (const name of ["a", "b", "c"]) await source.register({ namespace: "default", name });
  await command(source, "a", { kind: "kubelet", podStartDelayMs: 1500 });
  await command(source, "a", { kind: "kubelet", podStopDelayMs: 3000 });
  await command(source, "a", { kind: "leaseRenewal", enabled: true });
  await command(source, "b", { kind: "kubelet", podStopDelayMs: 250 });
  await command(source, "b", { kind: "apiServerBindPort", port: 8443 });
  return { records, journal, source };
}

const view = (target: ClusterRegistry, name: string) => {
  const cluster = target.get("default", name)!;
  return {
    ...cluster.kubeletTiming,
    leaseRenewal: cluster.leaseRenewal,
    bindPort: cluster.kubeadm.apiServerBindPort,
  };
};

describe("control API settings across a restart", () => {
  it("kubelet delays, lease renewal and a KCP bind port come back from the journal and from a snapshot", async () => {
    const { records, journal, source } = await journaledSettings();
    const expected = {
      a: { podStartDelayMs: 1500, podStopDelayMs: 3000, leaseRenewal: true, bindPort: 6443 },
      b: { podStartDelayMs: 0, podStopDelayMs: 250, leaseRenewal: false, bindPort: 8443 },
      c: { podStartDelayMs: 0, podStopDelayMs: 0, leaseRenewal: false, bindPort: 6443 },
    };
    for (const [name, settings] of Object.entries(expected)) {
      assert.deepEqual(view(source, name), settings);
    }
    const fromJournal = registry();
    await fromJournal.restore(
      loadJournal({ journalFile: "j", journal: fileOf(records) }).clusters,
    );
    const snapshot = journal.snapshot((key) => {
      const [namespace, name] = key.split("/");
      return source.get(namespace, name)?.store;
    });
    const fromSnapshot = registry();
    await fromSnapshot.restore(
      loadJournal({ snapshotFile: "s", snapshot: fileOf(snapshot), journalFile: "j" }).clusters,
    );
    for (const [name, settings] of Object.entries(expected)) {
      assert.deepEqual(view(fromJournal, name), settings, `${name} from the journal`);
      assert.deepEqual(view(fromSnapshot, name), settings, `${name} from the snapshot`);
    }
  });

  it("a setting never made follows the new process's --lease-renewal; one made stays", async () => {
    const { records, source } = await journaledSettings();
    await command(source, "c", { kind: "leaseRenewal", enabled: false });
    const target = registry({ leaseRenewal: true });
    await target.restore(loadJournal({ journalFile: "j", journal: fileOf(records) }).clusters);
    assert.equal(view(target, "a").leaseRenewal, true);
    assert.equal(view(target, "b").leaseRenewal, true); // only its kubelet delays were set
    assert.equal(view(target, "c").leaseRenewal, false);
  });

  it("the same setting again, or an unregistered cluster's, writes nothing", async () => {
    const { records, source } = await journaledSettings();
    const before = records.length;
    await command(source, "a", { kind: "kubelet", podStartDelayMs: 1500 });
    await command(source, "a", { kind: "leaseRenewal", enabled: true });
    await command(source, "b", { kind: "apiServerBindPort", port: 8443 });
    assert.equal(records.length, before);
    const c = source.get("default", "c")!;
    await source.unregister("default", "c");
    const unregistered = records.length;
    source.changeSettings(c, { podStartDelayMs: 10 });
    assert.equal(records.length, unregistered);
  });

  it("a restored cluster's settings are not journaled again, and later changes add to them", async () => {
    const { records } = await journaledSettings();
    const again: JournalRecord[] = [];
    const journal = new RegistryRecords((record) => again.push(record));
    const target = registry({ journal });
    const restored = loadJournal({ journalFile: "j", journal: fileOf(records) }).clusters;
    journal.adopt(restored);
    await target.restore(restored);
    assert.deepEqual(again.filter((r) => r.t === "settings"), []);
    await command(target, "a", { kind: "kubelet", podStartDelayMs: 20 });
    assert.deepEqual(again.filter((r) => r.t === "settings"), [{
      t: "settings",
      cluster: "default/a",
      settings: {
        kubelet: { podStartDelayMs: 20, podStopDelayMs: 3000 },
        leaseRenewal: true,
      },
    }]);
  });
});
