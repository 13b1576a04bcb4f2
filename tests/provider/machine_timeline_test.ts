import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { PhaseDelay } from "../../src/cluster/mod.ts";
import type { Condition } from "../../src/provider/conditions.ts";
import {
  type PhaseName,
  planMachine,
  stableDraw,
  type TimelineInput,
} from "../../src/provider/machine_timeline.ts";

const START = Date.parse("2026-03-04T05:06:07Z");
const ms = (startupMs: number, jitter = 0): PhaseDelay => ({ startupMs, jitter });
const DELAYS = { vm: ms(1000), node: ms(2000), etcd: ms(300), apiServer: ms(500) };
const NO_DELAYS = { vm: ms(0), node: ms(0), etcd: ms(0), apiServer: ms(0) };

const provisioned = (type: string, at: number): Condition => ({
  type,
  status: "True",
  reason: "Provisioned",
  lastTransitionTime: new Date(at).toISOString().replace(/\.\d{3}Z$/, "Z"),
});
const waiting = (type: string, at: number): Condition => ({
  type,
  status: "False",
  reason: "WaitingForStartupTimeout",
  lastTransitionTime: new Date(at).toISOString().replace(/\.\d{3}Z$/, "Z"),
});

function plan(overrides: Partial<TimelineInput>) {
  return planMachine({
    controlPlane: true,
    delays: DELAYS,
    conditions: [],
    bootStarted: START,
    now: START,
    draw: () => 0,
    ...overrides,
  });
}

