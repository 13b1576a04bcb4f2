// Every activated cluster serves kube-apiserver's APF defaults: managedFields, status and Table as upstream.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ensureActivation } from "../../src/cluster/activation.ts";
import type { FakeCluster } from "../../src/cluster/mod.ts";
import { kubeFixture } from "../kube/kube_fixture.ts";

const NOW = new Date("2026-01-02T03:04:05Z");
const FC = "/apis/flowcontrol.apiserver.k8s.io/v1";
const TABLE = { accept: "application/json;as=Table;v=v1;g=meta.k8s.io,application/json" };

// deno-lint-ignore no-explicit-any
type Loose = any;

function activated() {
  const fixture = kubeFixture({ now: NOW });
  ensureActivation(fixture.cluster as unknown as FakeCluster, NOW);
  return fixture;
}

describe("APF defaults in a cluster", () => {
  it("a FlowSchema carries the producer's create and the consumer's status apply", async () => {
    const { call } = activated();
    const schema = (await call("GET", `${FC}/flowschemas/kube-scheduler`)).json;
    assert.equal(schema.metadata.generation, 1);
    assert.deepEqual(schema.metadata.managedFields, [
      {
        manager: "api-priority-and-fairness-config-consumer-v1",
        operation: "Apply",
        apiVersion: "flowcontrol.apiserver.k8s.io/v1",
        time: "2026-01-02T03:04:05Z",
        fieldsType: "FieldsV1",
        fieldsV1: {
          "f:status": {
            "f:conditions": {
              'k:{"type":"Dangling"}': {
                ".": {},
                "f:lastTransitionTime": {},
                "f:message": {},
                "f:reason": {},
                "f:status": {},
                "f:type": {},
              },
            },
          },
        },
        subresource: "status",
      },
      {
        manager: "api-priority-and-fairness-config-producer-v1",
        operation: "Update",
        apiVersion: "flowcontrol.apiserver.k8s.io/v1",
        time: "2026-01-02T03:04:05Z",
        fieldsType: "FieldsV1",
        fieldsV1: {
          "f:metadata": {
            "f:annotations": { ".": {}, "f:apf.kubernetes.io/autoupdate-spec": {} },
          },
          "f:spec": {
            "f:distinguisherMethod": { ".": {}, "f:type": {} },
            "f:matchingPrecedence": {},
            // A non-pointer struct: no "." (as kube-apiserver v1.36.3 answers, scripts/oracle).
            "f:priorityLevelConfiguration": { "f:name": {} },
            "f:rules": {},
          },
        },
      },
    ]);
    const level = (await call("GET", `${FC}/prioritylevelconfigurations/exempt`)).json;
    assert.deepEqual(level.status, {});
    assert.deepEqual(
      level.metadata.managedFields.map((e: Loose) => `${e.manager}/${e.operation}`),
      ["api-priority-and-fairness-config-producer-v1/Update"],
    );
    assert.deepEqual(level.metadata.managedFields[0].fieldsV1["f:spec"], {
      "f:exempt": { ".": {}, "f:lendablePercent": {}, "f:nominalConcurrencyShares": {} },
      "f:type": {},
    });
  });

  it("kubectl's Tables: schemas by matching precedence, levels with their queuing", async () => {
    const { call } = activated();
    const schemas = (await call("GET", `${FC}/flowschemas`, undefined, TABLE)).json;
    assert.deepEqual(
      schemas.columnDefinitions.map((c: Loose) => c.name),
      ["Name", "PriorityLevel", "MatchingPrecedence", "DistinguisherMethod", "Age", "MissingPL"],
    );
    // Described by the fields' docs, as kube's printers declare them (scripts/oracle, v1.36.3).
    assert.match(
      schemas.columnDefinitions[2].description,
      /^`matchingPrecedence` is used to choose among the FlowSchemas that match a given request\./,
    );
    assert.deepEqual(schemas.rows.slice(0, 3).map((r: Loose) => r.cells), [
      ["exempt", "exempt", 1, "<none>", "0s", "False"],
      ["probes", "exempt", 2, "<none>", "0s", "False"],
      ["system-leader-election", "leader-election", 100, "ByUser", "0s", "False"],
    ]);
    assert.deepEqual(schemas.rows.at(-1).cells.slice(0, 3), ["catch-all", "catch-all", 10000]);
    const levels = (await call("GET", `${FC}/prioritylevelconfigurations`, undefined, TABLE)).json;
    const cells = (name: string) => levels.rows.find((r: Loose) => r.cells[0] === name).cells;
    assert.deepEqual(cells("exempt"), [
      "exempt",
      "Exempt",
      "<none>",
      "<none>",
      "<none>",
      "<none>",
      "0s",
    ]);
    assert.deepEqual(cells("catch-all"), [
      "catch-all",
      "Limited",
      5,
      "<none>",
      "<none>",
      "<none>",
      "0s",
    ]);
    assert.deepEqual(cells("workload-low"), ["workload-low", "Limited", 100, 128, 6, 50, "0s"]);
  });

  it("a spec change by a client bumps the generation; other clusters keep theirs", async () => {
    const one = activated();
    const two = activated();
    const patched = await one.call(
      "PATCH",
      `${FC}/prioritylevelconfigurations/workload-low`,
      { spec: { limited: { nominalConcurrencyShares: 7 } } },
      { "content-type": "application/merge-patch+json" },
    );
    assert.equal(patched.status, 200);
    assert.equal(patched.json.metadata.generation, 2);
    const other = (await two.call("GET", `${FC}/prioritylevelconfigurations/workload-low`)).json;
    assert.equal(other.spec.limited.nominalConcurrencyShares, 100);
    assert.equal(other.metadata.generation, 1);
  });
});
