// Every object fkas seeds (registration, activation, nodes, static pods, addons) passes kube-apiserver's validation, at every minor.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { invalidStatus, validateCreate, validateUpdate } from "../../../src/api/validation/mod.ts";
import { createControlApp } from "../../../src/control/mod.ts";
import { LocalClusterHost } from "../../../src/hosts/mod.ts";
import { registryWithFakeListeners } from "../../cluster/registry_fixture.ts";

const MINORS = [29, 30, 31, 32, 33, 34, 35, 36];

async function seededCluster(minor: number) {
  const fixture = registryWithFakeListeners();
  const app = createControlApp({ host: new LocalClusterHost(fixture.registry) });
  const call = (method: string, path: string, body: unknown) =>
    app.request(path, { method, body: JSON.stringify(body) });
  await call("POST", "/register", { cluster: "demo", namespace: "default" });
  const report = (nodeName: string, labels: Record<string, string>) =>
    call("PUT", "/updateNode", {
      cluster: "demo",
      namespace: "default",
      nodeName,
      labels,
      k8sversion: `v1.${minor}.2`,
    });
  assert.equal((await report("cp-1", { "cluster.x-k8s.io/control-plane": "" })).status, 200);
  assert.equal((await report("md-1", {})).status, 200);
  return fixture.registry.get("default", "demo")!;
}

describe("seeded objects", () => {
  for (const minor of MINORS) {
    it(`every object a v1.${minor} cluster seeds is valid`, async () => {
      const cluster = await seededCluster(minor);
      let checked = 0;
      const failures: string[] = [];
      for (const key of cluster.store.resourceKeys()) {
        const resource = cluster.catalog.byKey(key);
        if (!resource) continue;
        for (const object of cluster.store.list(resource)) {
          checked++;
          // As created, and as an update that changes nothing (controllers write them again).
          const errors = [
            ...validateCreate(resource, object as never, minor),
            ...validateUpdate(resource, object as never, object as never, minor),
          ];
          if (errors.length) {
            failures.push(
              `${key}: ${
                invalidStatus(resource.kind, object.metadata.name!, errors, minor).message
              }`,
            );
          }
        }
      }
      assert.deepEqual(failures, []);
      assert.ok(checked > 40, `only ${checked} objects seeded`);
    });
  }
});
