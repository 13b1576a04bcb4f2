// An apply patch of a built-in kind that does not fit its type, as kube-apiserver v1.36.3 answers
// it (scripts/oracle/_apply_type_probes.ts): 500, no reason, `failed to create typed patch object
// (<ns>/<name>; <gvk>): <structured-merge-diff's errors>`, whatever fieldValidation says.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { kubeFixture } from "./kube_fixture.ts";

const NS = "/api/v1/namespaces/default";
const APPS = "/apis/apps/v1/namespaces/default";
const APPLY = { "content-type": "application/apply-patch+yaml" };
const configMap = (name: string, rest: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${rest}`;
const deployment = (spec: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n${spec}`;

const CASES: [string, string, string][] = [
  [
    `${NS}/configmaps/c`,
    configMap("c", "data:\n  a: yes\n"),
    "(/c; /v1, Kind=ConfigMap): .data.a: expected string, got &value.valueUnstructured{Value:true}",
  ],
  [
    `${NS}/configmaps/c`,
    configMap("c", "foo: 1\n"),
    "(/c; /v1, Kind=ConfigMap): .foo: field not declared in schema",
  ],
  [
    `${NS}/configmaps/c`,
    configMap("c", "data:\n  a: [x, 1]\n"),
    '(/c; /v1, Kind=ConfigMap): .data.a: expected string, got &value.valueUnstructured{Value:[]interface {}{"x", 1}}',
  ],
  [
    `${APPS}/deployments/d`,
    deployment('  paused: "x"\n'),
    "(/d; apps/v1, Kind=Deployment): .spec.paused: expected boolean, got &{x}",
  ],
  [
    `${APPS}/deployments/d`,
    deployment('  replicas: "3"\n'),
    "(/d; apps/v1, Kind=Deployment): .spec.replicas: expected numeric (int or float), got string",
  ],
  [
    `${APPS}/deployments/d`,
    deployment("  template:\n    spec:\n      containers: {a: 1}\n"),
    "(/d; apps/v1, Kind=Deployment): .spec.template.spec.containers: expected list, got &{map[a:1]}",
  ],
  [
    `${NS}/pods/p`,
    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: x\n    imagePullPolice: Always\n",
    '(/p; /v1, Kind=Pod): .spec.containers[name="c"].imagePullPolice: field not declared in schema',
  ],
  [
    `${NS}/pods/p`,
    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: x\n    resources:\n      limits:\n        cpu: {a: 1}\n",
    '(/p; /v1, Kind=Pod): .spec.containers[name="c"].resources.limits.cpu: expected any scalar, got &{map[a:1]}',
  ],
];

describe("apply patches that do not fit their type", () => {
  for (const [path, body, expected] of CASES) {
    it(`is 500 ${expected.slice(expected.indexOf(":") + 2)}`, async () => {
      const { call } = kubeFixture({ kubernetesVersion: "v1.36.3" });
      const answer = await call(
        "PATCH",
        `${path}?fieldManager=a&fieldValidation=Ignore`,
        body,
        APPLY,
      );
      assert.equal(answer.status, 500);
      assert.deepEqual(answer.json, {
        kind: "Status",
        apiVersion: "v1",
        metadata: {},
        status: "Failure",
        message: `failed to create typed patch object ${expected}`,
        code: 500,
      });
      assert.equal((await call("GET", path)).status, 404);
    });
  }

  it("a missing object's status is 404 before its type is checked", async () => {
    const { call } = kubeFixture({ kubernetesVersion: "v1.36.3" });
    const answer = await call(
      "PATCH",
      `${APPS}/deployments/d/status?fieldManager=a`,
      deployment("  replicas: x\n"),
      APPLY,
    );
    assert.equal(answer.status, 404);
  });
});
