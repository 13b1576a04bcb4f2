// Go's string order (UTF-8 bytes) and Go's JSON bytes for maps holding array-index keys.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  goCompare,
  goJson,
  goLess,
  goOrderedJson,
  goScalarJson,
  goSorted,
  isArrayIndexKey,
} from "../../src/encoding/mod.ts";

describe("goLess", () => {
  it("orders characters beyond U+FFFF after U+E000–U+FFFF, as their UTF-8 bytes do", () => {
    // UTF-16 puts the surrogate pair (D83D DE00) first; UTF-8 F0 9F 98 80 > EF BC 81.
    assert.equal("\u{1F600}" < "\uFF01", true);
    assert.equal(goLess("\u{1F600}", "\uFF01"), false);
    assert.equal(goLess("\uFF01", "\u{1F600}"), true);
    assert.deepEqual(["\u{1F600}", "\uFF01", "z", "a\u00e9"].sort(goCompare), [
      "a\u00e9",
      "z",
      "\uFF01",
      "\u{1F600}",
    ]);
  });

  it("agrees with < below the surrogates, and a prefix sorts first", () => {
    assert.equal(goLess("10", "9"), true);
    assert.equal(goLess("a", "ab"), true);
    assert.equal(goLess("ab", "ab"), false);
    const keys = ["b", "a"];
    assert.notEqual(goSorted(keys), undefined);
    assert.deepEqual(keys, ["a", "b"]);
  });

  it("knows the keys an object lists first", () => {
    assert.equal(isArrayIndexKey("0"), true);
    assert.equal(isArrayIndexKey("4294967294"), true);
    assert.equal(isArrayIndexKey("4294967295"), false);
    assert.equal(isArrayIndexKey("01"), false);
    assert.equal(isArrayIndexKey("-1"), false);
  });
});

describe("goJson", () => {
  it("writes a map with array-index keys in Go's order, nested anywhere", () => {
    const value = { a: [{ "9": 1, "10": 2, "-": 3, x: null }], b: { "1": undefined } };
    const text = JSON.stringify(value);
    assert.equal(goJson(value, text), '{"a":[{"-":3,"10":2,"9":1,"x":null}],"b":{}}');
    assert.equal(goOrderedJson([undefined, () => 1]), "[null,null]");
  });

  it("answers the text itself when nothing needs Go's treatment", () => {
    const text = '{"a":"10","b":{"c":1}}';
    assert.equal(goJson(JSON.parse(text), text), text);
  });

  it("escapes <, >, &, U+2028 and U+2029 in keys and values", () => {
    const value = { "<k>": "a&b\u2029" };
    assert.equal(goJson(value, JSON.stringify(value)), '{"\\u003ck\\u003e":"a\\u0026b\\u2029"}');
    // Both at once: the index keys ordered, then escaped.
    const both = { "10": "<", "9": ">" };
    assert.equal(goJson(both, JSON.stringify(both)), '{"10":"\\u003c","9":"\\u003e"}');
  });

  it("escapes a scalar's text as goJson does, and leaves a plain one as it is", () => {
    for (const value of ["a&b<c>\u2028", '"10":', "plain", 12, true, null]) {
      const text = JSON.stringify(value);
      assert.equal(goScalarJson(text), goJson(value, text));
    }
    const plain = JSON.stringify("plain");
    assert.equal(goScalarJson(plain), plain);
  });
});
