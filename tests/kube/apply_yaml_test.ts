// YAML request bodies as kube-apiserver v1.36.3 answers them (scripts/oracle's _yaml_probes.ts):
// the apply patcher's `error decoding YAML`, the YAML serializer's `transformDecodeError`, and
// keys given twice (the last wins; a warning, or a 400 under fieldValidation=Strict).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { kubeFixture } from "./kube_fixture.ts";

const CM = "/api/v1/namespaces/default/configmaps";
const APPLY = { "content-type": "application/apply-patch+yaml" };
const DUPLICATE =
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: "1"\n  a: "2"';

describe("YAML bodies", () => {
  it("a bad apply patch is 400 with go-yaml's words under the patcher's prefix", async () => {
    const { call } = kubeFixture({ kubernetesVersion: "v1.36.3" });
    const answer = await call("PATCH", `${CM}/x?fieldManager=a`, "metadata: [", APPLY);
    assert.equal(answer.status, 400);
    assert.equal(
      answer.json.message,
      "error decoding YAML: error converting YAML to JSON: yaml: line 1: did not find expected node content",
    );
    const list = await call("PATCH", `${CM}/x?fieldManager=a`, "- a", APPLY);
    assert.equal(list.status, 400);
    assert.equal(
      list.json.message,
      "error decoding YAML: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}",
    );
  });

  it("a bad YAML create body is 400 as transformDecodeError words it", async () => {
    const { call } = kubeFixture({ kubernetesVersion: "v1.36.3" });
    const answer = await call("POST", CM, "metadata: [", { "content-type": "application/yaml" });
    assert.equal(answer.status, 400);
    assert.equal(
      answer.json.message,
      "the object provided is unrecognized (must be of type ConfigMap): yaml: line 1: did not find expected node content (6d657461646174613a205b)",
    );
  });

  it("a key given twice in an apply patch keeps the last value with a warning (200/201)", async () => {
    const { call } = kubeFixture({ kubernetesVersion: "v1.36.3" });
    const answer = await call("PATCH", `${CM}/x?fieldManager=a`, DUPLICATE, APPLY);
    assert.equal(answer.status, 201, answer.text);
    assert.deepEqual(answer.json.data, { a: "2" });
    assert.equal(answer.headers.get("warning"), '299 - "line 7: key \\"a\\" already set in map"');
  });

  it("a key given twice under fieldValidation=Strict is 400 and stores nothing", async () => {
    const { call } = kubeFixture({ kubernetesVersion: "v1.36.3" });
    const path = `${CM}/x?fieldManager=a&fieldValidation=Strict`;
    const answer = await call("PATCH", path, DUPLICATE, APPLY);
    assert.equal(answer.status, 400);
    assert.equal(
      answer.json.message,
      'error strict decoding YAML: error converting YAML to JSON: yaml: unmarshal errors:\n  line 7: key "a" already set in map',
    );
    assert.equal((await call("GET", `${CM}/x`)).status, 404);
  });
});
