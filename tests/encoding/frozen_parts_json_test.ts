// goJsonAroundFrozen: Go's JSON text of values holding shared frozen parts, byte for byte goJson's.

import { test } from "node:test";
import assert from "node:assert/strict";
import { goJson, goJsonAroundFrozen, withThawedTwin } from "../../src/encoding/mod.ts";

function deepFrozen<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    for (const child of Object.values(value)) deepFrozen(child);
    Object.freeze(value);
  }
  return value;
}

const expected = (value: unknown) => goJson(value, JSON.stringify(value));

test("a spec holding frozen parts is written as goJson writes it, and left unchanged", () => {
  const source = withThawedTwin(deepFrozen({
    sources: [{ configMap: { name: "kube-root-ca.crt", items: [{ key: "ca.crt", path: "<&>" }] } }],
    defaultMode: 420,
  }));
  const toleration = withThawedTwin(
    deepFrozen({ key: "node.kubernetes.io/not-ready", tolerationSeconds: 300 }),
  );
  const spec = {
    volumes: [{ name: "kube-api-access-x", projected: source }, { name: "data", emptyDir: {} }],
    containers: [{ name: "web", image: "nginx", resources: {}, gone: undefined }],
    tolerations: [toleration, { key: "a", operator: "Exists" }, toleration],
    priority: 0,
    unset: undefined,
  };
  const before = JSON.stringify(spec);
  const text = goJsonAroundFrozen(spec);
  assert.equal(text, expected(spec));
  assert.ok(text!.includes("\\u003c\\u0026\\u003e"));
  assert.equal(JSON.stringify(spec), before);
  assert.equal(spec.volumes[0].projected, source);
  // A second write reuses the frozen part's twin: the same text again.
  assert.equal(goJsonAroundFrozen(spec), text);
});

test("maps with array-index keys, __proto__ members and nulls around frozen parts keep Go's text", () => {
  const part = withThawedTwin(deepFrozen({ b: 1, a: [1, null, "x\u2028"] }));
  const map: Record<string, unknown> = JSON.parse(
    '{"10":"a","9":"b","z":null,"__proto__":{"k":1}}',
  );
  map.frozen = part;
  const protoHolder = JSON.parse('{"__proto__":{"x":1}}');
  protoHolder.__proto__.part = part;
  for (
    const value of [map, protoHolder, [part, undefined, [part]], { deep: { list: [{ part }] } }]
  ) {
    assert.equal(goJsonAroundFrozen(value), expected(value));
  }
  assert.equal(Object.keys(JSON.parse(goJsonAroundFrozen(protoHolder)!)).join(), "__proto__");
});

test("values without frozen parts, scalars and undefined are written as goJson writes them", () => {
  for (
    const value of [{ a: "<b>", c: [1, 2] }, "text&", 3, true, null, [], {}, deepFrozen({ a: 1 })]
  ) {
    assert.equal(goJsonAroundFrozen(value), expected(value));
  }
  assert.equal(goJsonAroundFrozen(undefined), undefined);
});

test("frozen parts nobody marked are written as they are, and only frozen values can be marked", () => {
  const unmarked = deepFrozen({ z: "<", a: [deepFrozen({ "1": 1, "0": 0 })] });
  const holder = { list: [unmarked, { plain: true }], unmarked };
  assert.equal(goJsonAroundFrozen(holder), expected(holder));
  assert.throws(() => withThawedTwin({ a: 1 }), TypeError);
});
