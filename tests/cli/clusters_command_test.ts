// Tests `fkas clusters` against a sharded fkas: a partial list names the missing replica and fails.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runClientCommand } from "../../src/cli/mod.ts";

function io(body: unknown) {
  let stdout = "";
  return {
    out: () => stdout,
    io: {
      fetch: () => Promise.resolve(Response.json(body)),
      env: {},
      stdout: (text: string) => void (stdout += text),
      writeFile: () => {},
    },
  };
}

describe("fkas clusters", () => {
  it("a whole list exits 0", async () => {
    const { io: world } = io({ clusters: [] });
    assert.equal(await runClientCommand(["clusters"], world), 0);
  });

  it("a list missing an unreachable replica names it under the table and exits 1", async () => {
    const { io: world, out } = io({
      clusters: [],
      unreachable: [{ replica: 2, url: "http://fkas-2:3333", error: "connection refused" }],
    });
    assert.equal(await runClientCommand(["clusters"], world), 1);
    assert.match(out(), /replica 2 \(http:\/\/fkas-2:3333\) is not listed: connection refused\n$/);
  });
});
