// Tests --peers and --shard-index: URL lists, the StatefulSet ordinal default and their checks.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fails, run, serve } from "./_helpers.ts";
import { parseCommandLine } from "../../src/config/mod.ts";

const PEERS = "http://fkas-0.fkas:3333,http://fkas-1.fkas:3333,http://fkas-2.fkas:3333";

// parseCommandLine on a machine whose host name is `hostname`.
function onHost(argv: string[], hostname: string) {
  const command = parseCommandLine({
    argv,
    env: {},
    readFile: () => "",
    stdoutIsTerminal: false,
    hostname,
  });
  assert.equal(command.kind, "serve");
  return command.config;
}

describe("--peers and --shard-index", () => {
  it("are unset by default: one process owns every cluster", () => {
    const config = serve([]);
    assert.equal(config.peers, undefined);
    assert.equal(config.shardIndex, undefined);
  });

  it("--peers is split on commas, trimmed, and a trailing slash is dropped", () => {
    const config = serve(["--peers", "http://a:1/, https://b:2", "--shard-index", "1"]);
    assert.deepEqual(config.peers, ["http://a:1", "https://b:2"]);
    assert.equal(config.shardIndex, 1);
  });

  it("the shard index defaults to the StatefulSet ordinal ending the host name", () => {
    assert.equal(onHost(["--peers", PEERS], "fkas-2").shardIndex, 2);
    assert.equal(onHost(["--peers", PEERS], "fkas-sharded-0").shardIndex, 0);
    // Without --peers the host name is not read: a laptop named "dev-7" is not a shard.
    assert.equal(onHost([], "dev-7").shardIndex, undefined);
  });

  it("a flag wins over the host name", () => {
    assert.equal(onHost(["--peers", PEERS, "--shard-index", "1"], "fkas-2").shardIndex, 1);
  });

  it("--peers without an index and without an ordinal in the host name is refused", () => {
    try {
      onHost(["--peers", PEERS], "workstation");
      assert.fail("expected a ConfigError");
    } catch (error) {
      assert.match(
        (error as Error).message,
        /^Cannot start: --shard-index: needs a value with --peers: the host name "workstation" ends in no StatefulSet ordinal$/,
      );
    }
  });

  it("an index not below the number of peers is refused, naming where it came from", () => {
    fails(
      ["--peers", PEERS, "--shard-index", "3"],
      {},
      "--shard-index: must be below the 3 --peers URLs: current value is 3",
    );
    fails(
      ["--peers", PEERS],
      { env: { FKAS_SHARD_INDEX: "5" } },
      "FKAS_SHARD_INDEX: must be below the 3 --peers URLs",
    );
  });

  it("--shard-index without --peers is refused", () => {
    fails(["--shard-index", "0"], {}, "--shard-index: needs --peers");
  });

  it("bad URL lists are refused: not http(s), with a path, duplicates, empty", () => {
    for (const value of ["ftp://a:1", "http://a:1/api", "http://a:1,http://a:1", "", "http://"]) {
      if (value === "") {
        // An empty env var counts as unset; an empty flag value is an empty list.
        fails(["--peers="], {}, "--peers: expected 1 to 64 distinct http(s)://HOST[:PORT]");
        continue;
      }
      fails(["--peers", value, "--shard-index", "0"], {}, "--peers: expected");
    }
  });

  it("the YAML file may list the peers", () => {
    const files = { "c.yaml": "peers:\n  - http://a:1\n  - http://b:2\nshardIndex: 0\n" };
    assert.deepEqual(serve(["--config", "c.yaml"], { files }).peers, ["http://a:1", "http://b:2"]);
    assert.equal(run(["--config", "c.yaml"], { files }).kind, "serve");
  });
});
