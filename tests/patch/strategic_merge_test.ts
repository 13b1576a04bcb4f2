// Strategic merge patch directives and list strategies, checked against apimachinery's documented results.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { applyStrategicMergePatch, PatchError, strategicSchemaFor } from "../../src/patch/mod.ts";
import { at, deployment, node } from "./_fixtures.ts";

const DEPLOYMENTS = strategicSchemaFor("apps/deployments");
const NODES = strategicSchemaFor("nodes");

function patchDeployment(patch: unknown): unknown {
  return applyStrategicMergePatch(deployment(), patch, DEPLOYMENTS);
}

function containers(patch: unknown): unknown {
  return at(
    patchDeployment({ spec: { template: { spec: patch } } }),
    "spec.template.spec.containers",
  );
}

describe("applyStrategicMergePatch: lists with a merge key", () => {
  it("merges conditions by type, keeping the fields the patch leaves out", () => {
    const patched = applyStrategicMergePatch(node(), {
      status: { conditions: [{ type: "Ready", status: "True", reason: "KubeletReady" }] },
    }, NODES);
    assert.deepEqual(at(patched, "status.conditions"), [
      { type: "Ready", status: "True", reason: "KubeletReady" },
      { type: "MemoryPressure", status: "False", reason: "KubeletHasSufficientMemory" },
    ]);
  });

  it("puts a new element before the server's ones when no $setElementOrder says otherwise", () => {
    const patched = applyStrategicMergePatch(node(), {
      status: { conditions: [{ type: "DiskPressure", status: "False" }] },
    }, NODES);
    assert.deepEqual((at(patched, "status.conditions") as { type: string }[]).map((c) => c.type), [
      "DiskPressure",
      "Ready",
      "MemoryPressure",
    ]);
  });

  it("merges a container by name and its env by name", () => {
    assert.deepEqual(
      containers({
        containers: [{
          name: "app",
          image: "app:v2",
          env: [{ name: "B", value: "3" }, { name: "C", value: "4" }],
        }],
      }),
      [
        {
          name: "app",
          image: "app:v2",
          env: [{ name: "A", value: "1" }, { name: "B", value: "3" }, { name: "C", value: "4" }],
        },
        { name: "sidecar", image: "sidecar:v1" },
      ],
    );
  });

  it("deletes a container with $patch: delete", () => {
    assert.deepEqual(containers({ containers: [{ name: "sidecar", $patch: "delete" }] }), [
      { name: "app", image: "app:v1", env: [{ name: "A", value: "1" }, { name: "B", value: "2" }] },
    ]);
  });

  it("replaces a merged list with $patch: replace", () => {
    assert.deepEqual(
      containers({ containers: [{ name: "only", image: "only:v1" }, { $patch: "replace" }] }),
      [{ name: "only", image: "only:v1" }],
    );
  });

  it("orders a list by $setElementOrder", () => {
    assert.deepEqual(
      (containers({
        "$setElementOrder/containers": [{ name: "sidecar" }, { name: "new" }, { name: "app" }],
        containers: [{ name: "new", image: "new:v1" }],
      }) as { name: string }[]).map((c) => c.name),
      ["sidecar", "new", "app"],
    );
  });

  it("merges ownerReferences by uid", () => {
    const pod = {
      metadata: { name: "p", ownerReferences: [{ uid: "u1", kind: "ReplicaSet", name: "rs" }] },
    };
    const patched = applyStrategicMergePatch(pod, {
      metadata: {
        ownerReferences: [{ uid: "u1", controller: true }, { uid: "u2", kind: "Node", name: "n" }],
      },
    }, strategicSchemaFor("pods"));
    assert.deepEqual(at(patched, "metadata.ownerReferences"), [
      { uid: "u1", kind: "ReplicaSet", name: "rs", controller: true },
      { uid: "u2", kind: "Node", name: "n" },
    ]);
  });

  it("refuses an element without its merge key (kube-apiserver: a 500)", () => {
    assert.throws(() => containers({ containers: [{ image: "x" }] }), {
      name: "PatchError",
      reason: "Unclassified",
      message: "map: map[image:x] does not contain declared merge key: name",
    });
  });
});

