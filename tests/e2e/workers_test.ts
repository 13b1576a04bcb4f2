// `--workers 2`: the cluster host contract over a real fkas process whose clusters live on two
// worker threads (real listeners), then real TLS requests to clusters on each worker, a watch
// that follows a write, and /metrics summing both workers.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { clusterHostContract } from "../hosts/_host_contract.ts";
import { type FkasProcess, startFkasProcess } from "./fkas_process.ts";
import { rawRequest, rawTargetOf } from "./_raw_https.ts";

const BASE = 40000 + Math.floor(Math.random() * 200) * 100;

async function call(fkas: FkasProcess, method: string, path: string, body?: unknown) {
  const response = await fetch(`${fkas.control}${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text };
}

clusterHostContract("--workers 2 (worker threads, real listeners)", async () => {
  const fkas = await startFkasProcess(["--workers=2", `--ports=${BASE}-${BASE + 49}`]);
  return {
    portMin: BASE,
    exactPorts: false,
    call: (method, path, body) => call(fkas, method, path, body),
    close: async () => void await fkas.stop(),
  };
});

describe("--workers 2: clusters on both workers", () => {
  let fkas: FkasProcess;
  before(async () => {
    fkas = await startFkasProcess(["--workers=2", `--ports=${BASE + 50}-${BASE + 99}`]);
  });
  after(() => fkas.stop());

  it("every cluster answers over TLS, a watch sees a write, and /metrics sums both workers", async () => {
    // Six names land on both workers of two (FNV-1a of namespace/name), as the unit test shows.
    const names = ["w0", "w1", "w2", "w3", "w4", "w5"];
    const targets = [];
    for (const name of names) targets.push(rawTargetOf((await fkas.activate("e2e", name)).config));
    for (const [index, target] of targets.entries()) {
      const answer = await rawRequest(target, "GET", "/api/v1/nodes");
      assert.equal(answer.status, 200, answer.head);
      assert.equal(JSON.parse(answer.body).items[0].metadata.name, `${names[index]}-cp-1`);
    }
    const target = targets[1];
    const watch = rawRequest(target, "GET", "/api/v1/namespaces/default/configmaps?watch=1", {
      timeoutMs: 1_500,
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const body = new TextEncoder().encode(
      JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "seen" } }),
    );
    const created = await rawRequest(target, "POST", "/api/v1/namespaces/default/configmaps", {
      headers: { "Content-Type": "application/json" },
      body,
    });
    assert.equal(created.status, 201, created.body);
    assert.match((await watch).body, /"type":"ADDED".*"name":"seen"/);
    const metrics = (await call(fkas, "GET", "/metrics")).text;
    assert.match(metrics, /^fkas_clusters 6$/m);
    assert.match(metrics, /^fkas_listeners 6$/m);
    assert.equal(metrics.match(/^# TYPE fkas_clusters /gm)?.length, 1, "one family header");
    assert.match(metrics, /apiserver_request_total\{cluster="e2e\/w1",verb="POST"/);
  });
});
