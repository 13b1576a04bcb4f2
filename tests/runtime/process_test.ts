import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  commandLineArgs,
  environment,
  isPortFree,
  readTextFile,
  residentMemoryBytes,
  runtimeName,
  stdoutIsTerminal,
} from "../../src/runtime/mod.ts";

describe("process adapter", () => {
  it("reports the runtime, arguments, environment, terminal and memory", () => {
    assert.equal(
      runtimeName(),
      "Deno" in globalThis ? "deno" : "Bun" in globalThis ? "bun" : "node",
    );
    assert.ok(Array.isArray(commandLineArgs()));
    assert.equal(typeof environment().PATH, "string");
    assert.equal(typeof stdoutIsTerminal(), "boolean");
    assert.ok(residentMemoryBytes() > 10_000_000);
  });

  it("reads text files, and names the path when it cannot", () => {
    const dir = mkdtempSync(join(tmpdir(), "fkas-runtime-"));
    try {
      writeFileSync(join(dir, "config.yaml"), "port: 3333\n");
      assert.equal(readTextFile(join(dir, "config.yaml")), "port: 3333\n");
      assert.throws(
        () => readTextFile(join(dir, "missing.yaml")),
        (error: Error & { code?: string }) => {
          assert.match(error.message, /^Cannot read .*missing\.yaml: /);
          assert.equal(error.code, "ENOENT");
          return true;
        },
      );
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it("tells free ports from bound ones", async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as net.AddressInfo).port;
    assert.equal(await isPortFree("127.0.0.1", port), false);
    await new Promise((resolve) => server.close(resolve));
    assert.equal(await isPortFree("127.0.0.1", port), true);
  });

  it("frees a probed port at once, and sees a port held on every address or on ::1", async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    assert.equal(await isPortFree("127.0.0.1", port), true);
    // The probe's own bind is gone: a real server binds the port right after it.
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen({ host: "0.0.0.0", port, exclusive: true }, resolve);
    });
    try {
      assert.equal(await isPortFree("127.0.0.1", port), false);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    const ipv6 = net.createServer();
    await new Promise<void>((resolve) =>
      ipv6.listen({ host: "::1", port, exclusive: true }, resolve)
    );
    try {
      assert.equal(await isPortFree("::1", port), false);
    } finally {
      await new Promise((resolve) => ipv6.close(resolve));
    }
  });
});
