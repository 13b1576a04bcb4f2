// Smoke test of scripts/bench: the HTTP/1.1 framing, and load.ts against the baseline server on both protocols.
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import {
  createCertificateAuthority,
  issueClientCertificate,
  issueServingCertificate,
} from "../../src/pki/mod.ts";
import { runChild, startChild } from "../../scripts/bench/_child.ts";
import { parseResponse } from "../../scripts/bench/_http1_response.ts";
import type { LoadResult, LoadSpec } from "../../scripts/bench/load.ts";
import { currentRuntime } from "../../scripts/bench/_runtimes.ts";

const BENCH = new URL("../../scripts/bench/", import.meta.url).pathname;

async function writeCerts(): Promise<string> {
  const now = new Date();
  const ca = await createCertificateAuthority({ commonName: "ca", keyAlgorithm: "ecdsa", now });
  const server = await issueServingCertificate(ca, {
    commonName: "baseline",
    dnsNames: ["localhost"],
    ipAddresses: ["127.0.0.1"],
    now,
  });
  const client = await issueClientCertificate(ca, {
    commonName: "kubernetes-admin",
    organizations: ["system:masters"],
    now,
  });
  const dir = mkdtempSync(join(tmpdir(), "fkas-bench-test-"));
  const files = {
    "ca.crt": ca.certPem,
    "server.crt": server.certPem,
    "server.key": server.keyPem,
    "client.crt": client.certPem,
    "client.key": client.keyPem,
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe("scripts/bench", () => {
  it("finds the end of Content-Length, chunked and body-less responses", () => {
    const sized = Buffer.from("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}HTTP/1.1");
    assert.deepEqual(parseResponse(sized), { status: 200, length: sized.length - 8 });
    const chunked = "HTTP/1.1 405 Method Not Allowed\r\nTransfer-Encoding: chunked\r\n\r\n" +
      "3\r\nabc\r\n0\r\n\r\n";
    assert.deepEqual(parseResponse(Buffer.from(chunked)), { status: 405, length: chunked.length });
    assert.equal(parseResponse(Buffer.from(chunked.slice(0, -2))), undefined);
    const empty = "HTTP/1.1 204 No Content\r\n\r\n";
    assert.deepEqual(parseResponse(Buffer.from(empty)), { status: 204, length: empty.length });
  });

  it("load.ts measures the baseline over HTTP/1.1 and HTTP/2, PATCH bodies included", async () => {
    const certDir = await writeCerts();
    let baseline: Awaited<ReturnType<typeof startChild>> | undefined;
    try {
      baseline = await startChild(
        currentRuntime,
        join(BENCH, "baseline_server.ts"),
        [certDir],
        /^(\{"port".*)$/m,
      );
      const { port } = JSON.parse(baseline.ready);
      for (const protocol of ["http1", "h2"] as const) {
        const spec: LoadSpec = {
          port,
          certDir,
          protocol,
          concurrency: 4,
          method: "PATCH",
          path: "/api/v1/nodes/x",
          contentType: "application/merge-patch+json",
          body: '{"metadata":{"labels":{"n":"{{n}}"}}}',
          warmupMs: 100,
          durationMs: 300,
        };
        const output = await runChild(currentRuntime, join(BENCH, "load.ts"), [
          JSON.stringify(spec),
        ]);
        const result: LoadResult = JSON.parse(output);
        assert.ok(result.requests > 0, `${protocol}: ${output}`);
        assert.deepEqual(Object.keys(result.statuses), ["200"], `${protocol}: ${output}`);
        assert.equal(result.errors, 0, `${protocol}: ${output}`);
        assert.ok(result.p50Ms > 0 && result.p99Ms >= result.p50Ms, `${protocol}: ${output}`);
      }
    } finally {
      await baseline?.stop();
      rmSync(certDir, { recursive: true, force: true });
    }
  });
});
