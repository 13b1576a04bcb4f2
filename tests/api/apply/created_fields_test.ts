// A create's one-walk managedFields are byte for byte those of the full field manager.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { builtinSchemas, goZeroObject } from "../../../src/api/schema/mod.ts";
import {
  builtinType,
  crdType,
  decodeManagedFields,
  fieldElement,
  FieldSet,
  type Json,
  managedFieldsAfterCreate,
  managedFieldsAfterUpdate,
  TypedValueError,
  type TypeRef,
} from "../../../src/api/apply/mod.ts";
import { createdFieldsV1 } from "../../../src/api/apply/created_fields.ts";
import { ensureActivation } from "../../../src/cluster/activation.ts";
import type { FakeCluster } from "../../../src/cluster/mod.ts";
import { BUILTIN_CATALOG } from "../../../src/resources/mod.ts";
import { kubeFixture } from "../../kube/kube_fixture.ts";

const schemas = builtinSchemas("v1.33.1");
const NOW = Date.UTC(2026, 0, 2, 3, 4, 5);
const STATUS = new FieldSet();
STATUS.insert([fieldElement("status")]);

type Obj = { [key: string]: Json };

type Kind = { group: string; version: string; kind: string };
const POD: Kind = { group: "", version: "v1", kind: "Pod" };

// The kind's zero object as the REST layer builds it (Go's zero struct; a custom resource's is empty).
function zeroOf(kind: Kind | undefined): Obj {
  return (kind && goZeroObject("v1.33.1", kind) as Obj) ?? { metadata: {} };
}

// Both field managers' entries as text (key order counts), or the error each threw.
function both(
  type: TypeRef,
  next: Obj,
  kind: Kind | undefined,
  ignored?: FieldSet,
): [string, string] {
  const request = { type, apiVersion: "v1", manager: "kubectl-create", now: NOW, ignored };
  const run = (f: () => unknown) => {
    try {
      return JSON.stringify(f());
    } catch (error) {
      if (error instanceof TypedValueError) return "TypedValueError";
      throw error;
    }
  };
  return [
    run(() => managedFieldsAfterCreate(zeroOf(kind), next, request)),
    run(() => managedFieldsAfterUpdate(zeroOf(kind), next, request)),
  ];
}

function asCreated(object: Obj): Obj {
  const meta = { ...(object.metadata as Obj) };
  delete meta.managedFields;
  return { ...object, metadata: meta };
}

