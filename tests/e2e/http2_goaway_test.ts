// Clients that close busy HTTP/2 connections (GOAWAY) must never take fkas down (denoland/deno#36788).
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import http2 from "node:http2";
import { type FkasProcess, type Kubeconfig, startFkasProcess } from "./fkas_process.ts";

const ROUNDS = 20;
const REQUESTS_PER_ROUND = 200;
const CONCURRENCY = 10;

function request(session: http2.ClientHttp2Session, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const stream = session.request({ ":path": path });
    let status = 0;
    stream.on("response", (headers) => status = Number(headers[":status"]));
    stream.on("data", () => {});
    stream.on("end", () => resolve(status));
    stream.on("error", reject);
  });
}

function connect(config: Kubeconfig): Promise<http2.ClientHttp2Session> {
  const decode = (data: string) => atob(data);
  const session = http2.connect(config.clusters[0].cluster.server, {
    ca: decode(config.clusters[0].cluster["certificate-authority-data"]),
    cert: decode(config.users[0].user["client-certificate-data"]),
    key: decode(config.users[0].user["client-key-data"]),
  });
  return new Promise((resolve, reject) => {
    session.once("connect", () => resolve(session));
    session.once("error", reject);
  });
}

describe("HTTP/2 clients closing busy connections", () => {
  let fkas: FkasProcess;
  let config: Kubeconfig;
  before(async () => {
    fkas = await startFkasProcess();
    config = (await fkas.activate("default", "h2")).config;
  });
  after(() => fkas.stop());

  it(`${ROUNDS} × (${REQUESTS_PER_ROUND} requests, then GOAWAY) and fkas keeps serving`, async () => {
    let exitedEarly = false;
    fkas.exited.then(() => exitedEarly = true);
    for (let round = 0; round < ROUNDS; round++) {
      const session = await connect(config);
      let sent = 0;
      const worker = async () => {
        while (sent < REQUESTS_PER_ROUND) {
          sent++;
          assert.equal(await request(session, "/api/v1/nodes"), 200);
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      // Like Go clients (kubectl, etcdctl): GOAWAY first, the connection goes a moment later.
      session.goaway(0);
      await new Promise((resolve) => setTimeout(resolve, 5));
      // Bun may drop the connection before close()'s callback runs: wait for 'close' instead.
      if (!session.destroyed) {
        await new Promise((resolve) => {
          session.once("close", resolve);
          session.close();
        });
      }
      assert.equal(exitedEarly, false, `fkas died after round ${round + 1}:\n${fkas.output()}`);
    }
    const last = await connect(config);
    assert.equal(await request(last, "/api/v1/nodes"), 200);
    last.destroy();
    assert.equal(exitedEarly, false, fkas.output());
  });
});
