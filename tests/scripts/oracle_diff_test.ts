// The oracle's comparison: volatile values are blanked, everything else (values, presence, key
// order, status, content type, header names) is reported with its path.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { type Answer, compareAnswers, normalise } from "../../scripts/oracle/_diff.ts";

const answer = (body: unknown, extra: Partial<Answer> = {}): Answer => ({
  status: 200,
  headers: ["audit-id", "content-type"],
  contentType: "application/json",
  body,
  ...extra,
});

describe("oracle comparison", () => {
  it("blanks uids, times, resourceVersions and random generateName suffixes", () => {
    assert.deepEqual(
      normalise({
        metadata: { name: "gen-x7k2p", generateName: "gen-", uid: "a", resourceVersion: "7" },
        message: "uid 0f8fad5b-d9cb-469f-a165-70867728950e at 2026-12-07T01:00:00Z",
      }),
      {
        metadata: {
          name: "gen-<random>",
          generateName: "gen-",
          uid: "<volatile>",
          resourceVersion: "<volatile>",
        },
        message: "uid <uid> at <time>",
      },
    );
  });

  it("sees the same answer as the same, whatever its volatile values", () => {
    const a = answer({ kind: "ConfigMap", metadata: { uid: "1", resourceVersion: "5" } });
    const b = answer({ kind: "ConfigMap", metadata: { uid: "2", resourceVersion: "9" } });
    assert.deepEqual(compareAnswers(a, b), []);
  });

  it("reports values, absent keys, key order, status, content type and header names", () => {
    const oracle = answer({ kind: "Status", code: 404, reason: "NotFound" }, { status: 404 });
    const fkas = answer({ kind: "Status", reason: "Gone", code: 404, extra: true }, {
      status: 410,
      headers: ["content-type"],
      contentType: "text/plain",
    });
    assert.deepEqual(compareAnswers(oracle, fkas), [
      { path: "(status)", oracle: 404, fkas: 410 },
      { path: "(content-type)", oracle: "application/json", fkas: "text/plain" },
      { path: "(headers)", oracle: ["audit-id"], fkas: [] },
      { path: ".reason", oracle: "NotFound", fkas: "Gone" },
      { path: ".extra", oracle: "(absent)", fkas: true },
      { path: " (key order)", oracle: "kind,code,reason", fkas: "kind,reason,code" },
    ]);
  });
});
