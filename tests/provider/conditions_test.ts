import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  type Condition,
  conditionOf,
  isTrue,
  setCondition,
} from "../../src/provider/conditions.ts";

const T0 = new Date("2026-05-06T07:08:09.345Z");
const T1 = new Date("2026-05-06T07:09:10.999Z");

describe("setCondition", () => {
  it("adds a condition at the end, stamped with whole-second RFC 3339 time", () => {
    const before: Condition[] = [
      { type: "A", status: "True", reason: "Fine", lastTransitionTime: "2026-01-01T00:00:00Z" },
    ];
    const after = setCondition(before, { type: "B", status: "False", reason: "Waiting" }, T0);
    assert.deepEqual(after, [
      before[0],
      {
        type: "B",
        status: "False",
        reason: "Waiting",
        message: "",
        lastTransitionTime: "2026-05-06T07:08:09Z",
      },
    ]);
    assert.equal(before.length, 1, "the input list is not changed");
  });

  it("replaces a condition in place, keeping the order of the others", () => {
    let conditions: Condition[] = [];
    for (const type of ["A", "B", "C"]) {
      conditions = setCondition(conditions, { type, status: "False", reason: "Waiting" }, T0);
    }
    const after = setCondition(
      conditions,
      { type: "B", status: "True", reason: "Done", message: "ok" },
      T1,
    );
    assert.deepEqual(after.map((c) => c.type), ["A", "B", "C"]);
    assert.deepEqual(after[1], {
      type: "B",
      status: "True",
      reason: "Done",
      message: "ok",
      lastTransitionTime: "2026-05-06T07:09:10Z",
    });
    assert.equal(after[0], conditions[0]);
    assert.equal(after[2], conditions[2]);
  });

  it("keeps lastTransitionTime when only reason or message change", () => {
    const first = setCondition([], { type: "Ready", status: "False", reason: "A" }, T0);
    const second = setCondition(
      first,
      { type: "Ready", status: "False", reason: "B", message: "still waiting" },
      T1,
    );
    assert.equal(second.length, 1);
    assert.equal(second[0].lastTransitionTime, "2026-05-06T07:08:09Z");
    assert.equal(second[0].reason, "B");
    assert.equal(second[0].message, "still waiting");
  });

  it("moves lastTransitionTime when the status changes", () => {
    const first = setCondition([], { type: "Ready", status: "False", reason: "A" }, T0);
    const second = setCondition(first, { type: "Ready", status: "True", reason: "B" }, T1);
    assert.equal(second[0].lastTransitionTime, "2026-05-06T07:09:10Z");
    const third = setCondition(second, { type: "Ready", status: "Unknown", reason: "C" }, T0);
    assert.equal(third[0].lastTransitionTime, "2026-05-06T07:08:09Z");
  });

  it("defaults the message to an empty string, also when replacing one that had a message", () => {
    const first = setCondition(
      [],
      { type: "Ready", status: "False", reason: "A", message: "why" },
      T0,
    );
    const second = setCondition(first, { type: "Ready", status: "False", reason: "A" }, T0);
    assert.equal(second[0].message, "");
  });

  it("keeps observedGeneration when given", () => {
    const [condition] = setCondition(
      [],
      { type: "Ready", status: "True", reason: "A", observedGeneration: 3 },
      T0,
    );
    assert.equal(condition.observedGeneration, 3);
  });
});

describe("conditionOf and isTrue", () => {
  it("find a condition by type and tell whether it is True", () => {
    const conditions = setCondition(
      setCondition([], { type: "A", status: "True", reason: "x" }, T0),
      { type: "B", status: "Unknown", reason: "y" },
      T0,
    );
    assert.equal(conditionOf(conditions, "B")?.reason, "y");
    assert.equal(conditionOf(conditions, "C"), undefined);
    assert.deepEqual([isTrue(conditions, "A"), isTrue(conditions, "B"), isTrue(conditions, "C")], [
      true,
      false,
      false,
    ]);
  });
});
