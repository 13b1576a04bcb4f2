// compareStrings orders strings as Go's strings.Compare does: by their UTF-8 bytes.

import assert from "node:assert/strict";
import { test } from "node:test";
import { compareStrings } from "../../../src/api/apply/path_element.ts";

const utf8 = new TextEncoder();

// Go's order: the UTF-8 bytes compared one by one, a prefix first.
function byteOrder(a: string, b: string): number {
  const x = utf8.encode(a), y = utf8.encode(b);
  for (let i = 0; i < x.length && i < y.length; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  return Math.sign(x.length - y.length);
}

test("compareStrings is the UTF-8 byte order, surrogates against high BMP units included", () => {
  // Units where UTF-16 and UTF-8 orders part: U+E000..U+FFFF against surrogate pairs (U+1F600).
  const parts = ["", "a", "b", "ab", "é", "\ue000", "\uffff", "\ud83d\ude00", "\ud83d\ude01", "~"];
  const strings: string[] = [];
  for (const x of parts) for (const y of parts) for (const z of parts) strings.push(x + y + z);
  for (const a of strings) {
    for (const b of strings) {
      assert.equal(Math.sign(compareStrings(a, b)), byteOrder(a, b), `${a} ${b}`);
    }
  }
  assert.deepEqual(["\uffff", "\ud83d\ude00", "z"].sort(compareStrings), [
    "z",
    "\uffff",
    "\ud83d\ude00",
  ]);
});
