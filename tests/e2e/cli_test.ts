// The fkas command line: help, version, clear errors for bad configuration, fatal start-up failures.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import { runFkas } from "./fkas_process.ts";

describe("fkas command line", () => {
  it("--help lists the flags with their env vars; --version prints the version", () => {
    const help = runFkas(["--help"]);
    assert.equal(help.status, 0);
    for (
      const flag of [
        "--control-address",
        "--advertise-host",
        "--ports",
        "--log-level",
        "--log-format",
      ]
    ) {
      assert.match(help.stdout, new RegExp(flag));
    }
    assert.match(help.stdout, /FKAS_PORTS/);
    const version = runFkas(["--version"]);
    assert.equal(version.status, 0);
    assert.match(version.stdout, /^fkas \d+\.\d+\.\d+/);
  });

  it("an invalid value stops start-up with one message naming the flag or env var", () => {
    const flag = runFkas(["serve", "--ports", "30000-20000"]);
    assert.equal(flag.status, 2);
    assert.match(flag.stderr, /--ports/);
    const env = runFkas(["serve"], { FKAS_LOG_LEVEL: "loud" });
    assert.equal(env.status, 2);
    assert.match(env.stderr, /FKAS_LOG_LEVEL/);
    const unknown = runFkas(["serve", "--prots", "1-2"]);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /--prots/);
  });

  it("a control port that cannot be bound is fatal and visible (upstream ignored it)", async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const result = runFkas(["serve", `--control-address=127.0.0.1:${port}`, "--log-format=json"]);
      assert.equal(result.status, 1);
      assert.match(result.stdout + result.stderr, /Cannot start fkas/);
      assert.match(result.stdout + result.stderr, new RegExp(`${port}`));
    } finally {
      blocker.close();
    }
  });
});
