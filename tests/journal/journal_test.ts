// Group commit: one sink write per turn, answers held until durable, failures fail later answers.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  answerWhenDurable,
  decodeFile,
  Journal,
  type JournalRecord,
  type JournalSink,
} from "../../src/journal/mod.ts";
import { concatBytes } from "../../src/encoding/mod.ts";

const record = (n: number): JournalRecord => ({ t: "unregister", cluster: `default/c${n}` });

const register = (n: number): JournalRecord => ({
  t: "register",
  cluster: `default/r${n}`,
  registered: { namespace: "default", name: `r${n}` } as never,
});

const configMap = (type: "ADDED" | "MODIFIED", n: number): JournalRecord => ({
  t: "change",
  cluster: "default/c1",
  change: {
    type,
    resource: "configmaps",
    key: `default/cm-${n}`,
    object: {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: `cm-${n}` },
      data: { n: `${n}` },
    },
    resourceVersion: n + 2,
  },
});

function manualSink() {
  const writes: Uint8Array[] = [];
  const snapshots: Uint8Array[] = [];
  const pending: PromiseWithResolvers<void>[] = [];
  const sink: JournalSink = {
    append(bytes) {
      writes.push(bytes);
      const done = Promise.withResolvers<void>();
      pending.push(done);
      return done.promise;
    },
    rotate: () =>
      Promise.resolve(async (snapshot) => {
        const slices: Uint8Array[] = [];
        for await (const slice of snapshot) slices.push(slice);
        snapshots.push(concatBytes(slices));
      }),
    close: () => Promise.resolve(),
  };
  return { sink, writes, snapshots, pending };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function manualSchedule() {
  const flushes: (() => void)[] = [];
  return { schedule: (flush: () => void) => flushes.push(flush), flushes };
}

describe("Journal", () => {
  it("records of one turn go out in one write; answers wait for it", async () => {
    const { sink, writes, pending } = manualSink();
    const { schedule, flushes } = manualSchedule();
    const journal = new Journal({ sink, schedule, snapshot: () => [] });
    assert.equal(journal.durable(), undefined, "nothing pending: answers pass through");
    journal.append(record(1));
    journal.append(record(2));
    assert.equal(flushes.length, 1);
    let answered = false;
    const answer = Promise.resolve(
      answerWhenDurable(journal, "ok", () => "failed"),
    ).then((value) => {
      answered = true;
      return value;
    });
    flushes[0]();
    await tick();
    assert.equal(writes.length, 1);
    assert.equal(answered, false, "held until the write completes");
    pending[0].resolve();
    assert.equal(await answer, "ok");
    const header = new Uint8Array([...new TextEncoder().encode("FKASJNL"), 1]);
    const decoded = decodeFile(new Uint8Array([...header, ...writes[0]]), "j");
    assert.deepEqual(decoded.records, [record(1), record(2)]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.equal(journal.durable(), undefined);
  });

  it("records that arrive during a write share the next one", async () => {
    const { sink, writes, pending } = manualSink();
    const { schedule, flushes } = manualSchedule();
    const journal = new Journal({ sink, schedule, snapshot: () => [] });
    journal.append(record(1));
    flushes[0]();
    await tick();
    journal.append(record(2));
    journal.append(record(3));
    assert.equal(flushes.length, 1, "no flush while the first write is in flight");
    const second = journal.durable()!;
    pending[0].resolve();
    await tick();
    assert.equal(writes.length, 2);
    const header = new Uint8Array([...new TextEncoder().encode("FKASJNL"), 1]);
    assert.deepEqual(decodeFile(new Uint8Array([...header, ...writes[1]]), "j").records, [
      record(2),
      record(3),
    ]);
    pending[1].resolve();
    await second;
    const closing = journal.close();
    await closing;
  });

  it("a failed write fails its answers and every later one", async () => {
    const { sink, pending } = manualSink();
    const { schedule, flushes } = manualSchedule();
    const errors: unknown[] = [];
    const journal = new Journal({
      sink,
      schedule,
      snapshot: () => [],
      onError: (error) => errors.push(error),
    });
    journal.append(record(1));
    const answer = answerWhenDurable(journal, "ok", () => "failed");
    flushes[0]();
    await tick();
    pending[0].reject(new Error("ENOSPC: no space left on device"));
    assert.equal(await answer, "failed");
    assert.equal(errors.length, 1);
    assert.match((errors[0] as Error).message, /Cannot write the journal: ENOSPC/);
    assert.equal(await answerWhenDurable(journal, "ok", () => "failed"), "failed");
  });

  it("past compactAfterBytes a flush writes the batch, starts a new journal, then a snapshot beside it", async () => {
    const { sink, writes, snapshots, pending } = manualSink();
    const { schedule, flushes } = manualSchedule();
    const journal = new Journal({
      sink,
      schedule,
      snapshot: () => [record(99)],
      compactAfterBytes: 10,
    });
    journal.append(record(1));
    flushes[0]();
    await tick();
    assert.equal(snapshots.length, 0, "the snapshot waits for the batch before it");
    pending[0].resolve();
    await journal.durable();
    assert.equal(writes.length, 1);
    await journal.close();
    assert.equal(snapshots.length, 1);
    assert.deepEqual(decodeFile(snapshots[0], "s").records, [record(99)]);
    assert.equal(journal.stats.compactions, 1);
  });

  it("past compactAfterBytes a journal of creations takes no snapshot until a quarter of it supersedes earlier records", async () => {
    const { sink, snapshots, pending } = manualSink();
    const { schedule, flushes } = manualSchedule();
    const journal = new Journal({
      sink,
      schedule,
      snapshot: () => [record(99)],
      compactAfterBytes: 4096,
    });
    const write = async (type: "ADDED" | "MODIFIED", count: number) => {
      for (let i = 0; i < count; i++) {
        journal.append(configMap(type, i));
        flushes[flushes.length - 1]();
        await tick();
        pending[pending.length - 1].resolve();
        await journal.durable();
      }
    };
    await write("ADDED", 40); // ~200 bytes each: twice the threshold
    assert.equal(journal.stats.compactions, 0, "creations alone: nothing a snapshot would drop");
    await write("MODIFIED", 6);
    assert.equal(journal.stats.compactions, 0, "a seventh superseding: not yet a quarter");
    // Each a derived record (~150 bytes: nothing changed but the type) beside ~200 of a creation.
    await write("MODIFIED", 14);
    assert.equal(journal.stats.compactions, 1);
    await journal.close();
    assert.equal(snapshots.length, 1);
  });

  it("a journal of creations is snapshotted at compactCreationsAfterBytes, and after an unregister at compactAfterBytes", async () => {
    for (const [extra, expected] of [[[], 0], [[record(1)], 1]] as const) {
      const { sink, pending } = manualSink();
      const { schedule, flushes } = manualSchedule();
      const journal = new Journal({
        sink,
        schedule,
        snapshot: () => [],
        compactAfterBytes: 4096,
        compactCreationsAfterBytes: 16 * 4096,
      });
      for (const r of [...Array.from({ length: 30 }, (_, i) => configMap("ADDED", i)), ...extra]) {
        journal.append(r);
        flushes[flushes.length - 1]();
        await tick();
        pending[pending.length - 1].resolve();
        await journal.durable();
      }
      assert.equal(journal.stats.compactions, expected);
      await journal.close();
    }
    const { sink, pending } = manualSink();
    const { schedule, flushes } = manualSchedule();
    const journal = new Journal({
      sink,
      schedule,
      snapshot: () => [],
      compactAfterBytes: 4096,
      compactCreationsAfterBytes: 16 * 4096,
    });
    for (let i = 0; journal.stats.compactions === 0; i++) {
      journal.append(configMap("ADDED", i));
      flushes[flushes.length - 1]();
      await tick();
      pending[pending.length - 1].resolve();
      await journal.durable();
      assert.ok(i < 16 * 4096 / 150, "compacted by compactCreationsAfterBytes");
    }
    assert.ok(journal.stats.records > 16 * 4096 / 250, "not before compactCreationsAfterBytes");
    await journal.close();
  });

  it("a journal of creations is snapshotted once registrations stop for `idle.afterMs`, not while they go on", async () => {
    const { sink, snapshots } = manualSink();
    sink.append = () => Promise.resolve();
    const timers: { ms: number; fire: () => void; cancelled: boolean }[] = [];
    const pendingTimers = () => timers.filter((t) => !t.cancelled);
    const journal = new Journal({
      sink,
      schedule: queueMicrotask,
      snapshot: () => [register(99)],
      compactAfterBytes: 4096,
      idle: {
        afterMs: 3000,
        timer: (ms, fire) => {
          const timer = { ms, fire, cancelled: false };
          timers.push(timer);
          return () => timer.cancelled = true;
        },
      },
    });
    const fire = async () => {
      const [timer] = pendingTimers();
      timer.cancelled = true;
      timer.fire();
      await journal.durable();
      for (let i = 0; i < 5; i++) await tick();
    };
    // Object writes alone arm nothing (no wave of creations to end).
    for (let i = 0; i < 40; i++) journal.append(configMap("ADDED", i));
    await journal.durable();
    assert.equal(timers.length, 0);
    // Registrations arm one timer, whatever their number.
    let n = 0;
    const registerSome = async () => {
      for (let i = 0; i < 3; i++) journal.append(register(n++));
      await journal.durable();
    };
    await registerSome();
    assert.deepEqual(timers.map((t) => t.ms), [3000]);
    // Still registering when it fires: it looks again later.
    await registerSome();
    await fire();
    assert.equal(journal.stats.compactions, 0);
    assert.equal(pendingTimers().length, 1, "re-armed");
    // Quiet for a whole period: a snapshot (the journal is past compactAfterBytes).
    await fire();
    assert.equal(journal.stats.compactions, 1);
    assert.equal(snapshots.length, 1);
    assert.equal(pendingTimers().length, 0);
    // A few registrations after it: the new journal is far below the size, so no snapshot.
    await registerSome();
    await fire();
    assert.equal(journal.stats.compactions, 1);
    // close() cancels a pending timer.
    await registerSome();
    assert.equal(pendingTimers().length, 1);
    await journal.close();
    assert.equal(pendingTimers().length, 0);
  });

  it("after a restart, resumeIdle arms the idle snapshot when the journal holds registrations, and only then", async () => {
    for (const registrations of [0, 3]) {
      const { sink, snapshots } = manualSink();
      const timers: { ms: number; fire: () => void }[] = [];
      const journal = new Journal({
        sink,
        schedule: queueMicrotask,
        snapshot: () => [register(99)],
        compactAfterBytes: 4096,
        existing: { journalBytes: 8192, snapshotBytes: 0, registrations },
        idle: { afterMs: 3000, timer: (ms, fire) => (timers.push({ ms, fire }), () => {}) },
      });
      assert.equal(timers.length, 0, "nothing armed before the state is restored");
      journal.resumeIdle();
      assert.deepEqual(timers.map((t) => t.ms), registrations ? [3000] : []);
      timers[0]?.fire();
      for (let i = 0; i < 5; i++) await tick();
      assert.equal(journal.stats.compactions, registrations ? 1 : 0);
      assert.equal(snapshots.length, registrations ? 1 : 0);
      await journal.close();
    }
  });

  it("at start-up the journal's superseding bytes are what the data dir says, or all of it when unknown", async () => {
    for (const [supersedingBytes, expected] of [[0, 0], [undefined, 1]] as const) {
      const { sink, pending } = manualSink();
      const { schedule, flushes } = manualSchedule();
      const journal = new Journal({
        sink,
        schedule,
        snapshot: () => [],
        compactAfterBytes: 4096,
        existing: { journalBytes: 10_000, snapshotBytes: 0, supersedingBytes },
      });
      journal.append(configMap("ADDED", 1));
      flushes[0]();
      await tick();
      pending[0].resolve();
      await journal.durable();
      assert.equal(journal.stats.compactions, expected);
      await journal.close();
    }
  });

  it("records are encoded when their batch is written, with the text the answer serialized meanwhile", async () => {
    const { sink, writes, pending } = manualSink();
    const { schedule, flushes } = manualSchedule();
    const serialized = new WeakMap<object, string>();
    const journal = new Journal({
      sink,
      schedule,
      snapshot: () => [],
      cachedJson: (object) => serialized.get(object),
    });
    const object = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" } };
    journal.append({
      t: "change",
      cluster: "default/c1",
      change: {
        type: "ADDED",
        resource: "configmaps",
        key: "default/a",
        object,
        resourceVersion: 2,
      },
    });
    // The answer serializes the object after the store's write and before the batch goes out:
    // the journal takes that text (recognizable by its spacing) instead of stringifying again.
    serialized.set(
      object,
      '{ "apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"} }',
    );
    flushes[0]();
    await tick();
    pending[0].resolve();
    assert.match(new TextDecoder().decode(writes[0]), /"object":\{ "apiVersion": "v1"/);
  });

  it("a record that cannot be encoded fails the answers waiting for its batch, not the process", async () => {
    const { sink, writes } = manualSink();
    const { schedule, flushes } = manualSchedule();
    const journal = new Journal({ sink, schedule, snapshot: () => [] });
    journal.append({ t: "booted", cluster: "default/c1", node: 1n as unknown as string });
    const durable = journal.durable();
    flushes[0]();
    await assert.rejects(durable!, /Cannot write the journal: .*BigInt/i);
    assert.equal(writes.length, 0);
    await assert.rejects(journal.durable()!, /Cannot write the journal/);
  });
});
