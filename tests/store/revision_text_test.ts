// resourceVersion texts: the decimal string of the revision, whatever its size.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { revisionText } from "../../src/store/revision_text.ts";

describe("revisionText", () => {
  it("is String(revision) for small, large and odd revisions", () => {
    for (const revision of [0, 1, 9, 64, 119, 4_095, 4_096, 123_456_789, 2 ** 40 + 1, -1, 1.5]) {
      assert.equal(revisionText(revision), String(revision));
    }
  });
});
