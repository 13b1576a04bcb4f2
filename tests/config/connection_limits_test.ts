// Tests the connection limit options: kube-apiserver's timeouts by default, Go-style durations.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { run, serve } from "./_helpers.ts";

describe("connection limit options", () => {
  it("default to kube-apiserver's 32 s header and 90 s idle timeouts", () => {
    const config = serve([]);
    assert.equal(config.headerTimeout, 32_000);
    assert.equal(config.idleTimeout, 90_000);
    assert.equal(config.maxConnections, undefined);
    assert.equal(config.maxConnectionsPerCluster, 1000);
  });

  it("read Go-style durations from flags, and 0 turns a timeout off", () => {
    const config = serve(["--header-timeout", "1m30s", "--idle-timeout=0"]);
    assert.equal(config.headerTimeout, 90_000);
    assert.equal(config.idleTimeout, 0);
    assert.equal(serve(["--header-timeout", "1.5s"]).headerTimeout, 1500);
    assert.equal(serve(["--idle-timeout", "250ms"]).idleTimeout, 250);
    assert.equal(serve(["--idle-timeout", "2h"]).idleTimeout, 7_200_000);
  });

  it("read caps from env vars and YAML numbers", () => {
    const fromEnv = serve([], {
      env: { FKAS_MAX_CONNECTIONS: "40000", FKAS_MAX_CONNECTIONS_PER_CLUSTER: "50" },
    });
    assert.equal(fromEnv.maxConnections, 40_000);
    assert.equal(fromEnv.maxConnectionsPerCluster, 50);
    const files = { "c.yaml": "maxConnections: 2000\nheaderTimeout: 10s\nidleTimeout: 0\n" };
    const fromFile = serve(["--config", "c.yaml"], { files });
    assert.equal(fromFile.maxConnections, 2000);
    assert.equal(fromFile.headerTimeout, 10_000);
    assert.equal(fromFile.idleTimeout, 0);
  });

  it("show their defaults in the help text", () => {
    const command = run(["--help"]);
    const help = command.kind === "help" ? command.text : "";
    assert.match(help, /--header-timeout DURATION .*default 32s\)/);
    assert.match(help, /--idle-timeout DURATION .*default 90s\)/);
    assert.match(help, /--max-connections N .*default the open-file limit minus/);
    assert.match(help, /--max-connections-per-cluster N .*default 1000\)/);
  });
});
