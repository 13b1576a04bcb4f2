// Tests metav1.LabelSelector conversion, which follows upstream's LabelSelectorAsSelector.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { labelSelectorFromObject, SelectorError } from "../../src/selectors/mod.ts";

function rejects(selector: Parameters<typeof labelSelectorFromObject>[0], message: string) {
  assert.throws(() => labelSelectorFromObject(selector), (error) => {
    assert.ok(error instanceof SelectorError);
    assert.equal(error.message, message);
    return true;
  });
}

describe("labelSelectorFromObject", () => {
  it("a missing selector selects nothing", () => {
    for (const selector of [null, undefined]) {
      const nothing = labelSelectorFromObject(selector);
      assert.equal(nothing.empty, false);
      assert.equal(nothing.matches({}), false);
      assert.equal(nothing.matches({ a: "b" }), false);
      assert.equal(nothing.toString(), "");
    }
  });

  it("an empty selector selects everything", () => {
    for (const selector of [{}, { matchLabels: {}, matchExpressions: [] }, { matchLabels: null }]) {
      const everything = labelSelectorFromObject(selector);
      assert.equal(everything.empty, true);
      assert.equal(everything.matches({ a: "b" }), true);
      assert.equal(everything.matches(undefined), true);
    }
  });

  it("ANDs matchLabels and matchExpressions, printed sorted by key", () => {
    const selector = labelSelectorFromObject({
      matchLabels: { tier: "control-plane", "cluster.x-k8s.io/cluster-name": "c1" },
      matchExpressions: [
        { key: "component", operator: "In", values: ["kube-scheduler", "etcd"] },
        { key: "gone", operator: "DoesNotExist" },
        { key: "zone", operator: "NotIn", values: ["a"] },
        { key: "app", operator: "Exists" },
      ],
    });
    assert.equal(
      selector.toString(),
      "app,cluster.x-k8s.io/cluster-name=c1,component in (etcd,kube-scheduler),!gone,tier=control-plane,zone notin (a)",
    );
    const labels = {
      app: "x",
      "cluster.x-k8s.io/cluster-name": "c1",
      component: "etcd",
      tier: "control-plane",
    };
    assert.equal(selector.matches(labels), true);
    assert.equal(selector.matches({ ...labels, zone: "a" }), false);
    assert.equal(selector.matches({ ...labels, gone: "" }), false);
    assert.equal(selector.matches({ ...labels, component: "coredns" }), false);
  });

  it("rejects an unknown operator", () => {
    rejects(
      { matchExpressions: [{ key: "a", operator: "Gt", values: ["1"] }] },
      '"Gt" is not a valid label selector operator',
    );
  });

  it("rejects In and NotIn without values", () => {
    const message =
      "values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty";
    rejects({ matchExpressions: [{ key: "a", operator: "In" }] }, message);
    rejects({ matchExpressions: [{ key: "a", operator: "NotIn", values: [] }] }, message);
  });

  it("rejects Exists with values", () => {
    rejects(
      { matchExpressions: [{ key: "a", operator: "Exists", values: ["x"] }] },
      'values: Invalid value: ["x"]: values set must be empty for exists and does not exist',
    );
  });

  it("rejects invalid keys and values with field paths", () => {
    rejects(
      { matchLabels: { "-a": "b" } },
      "key: Invalid value: \"-a\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    );
    rejects(
      { matchLabels: { a: "z".repeat(64) } },
      `values[0][a]: Invalid value: "${"z".repeat(64)}": must be no more than 63 characters`,
    );
  });
});