describe("createdFieldsV1", () => {
  it("writes every seeded object's create entry as the full field manager does", () => {
    const fixture = kubeFixture();
    ensureActivation(fixture.cluster as unknown as FakeCluster, new Date(NOW));
    let compared = 0, walked = 0;
    for (const resource of BUILTIN_CATALOG.all()) {
      const type = builtinType(schemas, resource.group, resource.version, resource.kind);
      if (!type) continue;
      for (const object of fixture.cluster.store.list(resource)) {
        const next = asCreated(object as unknown as Obj);
        for (const ignored of [undefined, STATUS]) {
          const [fast, full] = both(type, next, resource, ignored);
          assert.equal(fast, full, `${resource.name} ${JSON.stringify(next.metadata)}`);
          compared++;
          if (createdFieldsV1(type, zeroOf(resource), next, ignored) !== undefined) walked++;
        }
      }
    }
    assert.ok(compared > 40, `only ${compared} objects compared`);
    assert.equal(walked, compared, "every seeded shape takes the one walk");
  });

  it("agrees on edge shapes: duplicates, empty and null values, stripped fields, bad items", () => {
    const pod = builtinType(schemas, "", "v1", "Pod")!;
    const service = builtinType(schemas, "", "v1", "Service")!;
    const deployment = builtinType(schemas, "apps", "v1", "Deployment")!;
    const binding = builtinType(schemas, "rbac.authorization.k8s.io", "v1", "ClusterRoleBinding")!;
    const node = builtinType(schemas, "", "v1", "Node")!;
    const DEPLOYMENT: Kind = { group: "apps", version: "v1", kind: "Deployment" };
    const cases: [TypeRef, Obj, Kind?][] = [
      [pod, { apiVersion: "v1", kind: "Pod", metadata: { name: "a" }, spec: {} }],
      [pod, { metadata: { name: "a", generateName: "a-", uid: "x", labels: {} }, spec: null }],
      [pod, {
        metadata: { name: "a", finalizers: ["x", "x", "y"], annotations: { b: "1", a: "" } },
        spec: {
          containers: [{ name: "c", ports: [{ containerPort: 80 }, { containerPort: 80 }] }],
          tolerations: [{ key: "a" }, { key: "a" }],
          securityContext: {},
          nodeSelector: { z: "1", "a/b": "2", "é": "3", "Z": "4" },
        },
        status: { phase: "Pending" },
      }],
      [pod, { metadata: { name: "a" }, spec: { containers: [{ image: "x" }] } }],
      [pod, { metadata: { name: "a" }, spec: { containers: [null] } }],
      [pod, { metadata: { name: "a", managedFields: [] }, spec: { nodeName: "n" } }],
      [pod, { metadata: { name: "a", generation: { odd: 1 } }, spec: "x" }],
      [pod, { metadata: {} }],
      [pod, { kind: "Pod", metadata: { name: "a" } }],
      [service, {
        metadata: { name: "s", labels: { a: "b" } },
        spec: { ports: [{ port: 80 }, { port: 80, protocol: "UDP" }], selector: { a: "b" } },
      }, { group: "", version: "v1", kind: "Service" }],
      // Nested zero structs, null slices and an atomic selector present on the zero side.
      [deployment, {
        metadata: { name: "d", creationTimestamp: null },
        spec: {
          selector: { matchLabels: { a: "b" } },
          template: { metadata: { labels: { a: "b" } }, spec: { containers: [{ name: "c" }] } },
          strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1 } },
        },
      }, DEPLOYMENT],
      [deployment, { metadata: { name: "d" }, spec: { template: null, strategy: {} } }, DEPLOYMENT],
      [deployment, { metadata: { name: "d" }, spec: { strategy: "x", template: [] } }, DEPLOYMENT],
      [
        deployment,
        { metadata: { name: "d" }, spec: { template: { spec: { containers: [] } } } },
        DEPLOYMENT,
      ],
      // An atomic struct on the zero side: owned whole when it differs, not at all when equal.
      [binding, {
        metadata: { name: "b" },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" },
      }, { group: "rbac.authorization.k8s.io", version: "v1", kind: "ClusterRoleBinding" }],
      [binding, { metadata: { name: "b" }, roleRef: { apiGroup: "", kind: "", name: "" } }, {
        group: "rbac.authorization.k8s.io",
        version: "v1",
        kind: "ClusterRoleBinding",
      }],
      // Zero-valued scalars of the zero object: members only where the new value differs.
      [node, {
        metadata: { name: "n" },
        status: { nodeInfo: { architecture: "amd64", bootID: "" }, daemonEndpoints: {} },
      }, { group: "", version: "v1", kind: "Node" }],
    ];
    for (const [type, next, kind = POD] of cases) {
      for (const ignored of [undefined, STATUS]) {
        const [fast, full] = both(type, next, kind, ignored);
        assert.equal(fast, full, JSON.stringify(next));
      }
    }
    const custom = crdType({
      type: "object",
      properties: {
        spec: {
          type: "object",
          properties: {
            items: {
              type: "array",
              "x-kubernetes-list-type": "map",
              "x-kubernetes-list-map-keys": ["id"],
              items: { type: "object", properties: { id: { type: "integer" } } },
            },
            tags: { type: "array", "x-kubernetes-list-type": "set", items: { type: "string" } },
            blob: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
          },
        },
      },
    }, schemas);
    const cr: Obj = {
      apiVersion: "x.io/v1",
      kind: "X",
      metadata: { name: "x" },
      spec: { items: [{ id: 2 }, { id: 10 }, { id: 1 }], tags: ["b", "a"], blob: { q: [1] } },
    };
    const [fast, full] = both(custom, cr, undefined);
    assert.equal(fast, full);
  });

  it("writes alike and differing objects in turn as the full field manager does", () => {
    // Each level keeps the text it wrote last: a shape met again, one that changes a level's
    // keys, list items or what is below them, and the first shape once more must all be exact.
    const pod = builtinType(schemas, "", "v1", "Pod")!;
    const podOf = (labels: Obj, containers: Obj[], extra: Obj = {}): Obj => ({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p", namespace: "n", labels },
      spec: { containers, restartPolicy: "Always", ...extra },
    });
    const web = { name: "web", image: "nginx", ports: [{ containerPort: 80 }] };
    const shapes = [
      podOf({ app: "web" }, [web]),
      podOf({ app: "web" }, [web]),
      podOf({ app: "web", tier: "a" }, [web]),
      podOf({ app: "web" }, [{ ...web, name: "api" }]),
      podOf({ app: "web" }, [{ ...web, ports: [{ containerPort: 80 }, { containerPort: 81 }] }]),
      podOf({ app: "web" }, [web, { name: "side", image: "busybox" }]),
      podOf({ app: "web" }, [{ image: "nginx", name: "web", ports: [{ containerPort: 80 }] }]),
      podOf({ app: "web" }, [web], { nodeName: "n" }),
      podOf({ app: "web" }, [web], { nodeSelector: { app: "web" } }),
      podOf({}, [web]),
      podOf({ app: "web" }, [web]),
    ];
    const texts = shapes.map((next) => {
      const [fast, full] = both(pod, next, POD, STATUS);
      assert.equal(fast, full, JSON.stringify(next));
      return fast.replace(/"time":"[^"]*",/, "");
    });
    assert.equal(texts[1], texts[0]);
    assert.equal(texts[10], texts[0]);
    // Keys in another order are the same set; every other shape is a set of its own.
    assert.equal(texts[6], texts[0]);
    assert.equal(new Set(texts).size, 8);
  });

  it("decodes a created list's sets only when a later write reads them", () => {
    const configMap = builtinType(schemas, "", "v1", "ConfigMap")!;
    const next: Obj = { metadata: { name: "c", labels: { a: "b" } }, data: { k: "v" } };
    const request = { type: configMap, apiVersion: "v1", manager: "m", now: NOW };
    const entries = managedFieldsAfterCreate({ metadata: {} }, next, request);
    const decoded = decodeManagedFields(entries);
    assert.deepEqual([...decoded.managers.keys()], [
      '{"manager":"m","operation":"Update","apiVersion":"v1"}',
    ]);
    const stored = { ...next, metadata: { ...(next.metadata as Obj), managedFields: entries } };
    const after = managedFieldsAfterUpdate(
      stored as unknown as Json,
      { ...stored, data: { k: "w" } } as unknown as Json,
      { ...request, now: NOW + 5_000 },
    );
    assert.equal(after[0].time, "2026-01-02T03:04:10Z");
    assert.equal(after[0].fieldsV1, entries[0].fieldsV1, "the unchanged set keeps its encoding");
  });
});