describe("applyStrategicMergePatch: primitive lists and directives", () => {
  it("unions a merge-strategy primitive list without duplicates", () => {
    assert.deepEqual(
      at(patchDeployment({ metadata: { finalizers: ["b", "c"] } }), "metadata.finalizers"),
      [
        "a",
        "b",
        "c",
      ],
    );
  });

  it("removes values with $deleteFromPrimitiveList/finalizers", () => {
    const patched = patchDeployment({ metadata: { "$deleteFromPrimitiveList/finalizers": ["a"] } });
    assert.deepEqual(at(patched, "metadata.finalizers"), ["b"]);
  });

  it("clears unlisted keys with $retainKeys", () => {
    const patched = patchDeployment({
      spec: { strategy: { $retainKeys: ["type"], type: "Recreate" } },
    });
    assert.deepEqual(at(patched, "spec.strategy"), { type: "Recreate" });
  });

  it("refuses a $retainKeys list that leaves out a patched key", () => {
    assert.throws(
      () =>
        patchDeployment({
          spec: { strategy: { $retainKeys: ["rollingUpdate"], type: "Recreate" } },
        }),
      { name: "PatchError", reason: "BadRequest", message: "invalid patch format of retainKeys" },
    );
  });

  it("switches a volume's source with $retainKeys inside a merged element", () => {
    const patched = patchDeployment({
      spec: {
        template: {
          spec: { volumes: [{ name: "config", $retainKeys: ["name", "emptyDir"], emptyDir: {} }] },
        },
      },
    });
    assert.deepEqual(at(patched, "spec.template.spec.volumes"), [{ name: "config", emptyDir: {} }]);
  });

  it("replaces or deletes a map with $patch", () => {
    const replaced = applyStrategicMergePatch(node(), {
      metadata: { labels: { $patch: "replace", a: "1" } },
    }, NODES);
    assert.deepEqual(at(replaced, "metadata.labels"), { a: "1" });
    const emptied = applyStrategicMergePatch(
      node(),
      { metadata: { labels: { $patch: "delete" } } },
      NODES,
    );
    assert.deepEqual(at(emptied, "metadata.labels"), {});
  });

  it("drops a $patch map for a key the target lacks, as apimachinery's removeDirectives does", () => {
    const patched = patchDeployment({ metadata: { labels: { $patch: "replace", a: "1" } } });
    assert.equal(at(patched, "metadata.labels"), undefined);
  });

  it("refuses $patch: merge, which apimachinery does not implement, as a plain error (500)", () => {
    assert.throws(() => patchDeployment({ spec: { strategy: { $patch: "merge" } } }), {
      name: "PatchError",
      reason: "Unclassified",
      message: "unknown patch type: merge in map: map[$patch:merge]",
    });
    assert.throws(() => containers({ containers: [{ name: "app", $patch: "merge" }] }), {
      reason: "Unclassified",
      message: "merging lists cannot yet be specified in the patch",
    });
  });

  it("names a $patch that is no string as Go's %s prints it (fmt's bad-verb form)", () => {
    assert.throws(() => patchDeployment({ spec: { strategy: { $patch: { x: 1 } } } }), {
      message: "unknown patch type: map[x:%!s(int64=1)] in map: map[$patch:map[x:1]]",
    });
    assert.throws(() => patchDeployment({ spec: { strategy: { $patch: null } } }), {
      message: "unknown patch type: %!s(<nil>) in map: map[$patch:<nil>]",
    });
    assert.throws(() => containers({ containers: [{ name: "app", $patch: true }] }), {
      message: "unknown patch type: %!s(bool=true) in map: map[$patch:true name:app]",
    });
  });

  it("strips directives from values that land without merging", () => {
    const patched = applyStrategicMergePatch({ metadata: { name: "x" } }, {
      metadata: { labels: { $patch: "delete" }, annotations: { a: "1", b: null } },
      spec: { containers: [{ name: "c", env: [{ name: "E", $patch: "delete" }] }] },
    }, strategicSchemaFor("pods"));
    assert.deepEqual(patched, {
      metadata: { name: "x", annotations: { a: "1" } },
      spec: { containers: [{ name: "c", env: [] }] },
    });
  });
});

describe("applyStrategicMergePatch: body and inputs", () => {
  it("treats a null body as an empty patch", () => {
    assert.deepEqual(applyStrategicMergePatch(node(), null, NODES), node());
  });

  it("refuses a body that is not an object with 400", () => {
    assert.throws(
      () => applyStrategicMergePatch(node(), [{ op: "add" }], NODES),
      (error: unknown) => {
        assert.ok(error instanceof PatchError);
        assert.equal(error.reason, "BadRequest");
        assert.equal(
          error.message,
          "json: cannot unmarshal array into Go value of type map[string]interface {}",
        );
        return true;
      },
    );
  });

  it("refuses lists of lists with 422", () => {
    assert.throws(() => patchDeployment({ metadata: { finalizers: [["x"]] } }), {
      reason: "Invalid",
      message: "lists of lists are not supported",
    });
  });

  it("never changes the (deep-frozen) target or patch", () => {
    const patch = Object.freeze({
      spec: Object.freeze({
        template: Object.freeze({
          spec: Object.freeze({
            containers: Object.freeze([Object.freeze({ name: "app", image: "app:v3" })]),
          }),
        }),
      }),
    });
    const patched = patchDeployment(patch);
    assert.equal(
      (at(patched, "spec.template.spec.containers") as { image: string }[])[0].image,
      "app:v3",
    );
    assert.equal(deployment().spec.template.spec.containers[0].image, "app:v1");
  });
});
