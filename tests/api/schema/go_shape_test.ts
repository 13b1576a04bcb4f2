// Go-shaped built-in objects: Go field order, fields Go always writes, sorted maps, shared parts.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { builtinSchemas, goShaped, goShapedKind } from "../../../src/api/schema/mod.ts";

const POD = { group: "", version: "v1", kind: "Pod" };

describe("goShaped", () => {
  it("orders a Container's fields as Go declares them and adds `resources: {}`", () => {
    const pod = goShapedKind("v1.33.1", POD, {
      spec: { containers: [{ imagePullPolicy: "Always", image: "nginx", name: "c" }] },
      metadata: { name: "p" },
      apiVersion: "v1",
      kind: "Pod",
    });
    assert.deepEqual(Object.keys(pod), ["kind", "apiVersion", "metadata", "spec", "status"]);
    assert.deepEqual((pod as Record<string, unknown>).status, {});
    assert.equal(
      JSON.stringify(pod.spec.containers[0]),
      '{"name":"c","image":"nginx","resources":{},"imagePullPolicy":"Always"}',
    );
  });

  it("shapes alike whatever keys, orders and unknown fields structs of its kind held before", () => {
    // The walk remembers the fields a struct of a plan last held by position: containers with
    // the same keys in other orders, fewer or more keys, and unknown keys at remembered positions
    // come out as each would alone.
    const containers: Record<string, unknown>[] = [
      { name: "a", image: "i", imagePullPolicy: "Always", stdin: true },
      { imagePullPolicy: "Never", name: "b", image: "j" },
      { name: "c", "x-unknown": 1, image: "k", imagePullPolicy: "IfNotPresent" },
      { image: "l", name: "d" },
      { "x-unknown": 2, name: "e", image: "m", tty: true, stdin: true },
      { name: "f", image: "n", imagePullPolicy: "Always", stdin: true },
    ];
    const expected = [
      '{"name":"a","image":"i","resources":{},"imagePullPolicy":"Always","stdin":true}',
      '{"name":"b","image":"j","resources":{},"imagePullPolicy":"Never"}',
      '{"name":"c","image":"k","resources":{},"imagePullPolicy":"IfNotPresent","x-unknown":1}',
      '{"name":"d","image":"l","resources":{}}',
      '{"name":"e","image":"m","resources":{},"stdin":true,"tty":true,"x-unknown":2}',
      '{"name":"f","image":"n","resources":{},"imagePullPolicy":"Always","stdin":true}',
    ];
    for (const order of [[0, 1, 2, 3, 4, 5], [5, 4, 3, 2, 1, 0], [2, 0, 4, 1, 5, 3]]) {
      for (const i of order) {
        const pod = goShapedKind("v1.33.1", POD, { spec: { containers: [containers[i]] } });
        assert.equal(JSON.stringify(pod.spec.containers[0]), expected[i]);
      }
    }
    // The input is never changed.
    assert.deepEqual(Object.keys(containers[1]), ["imagePullPolicy", "name", "image"]);
  });

  it("writes a template's creationTimestamp null before 1.34 and leaves it out after (omitzero)", () => {
    const deployment = (version: string) =>
      goShapedKind(version, { group: "apps", version: "v1", kind: "Deployment" }, {
        spec: { template: { metadata: { labels: { b: "1", a: "2" } } } },
      } as { spec: { template: { metadata: Record<string, unknown> } } });
    assert.equal(
      JSON.stringify(deployment("v1.33.1").spec.template.metadata),
      '{"creationTimestamp":null,"labels":{"a":"2","b":"1"}}',
    );
    assert.equal(
      JSON.stringify(deployment("v1.34.4").spec.template.metadata),
      '{"labels":{"a":"2","b":"1"}}',
    );
  });

  it("writes Go's zero of non-omitempty scalars and IntOrString", () => {
    const service = goShapedKind("v1.33.1", { group: "", version: "v1", kind: "Service" }, {
      spec: { ports: [{ name: "http" }] },
    } as { spec: { ports: unknown[] } });
    assert.equal(JSON.stringify(service.spec.ports[0]), '{"name":"http","port":0,"targetPort":0}');
  });

  it("leaves out omitempty fields holding their empty value, pointers' zeros kept", () => {
    for (const version of ["v1.29.6", "v1.33.1", "v1.36.3"]) {
      const pod = goShapedKind(version, POD, {
        spec: {
          containers: [{ name: "c", image: "i", args: [], workingDir: "", stdin: false }],
          imagePullSecrets: [{ name: "" }, { name: "x" }],
          nodeSelector: {},
          hostname: "",
          hostNetwork: false,
          // Pointers: Go writes what they point to, zero or not.
          automountServiceAccountToken: false,
          terminationGracePeriodSeconds: 0,
          priority: 0,
        },
      } as { spec: Record<string, unknown> & { containers: unknown[] } });
      assert.deepEqual(pod.spec, {
        containers: [{ name: "c", image: "i", resources: {} }],
        terminationGracePeriodSeconds: 0,
        automountServiceAccountToken: false,
        imagePullSecrets: [{}, { name: "x" }],
        priority: 0,
      }, version);
    }
  });

  it("leaves ObjectMeta's empty strings to the store (placeholders hold their place)", () => {
    const pod = goShapedKind("v1.36.3", POD, {
      metadata: { name: "p", namespace: "", resourceVersion: "" },
    } as { metadata: Record<string, unknown> });
    assert.deepEqual(pod.metadata, { name: "p", namespace: "", resourceVersion: "" });
  });

  it("answers the object itself when it is Go-shaped already, and never mutates its input", () => {
    const input = { spec: { containers: [{ image: "x", name: "c" }] } };
    const once = goShapedKind("v1.33.1", POD, input);
    assert.notEqual(once, input);
    assert.deepEqual(Object.keys(input.spec.containers[0]), ["image", "name"]);
    assert.equal(goShapedKind("v1.33.1", POD, once), once);
  });

  it("keeps what it shares with the stored version without walking it again", () => {
    const stored = goShapedKind("v1.33.1", POD, { spec: { containers: [{ name: "c" }] } });
    const next = { ...stored, metadata: { labels: { b: "", a: "" } } };
    const shaped = goShapedKind("v1.33.1", POD, next, stored);
    assert.equal(shaped.spec, stored.spec);
    assert.deepEqual(Object.keys(shaped.metadata.labels), ["a", "b"]);
  });

  it("shapes a frozen (shared) part once and shares the result, frozen", () => {
    const shared = Object.freeze({ name: "c", image: "x" });
    const a = goShapedKind("v1.33.1", POD, { spec: { containers: [shared] } });
    const b = goShapedKind("v1.33.1", POD, { spec: { containers: [shared] } });
    assert.equal(a.spec.containers[0], b.spec.containers[0]);
    assert.ok(Object.isFrozen(a.spec.containers[0]));
  });

  it("keeps a user's __proto__ key an own key of a sorted map", () => {
    const source = builtinSchemas("v1.33.1");
    const data = JSON.parse('{"b":"1","__proto__":"2"}');
    const shaped = goShaped(source, source.kind("", "v1", "ConfigMap")!, { data });
    assert.equal(
      JSON.stringify(shaped),
      '{"metadata":{"creationTimestamp":null},"data":{"__proto__":"2","b":"1"}}',
    );
  });

  it("keeps an unknown __proto__ field of a rebuilt struct an own key, after Go's fields", () => {
    const source = builtinSchemas("v1.33.1");
    const object = JSON.parse('{"__proto__":{"x":1},"data":{"a":"1"},"kind":"ConfigMap"}');
    const shaped = goShaped(source, source.kind("", "v1", "ConfigMap")!, object);
    assert.ok(Object.hasOwn(shaped, "__proto__"));
    assert.equal(Object.getPrototypeOf(shaped), Object.prototype);
    assert.equal(
      JSON.stringify(shaped),
      '{"kind":"ConfigMap","metadata":{"creationTimestamp":null},"data":{"a":"1"},"__proto__":{"x":1}}',
    );
  });

  it("rebuilds structs within rebuilt structs: unknown fields after Go's, in their order", () => {
    const source = builtinSchemas("v1.33.1");
    const object = {
      zz: 1,
      spec: {
        b: 1,
        containers: [
          { y: 1, image: "i", name: "c", x: 2, args: ["a"] },
          { name: "d", image: "j" },
        ],
        a: 2,
        restartPolicy: "Always",
      },
      aa: 2,
      kind: "Pod",
    };
    const text = JSON.stringify(object);
    const shaped = goShaped(source, source.kind("", "v1", "Pod")!, object);
    assert.equal(JSON.stringify(object), text);
    assert.equal(
      JSON.stringify(shaped),
      '{"kind":"Pod","metadata":{"creationTimestamp":null},"spec":{"containers":[' +
        '{"name":"c","image":"i","args":["a"],"resources":{},"y":1,"x":2},' +
        '{"name":"d","image":"j","resources":{}}],"restartPolicy":"Always","b":1,"a":2},' +
        '"status":{},"zz":1,"aa":2}',
    );
    // The same again: nothing of the first walk stays behind in the second.
    assert.equal(
      JSON.stringify(goShaped(source, source.kind("", "v1", "Pod")!, JSON.parse(text))),
      JSON.stringify(shaped),
    );
  });

  it("sorts custom resources' keys at every level (unstructured maps)", () => {
    const object = { spec: { b: 1, a: 2 }, kind: "W" };
    assert.equal(
      JSON.stringify(goShapedKind("v1.33.1", { ...POD, custom: true }, object)),
      '{"kind":"W","spec":{"a":2,"b":1}}',
    );
  });
});
