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