describe("planMachine", () => {
  it("nothing is due before the VM delay; nextInMs is what is left of it", () => {
    assert.deepEqual(plan({ now: START + 400 }), { due: [], nextInMs: 600 });
  });

  it("the VM is due at bootStarted + its delay, and nothing after it yet", () => {
    const result = plan({ now: START + 1000 });
    assert.deepEqual(result.due, ["vm"]);
    // The node counts from the VM completing now.
    assert.equal(result.nextInMs, 2000);
  });

  it("a False VM condition does not count as done", () => {
    const result = plan({ now: START + 500, conditions: [waiting("VMProvisioned", START)] });
    assert.deepEqual(result, { due: [], nextInMs: 500 });
  });

  it("a worker only has the VM and Node phases", () => {
    const result = planMachine({
      controlPlane: false,
      delays: NO_DELAYS,
      conditions: [],
      bootStarted: START,
      now: START,
      draw: () => 0,
    });
    assert.deepEqual(result, { due: ["vm", "node"], nextInMs: undefined });
  });

  it("a control plane also has etcd and API server phases; all due at once without delays", () => {
    const result = plan({ delays: NO_DELAYS });
    assert.deepEqual(result, { due: ["vm", "node", "etcd", "apiServer"], nextInMs: undefined });
  });

  it("the node counts from VMProvisioned's lastTransitionTime when completedAt is unknown", () => {
    const vmDone = START + 1000;
    const conditions = [provisioned("VMProvisioned", vmDone)];
    assert.deepEqual(plan({ conditions, now: vmDone + 1999 }), { due: [], nextInMs: 1 });
    assert.deepEqual(plan({ conditions, now: vmDone + 2000 }).due, ["node"]);
  });

  it("the node counts from completedAt when given, to the ms", () => {
    // The condition only keeps whole seconds; the VM really completed 700 ms later.
    const vmDone = START + 1700;
    const conditions = [provisioned("VMProvisioned", vmDone)];
    const completedAt = (condition: string) => condition === "VMProvisioned" ? vmDone : undefined;
    assert.deepEqual(plan({ conditions, completedAt, now: START + 3000 }), {
      due: [],
      nextInMs: 700,
    });
    assert.deepEqual(plan({ conditions, completedAt, now: vmDone + 2000 }).due, ["node"]);
  });

  it("etcd counts from the node and the API server from etcd (it cannot start without it)", () => {
    const nodeDone = START + 3000;
    const conditions = [
      provisioned("VMProvisioned", START + 1000),
      provisioned("NodeProvisioned", nodeDone),
    ];
    assert.deepEqual(plan({ conditions, now: nodeDone + 299 }), { due: [], nextInMs: 1 });
    assert.deepEqual(plan({ conditions, now: nodeDone + 300 }), { due: ["etcd"], nextInMs: 500 });
    // With etcd done later than the node, the API server counts from etcd.
    const etcdLate = [...conditions, provisioned("EtcdProvisioned", nodeDone + 1000)];
    assert.deepEqual(plan({ conditions: etcdLate, now: nodeDone + 1200 }), {
      due: [],
      nextInMs: 300,
    });
    assert.deepEqual(plan({ conditions: etcdLate, now: nodeDone + 1500 }).due, ["apiServer"]);
    // A shorter API-server delay never puts it before etcd.
    const apiShort = plan({
      conditions,
      delays: { ...DELAYS, etcd: ms(900), apiServer: ms(100) },
      now: nodeDone + 100,
    });
    assert.deepEqual(apiShort, { due: [], nextInMs: 800 });
  });

  it("several phases come due in one plan when later delays are zero", () => {
    const result = plan({
      delays: { vm: ms(1000), node: ms(0), etcd: ms(0), apiServer: ms(50) },
      now: START + 1000,
    });
    assert.deepEqual(result, { due: ["vm", "node", "etcd"], nextInMs: 50 });
  });

  it("nextInMs is the soonest of the future due times", () => {
    const conditions = [
      provisioned("VMProvisioned", START),
      provisioned("NodeProvisioned", START + 1000),
    ];
    const result = plan({
      conditions,
      delays: { ...DELAYS, etcd: ms(5000), apiServer: ms(1500) },
      now: START + 1200,
    });
    // etcd at node + 5000; the API server only 1500 after that.
    assert.deepEqual(result, { due: [], nextInMs: 4800 });
  });

  it("phases already True are never due again (a restart with everything done plans nothing)", () => {
    const conditions = [
      provisioned("VMProvisioned", START + 1000),
      provisioned("NodeProvisioned", START + 3000),
      provisioned("EtcdProvisioned", START + 3000),
      provisioned("APIServerProvisioned", START + 4000),
    ];
    for (const now of [START, START + 4000, START + 3_600_000]) {
      assert.deepEqual(plan({ conditions, now }), { due: [], nextInMs: undefined });
    }
    const worker = planMachine({
      controlPlane: false,
      delays: NO_DELAYS,
      conditions: conditions.slice(0, 2),
      bootStarted: START,
      now: START + 10_000,
      draw: () => 0,
    });
    assert.deepEqual(worker, { due: [], nextInMs: undefined });
  });

  it("jitter: delay = startup + draw × jitter × startup, with the phase's own draw", () => {
    const asked: PhaseName[] = [];
    const draws: Record<PhaseName, number> = { vm: 0.4, node: 0.9, etcd: 0, apiServer: 0 };
    const draw = (phase: PhaseName) => {
      asked.push(phase);
      return draws[phase];
    };
    const delays = { ...DELAYS, vm: ms(1000, 0.5) };
    // 1000 + 0.4 × 0.5 × 1000 = 1200
    assert.deepEqual(plan({ delays, draw, now: START + 1199 }), { due: [], nextInMs: 1 });
    assert.deepEqual(plan({ delays, draw, now: START + 1200 }).due, ["vm"]);
    assert.ok(asked.includes("vm"), asked.join());
    // The node: 2000 + 0.9 × 0.25 × 2000 = 2450 after the VM.
    const conditions = [provisioned("VMProvisioned", START)];
    const nodeJitter = { ...DELAYS, node: ms(2000, 0.25) };
    assert.deepEqual(plan({ delays: nodeJitter, draw, conditions, now: START + 2000 }), {
      due: [],
      nextInMs: 450,
    });
  });
});

describe("stableDraw", () => {
  it("is FNV-1a of the text scaled to [0, 1)", () => {
    // Reference values of 32-bit FNV-1a: "" → 0x811c9dc5, "a" → 0xe40c292c.
    assert.equal(stableDraw(""), 0x811c9dc5 / 2 ** 32);
    assert.equal(stableDraw("a"), 0xe40c292c / 2 ** 32);
  });

  it("is deterministic, in [0, 1), and differs for different texts", () => {
    const texts = Array.from({ length: 500 }, (_, i) => `uid-${i}/${i % 2 ? "vm" : "node"}`);
    const draws = texts.map(stableDraw);
    assert.deepEqual(texts.map(stableDraw), draws);
    for (const draw of draws) assert.ok(draw >= 0 && draw < 1, String(draw));
    assert.equal(new Set(draws).size, texts.length);
    assert.notEqual(stableDraw("uid-1/vm"), stableDraw("uid-1/node"));
    // Spread over the range, not clustered.
    assert.ok(draws.some((d) => d < 0.25) && draws.some((d) => d > 0.75));
  });
});
