// Frozen parts (shared between objects and clusters) under defaulting: never written, defaulted as copies.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { applySchemeDefaults } from "../../../src/api/defaults/mod.ts";
import { deepFreeze } from "../../../src/encoding/mod.ts";
import { target, testContext } from "./_context.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

const DEPLOYMENTS = target("apps", "Deployment", "apps/deployments");
const PODS = target("", "Pod", "pods");

const template = () => ({
  metadata: { labels: { app: "a" } },
  spec: { containers: [{ name: "c", image: "nginx:1.27" }] },
});

describe("defaults of frozen parts", () => {
  it("a frozen pod template is replaced by a defaulted copy and itself left as it was", () => {
    const shared = deepFreeze(template());
    const object: Loose = { metadata: { name: "d" }, spec: { selector: {}, template: shared } };
    applySchemeDefaults(DEPLOYMENTS, object, testContext());
    assert.deepEqual(shared, template());
    assert.notEqual(object.spec.template, shared);
    assert.equal(Object.isFrozen(object.spec.template), false);
    // Byte for byte what defaulting an unfrozen copy in place gives.
    const plain: Loose = { metadata: { name: "d" }, spec: { selector: {}, template: template() } };
    applySchemeDefaults(DEPLOYMENTS, plain, testContext());
    assert.equal(JSON.stringify(object), JSON.stringify(plain));
  });

  it("each write of the same frozen template gets a copy of its own", () => {
    const shared = deepFreeze(template());
    const first: Loose = { metadata: { name: "a" }, spec: { template: shared } };
    const second: Loose = { metadata: { name: "b" }, spec: { template: shared } };
    applySchemeDefaults(DEPLOYMENTS, first, testContext());
    applySchemeDefaults(DEPLOYMENTS, second, testContext());
    assert.notEqual(first.spec.template, second.spec.template);
    assert.deepEqual(first.spec.template, second.spec.template);
    first.spec.template.spec.containers[0].image = "changed";
    assert.equal(second.spec.template.spec.containers[0].image, "nginx:1.27");
  });

  it("a frozen part defaulting leaves as it is stays the same object", () => {
    const defaulted: Loose = { metadata: { name: "d" }, spec: { template: template() } };
    applySchemeDefaults(DEPLOYMENTS, defaulted, testContext());
    const shared = deepFreeze(defaulted.spec.template);
    const object: Loose = { metadata: { name: "e" }, spec: { template: shared } };
    applySchemeDefaults(DEPLOYMENTS, object, testContext());
    assert.equal(object.spec.template, shared);
  });

  it("frozen items of a list and the minor they are defaulted for", () => {
    const volume = deepFreeze({ name: "v", configMap: { name: "cm" } });
    const pod: Loose = {
      metadata: { name: "p" },
      spec: { containers: [{ name: "c", image: "i" }], volumes: [volume] },
    };
    applySchemeDefaults(PODS, pod, testContext({ minor: 33 }));
    assert.deepEqual(volume, { name: "v", configMap: { name: "cm" } });
    assert.deepEqual(pod.spec.volumes, [{
      name: "v",
      configMap: { name: "cm", defaultMode: 420 },
    }]);
    // An image volume's pull policy is defaulted from 1.35 only: a different answer per minor.
    const image = deepFreeze({ name: "img", image: { reference: "r:latest" } });
    const old: Loose = { metadata: { name: "o" }, spec: { volumes: [image] } };
    const recent: Loose = { metadata: { name: "n" }, spec: { volumes: [image] } };
    applySchemeDefaults(PODS, old, testContext({ minor: 33 }));
    applySchemeDefaults(PODS, recent, testContext({ minor: 35 }));
    assert.equal(old.spec.volumes[0], image);
    assert.deepEqual(recent.spec.volumes[0], {
      name: "img",
      image: { reference: "r:latest", pullPolicy: "Always" },
    });
  });
});
