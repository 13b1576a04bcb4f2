// Machines booting with provisioning delays when fkas dies boot on after a restart, waiting only
// what was left of their delays.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { type JournalRecord, loadJournal, RegistryRecords } from "../../src/journal/mod.ts";
import { encodeRecord, fileHeader } from "../../src/journal/mod.ts";
import { registryWithFakeListeners } from "../cluster/registry_fixture.ts";

const CP = { "cluster.x-k8s.io/control-plane": "" };
const STEP = { startupMs: 10_000, jitter: 0 };
const START = Date.parse("2026-01-02T03:04:05Z");

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

// A clock tests move, and sleeps that wait until the test lets them go.
function timeline() {
  let now = START;
  const sleeps: { ms: number; go: () => void }[] = [];
  return {
    now: () => new Date(now),
    advance: (ms: number) => void (now += ms),
    sleeps,
    sleep: (ms: number) => new Promise<void>((go) => sleeps.push({ ms, go })),
    async drain(done: () => boolean) {
      for (let i = 0; i < 1000 && !done(); i++) {
        sleeps.shift()?.go();
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    },
  };
}

async function crashedWhileBooting() {
  const time = timeline();
  const records: JournalRecord[] = [];
  const journal = new RegistryRecords((record) => records.push(record));
  const { registry } = registryWithFakeListeners({ journal, now: time.now, sleep: time.sleep });
  await registry.register({
    namespace: "default",
    name: "d",
    provisioning: { node: STEP, etcd: STEP, apiServer: STEP },
  });
  const report = { namespace: "default", cluster: "d" };
  const done = await registry.reportNode({ ...report, nodeName: "d-done", labels: {} });
  assert.equal(done.pending, true);
  const cluster = registry.get("default", "d")!;
  await time.drain(() => cluster.booting.size === 0);
  assert.ok(cluster.nodeNamed("d-done"));
  time.advance(1_000);
  await registry.reportNode({
    ...report,
    nodeName: "d-cp",
    labels: CP,
    kubernetesVersion: "v1.33.1",
  });
  await registry.reportNode({ ...report, nodeName: "d-md", labels: {} });
  time.advance(3_000);
  // A newer version reported while booting is the one the machine boots with, after a restart too.
  await registry.reportNode({
    ...report,
    nodeName: "d-md",
    labels: {},
    kubernetesVersion: "v1.32.4",
  });
  time.advance(1_000); // 4 s into both boots when fkas dies
  return { records, journal, registry, time };
}

describe("booting machines across a restart", () => {
  it("resume with what is left of their delays, with their latest report", async () => {
    const source = await crashedWhileBooting();
    const loaded = loadJournal({ journalFile: "j", journal: fileOf(source.records) });
    const booting = loaded.clusters[0].booting?.map((m) => m.report.nodeName);
    assert.deepEqual(booting, ["d-cp", "d-md"], "the finished boot is not resumed");

    const time = timeline();
    time.advance(5_000);
    const target = registryWithFakeListeners({
      journal: new RegistryRecords(() => {}),
      now: time.now,
      sleep: time.sleep,
    });
    await target.registry.restore(loaded.clusters);
    const cluster = target.registry.get("default", "d")!;
    assert.deepEqual([...cluster.booting.keys()].sort(), ["d-cp", "d-md"]);
    assert.deepEqual(time.sleeps.map((s) => s.ms), [6_000, 6_000], "10 s less the 4 s waited");
    await time.drain(() => cluster.booting.size === 0);
    assert.equal(
      (cluster.nodeNamed("d-md")?.status as { nodeInfo?: { kubeletVersion?: string } })
        ?.nodeInfo?.kubeletVersion,
      "v1.32.4",
    );
    assert.ok(cluster.nodeNamed("d-cp"));
    assert.equal(cluster.activated, true);
    assert.equal(target.started.length, 1, "the control plane's API server came up");
  });

  it("a boot that ended writes its end; a snapshot holds only the boots still running", async () => {
    const source = await crashedWhileBooting();
    const kinds = source.records.filter((r) => r.t === "boot" || r.t === "booted")
      .map((r) => r.t === "boot" ? `boot ${r.machine.report.nodeName}` : `booted ${r.node}`);
    assert.deepEqual(kinds, [
      "boot d-done",
      "booted d-done",
      "boot d-cp",
      "boot d-md",
      "boot d-md",
    ]);
    const snapshot = source.journal.snapshot((key) => {
      const [namespace, name] = key.split("/");
      return source.registry.get(namespace, name)?.store;
    });
    const loaded = loadJournal({ snapshotFile: "s", snapshot: fileOf(snapshot), journalFile: "j" });
    const machines = loaded.clusters[0].booting ?? [];
    assert.deepEqual(machines.map((m) => [m.report.nodeName, m.startedAt]), [
      ["d-cp", START + 1_000],
      ["d-md", START + 1_000],
    ]);
    assert.equal(machines[1].report.kubernetesVersion, "v1.32.4");
  });

  it("a repeated identical report writes nothing", async () => {
    const source = await crashedWhileBooting();
    const before = source.records.length;
    await source.registry.reportNode({
      namespace: "default",
      cluster: "d",
      nodeName: "d-md",
      labels: {},
      kubernetesVersion: "v1.32.4",
    });
    assert.equal(source.records.length, before);
  });
});
