// Operation-sequence tables for the updater, as structured-merge-diff's internal/fixture: apply, force-apply, update.

import assert from "node:assert/strict";
import {
  apply,
  ConflictError,
  encodeFieldsV1,
  type Json,
  type Managers,
  pathString,
  type TypeRef,
  update,
} from "../../../src/api/apply/mod.ts";

/** One operation of a sequence; `conflicts` lists `manager path` lines an apply must fail with. */
export type Operation =
  | { apply: string; object: Json; conflicts?: string[] }
  | { forceApply: string; object: Json }
  | { update: string; object: Json };

/** A test case: the operations, then the live object and each manager's set as FieldsV1. */
export interface TestCase {
  readonly ops: readonly Operation[];
  readonly object?: Json;
  readonly managed?: Readonly<Record<string, string>>;
}

/** Runs the operations from no object, checking conflicts, then the final object and managers. */
export function run(type: TypeRef, testCase: TestCase): void {
  let live: Json | undefined;
  let managers: Managers = new Map();
  for (const [i, op] of testCase.ops.entries()) {
    if ("update" in op) {
      managers = update(type, live, op.object, "v1", managers, op.update);
      live = op.object;
      continue;
    }
    const manager = "apply" in op ? op.apply : op.forceApply;
    const force = "forceApply" in op;
    const expected = "apply" in op ? op.conflicts : undefined;
    try {
      const result = apply(type, live, op.object, "v1", managers, manager, force);
      assert.equal(expected, undefined, `op ${i}: expected conflicts ${expected}`);
      managers = result.managers;
      if (result.object !== undefined) live = result.object;
    } catch (error) {
      if (!(error instanceof ConflictError) || expected === undefined) throw error;
      assert.deepEqual(
        error.conflicts.map((c) => `${c.manager} ${pathString(c.path)}`),
        expected,
        `op ${i}: conflicts`,
      );
    }
  }
  if (testCase.object !== undefined) assert.deepEqual(live, testCase.object);
  if (testCase.managed !== undefined) {
    const actual = Object.fromEntries(
      [...managers].map(([id, entry]) => [id, encodeFieldsV1(entry.set)]),
    );
    assert.deepEqual(actual, testCase.managed);
  }
}
