// Tests --workers: a count or "auto" from flag, env or file, and --data-dir beside it.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { workerCount } from "../../src/server/mod.ts";
import { serve } from "./_helpers.ts";

describe("--workers", () => {
  it("defaults to 1 and reads a count or auto from flag, env and YAML", () => {
    assert.equal(serve([]).workers, 1);
    assert.equal(serve(["--workers", "auto"]).workers, "auto");
    assert.equal(serve(["--workers=4"]).workers, 4);
    assert.equal(serve([], { env: { FKAS_WORKERS: "2" } }).workers, 2);
    const files = { "c.yaml": "workers: auto\n", "n.yaml": "workers: 3\n" };
    assert.equal(serve(["--config", "c.yaml"], { files }).workers, "auto");
    assert.equal(serve(["--config", "n.yaml"], { files }).workers, 3);
  });

  it("auto is one worker per core", () => {
    assert.equal(workerCount("auto", 2), 2);
    assert.equal(workerCount("auto", 0), 1);
    assert.equal(workerCount(3, 2), 3);
  });

  it("combines with --data-dir (each worker journals its own clusters)", () => {
    const config = serve(["--workers", "2", "--data-dir", "/d"]);
    assert.equal(config.workers, 2);
    assert.equal(config.dataDir, "/d");
    assert.equal(serve(["--data-dir", "/d"], { env: { FKAS_WORKERS: "auto" } }).workers, "auto");
  });
});
