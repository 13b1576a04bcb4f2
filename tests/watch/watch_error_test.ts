import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { openWatch, validateWatchSpec, WatchError } from "../../src/watch/mod.ts";
import { FakeClock, newStore, podSpec } from "./_fixtures.ts";

function rejection(overrides: Parameters<typeof podSpec>[0]): WatchError {
  const { store, listeners } = newStore();
  const clock = new FakeClock();
  try {
    openWatch(store, podSpec(overrides), { clock });
  } catch (error) {
    assert.equal(listeners(), 0);
    assert.equal(clock.pendingTimers, 0);
    if (error instanceof WatchError) return error;
    throw error;
  }
  throw new Error("Cannot reject: the watch opened");
}

describe("watch option validation (ValidateListOptions with watch=true)", () => {
  it("sendInitialEvents without resourceVersionMatch=NotOlderThan is 422 Invalid", () => {
    const error = rejection({ sendInitialEvents: true });
    assert.equal(
      error.message,
      'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan',
    );
    assert.deepEqual(error.toStatus(), {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: error.message,
      reason: "Invalid",
      details: {
        group: "meta.k8s.io",
        kind: "ListOptions",
        causes: [{
          reason: "FieldValueForbidden",
          message:
            "Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan",
          field: "resourceVersionMatch",
        }],
      },
      code: 422,
    });
  });

  it("resourceVersionMatch without sendInitialEvents is forbidden", () => {
    assert.equal(
      rejection({ resourceVersionMatch: "NotOlderThan" }).message,
      'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided',
    );
  });

  it("several errors are listed in brackets", () => {
    assert.equal(
      rejection({ resourceVersionMatch: "Exact", sendInitialEvents: false }).message,
      'ListOptions.meta.k8s.io "" is invalid: [resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan, resourceVersionMatch: Unsupported value: "Exact": supported values: "NotOlderThan"]',
    );
  });

  it("accepts the forms clients send", () => {
    assert.deepEqual(validateWatchSpec({}), []);
    assert.deepEqual(
      validateWatchSpec({ sendInitialEvents: true, resourceVersionMatch: "NotOlderThan" }),
      [],
    );
    assert.deepEqual(
      validateWatchSpec({ sendInitialEvents: false, resourceVersionMatch: "NotOlderThan" }),
      [],
    );
  });
});
