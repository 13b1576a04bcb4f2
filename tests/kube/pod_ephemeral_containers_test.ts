// pods/<name>/ephemeralcontainers (kubectl debug): kube-apiserver v1.36.3's answers, probed against
// it: only the ephemeral containers change, defaulted, recorded under the subresource; an existing
// one may be neither removed nor changed.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { kubeFixture } from "./kube_fixture.ts";

const POD = "/api/v1/namespaces/default/pods/eph";
const EPHEMERAL = `${POD}/ephemeralcontainers`;
const debuggerOf = (image: string) => ({
  name: "debugger",
  image,
  targetContainerName: "c",
  stdin: true,
  tty: true,
});

describe("pods/ephemeralcontainers", () => {
  it("adds a defaulted ephemeral container and nothing else; refuses removing or changing one", async () => {
    const { call } = kubeFixture({ kubernetesVersion: "v1.36.3" });
    await call("POST", "/api/v1/namespaces/default/pods", {
      metadata: { name: "eph" },
      spec: { containers: [{ name: "c", image: "nginx:1.27" }] },
    });
    const patched = await call("PATCH", EPHEMERAL, {
      metadata: { labels: { ignored: "yes" } },
      spec: {
        ephemeralContainers: [debuggerOf("busybox:1.36")],
        containers: [{ name: "c", image: "nginx:1.28" }],
      },
    }, { "content-type": "application/strategic-merge-patch+json" });
    assert.equal(patched.status, 200);
    assert.deepEqual(patched.json.spec.ephemeralContainers, [{
      name: "debugger",
      image: "busybox:1.36",
      resources: {},
      terminationMessagePath: "/dev/termination-log",
      terminationMessagePolicy: "File",
      imagePullPolicy: "IfNotPresent",
      stdin: true,
      tty: true,
      targetContainerName: "c",
    }]);
    // The strategy takes nothing else from the body.
    assert.equal(patched.json.spec.containers[0].image, "nginx:1.27");
    assert.equal(patched.json.metadata.labels, undefined);
    assert.equal(patched.json.metadata.generation, 2);
    assert.deepEqual(
      patched.json.metadata.managedFields.map((m: { subresource?: string }) => m.subresource),
      [undefined, "ephemeralcontainers"],
    );
    assert.equal((await call("GET", EPHEMERAL)).json.spec.ephemeralContainers.length, 1);
    const merge = { "content-type": "application/merge-patch+json" };
    const removed = await call("PATCH", EPHEMERAL, { spec: { ephemeralContainers: null } }, merge);
    assert.equal(removed.status, 422);
    assert.equal(
      removed.json.message,
      'Pod "eph" is invalid: spec.ephemeralContainers: Forbidden: existing ephemeral containers "debugger" may not be removed\n',
    );
    assert.deepEqual(removed.json.details.causes, [{
      reason: "FieldValueForbidden",
      message: 'Forbidden: existing ephemeral containers "debugger" may not be removed\n',
      field: "spec.ephemeralContainers",
    }]);
    const changed = await call("PATCH", EPHEMERAL, {
      spec: { ephemeralContainers: [debuggerOf("busybox:1.37")] },
    }, merge);
    assert.equal(changed.status, 422);
    // kube-apiserver follows this line with a cmp.Diff of the two Go structs.
    assert.match(
      changed.json.message,
      /^Pod "eph" is invalid: spec.ephemeralContainers: Forbidden: existing ephemeral containers "debugger" may not be changed\n/,
    );
    assert.equal((await call("POST", EPHEMERAL, {})).status, 405);
  });
});
