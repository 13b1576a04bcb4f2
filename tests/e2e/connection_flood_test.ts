// Issue 12's flood: ~300 connections that never send a request, under `ulimit -n 300`, used to
// make both a cluster's API and the control API's /healthz time out.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import https from "node:https";
import net from "node:net";
import process from "node:process";
import { type FkasProcess, startFkasCommand } from "./fkas_process.ts";

const MAIN = new URL("../../main.ts", import.meta.url).pathname;
const HEADER_TIMEOUT_S = 3;

function openSilent(port: number): Promise<net.Socket> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1", () => resolve(socket));
    socket.on("error", () => resolve(socket));
  });
}

/** The status of an anonymous GET /version over TLS, or the error's message. */
function clusterVersion(server: string): Promise<string> {
  return new Promise((resolve) => {
    const request = https.get(
      `${server}/version`,
      { rejectUnauthorized: false, agent: false },
      (r) => {
        r.resume();
        r.on("end", () => resolve(String(r.statusCode)));
      },
    );
    request.setTimeout(3000, () => request.destroy(new Error("timed out")));
    request.on("error", (error) => resolve(error.message));
  });
}

describe("a flood of silent connections under ulimit -n 300", () => {
  let fkas: FkasProcess;
  let server: string;
  before(async () => {
    const runtimeArgs = "Deno" in globalThis ? ["run", "-A", MAIN] : [MAIN];
    fkas = await startFkasCommand("sh", [
      "-c",
      'ulimit -n 300 && exec "$0" "$@"',
      process.execPath,
      ...runtimeArgs,
    ], { flags: [`--header-timeout=${HEADER_TIMEOUT_S}s`, "--anonymous-auth"] });
    server = (await fkas.activate("default", "flood")).config.clusters[0].cluster.server;
  });
  after(() => fkas.stop());

  it("keeps /healthz answering, refuses the excess at once and frees the port after the header timeout", async () => {
    const port = Number(new URL(server).port);
    const flood = await Promise.all(Array.from({ length: 320 }, () => openSilent(port)));
    const started = performance.now();
    const healthz = await fetch(`${fkas.control}/healthz`, { signal: AbortSignal.timeout(5000) });
    assert.equal(healthz.status, 200);
    assert.equal(await healthz.text(), "ok");
    assert.ok(performance.now() - started < 2000);
    // Past the cap (300 descriptors less the reserve and listeners), connections close at once.
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.ok(flood.some((socket) => socket.destroyed), `none of ${flood.length} was refused`);
    // The header timeout ends the silent ones (the last ones accepted late, as room was made).
    const deadline = performance.now() + 3 * HEADER_TIMEOUT_S * 1000;
    while (flood.some((socket) => !socket.destroyed) && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const open = flood.filter((socket) => !socket.destroyed).length;
    assert.equal(open, 0, `${open} silent connections outlived the timeout`);
    assert.equal(await clusterVersion(server), "200");
  });
});
