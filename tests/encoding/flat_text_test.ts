// flatText: the same string back, whatever it was made of (flattening is invisible but in cost).

import { test } from "node:test";
import assert from "node:assert/strict";
import { flatText } from "../../src/encoding/mod.ts";

test("flatText returns a concatenated text unchanged, and the empty text", () => {
  let rope = "[";
  for (let i = 0; i < 1000; i++) rope += `"f:k${i}":{},`;
  const expected = rope + "]";
  assert.equal(flatText(rope + "]"), expected);
  assert.equal(flatText(""), "");
  assert.equal(flatText("é\u2028"), "é\u2028");
});

// JavaScriptCore's optimizing tiers drop a character read whose value goes nowhere: flatText must
// still flatten once compiled. Only Bun can tell a rope from a flat string (bun:jsc's describe).
test("flatText still flattens once the JIT has compiled it (Bun)", async (t) => {
  if (!("Bun" in globalThis)) return t.skip("bun:jsc is Bun's");
  const jscModule = "bun:jsc";
  const { describe } = await import(jscModule) as { describe: (value: unknown) => string };
  const make = (i: number) => {
    let text = "{";
    for (let k = 0; k < 20; k++) text += `"f:k${k}":{"v":${i}},`;
    return text + "}";
  };
  assert.match(describe(make(0)), /rope/);
  let last = "";
  for (let i = 0; i < 100_000; i++) last = flatText(make(i));
  assert.doesNotMatch(describe(last), /rope/);
});
