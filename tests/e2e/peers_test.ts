// Three replicas on loopback with --peers: every control route through replica 0 reaches the
// cluster's owner, GET /clusters lists all, a replica killed (SIGKILL) mid-storm leaves the others
// serving while its clusters answer 503 naming it, and its restart on its --data-dir brings them back.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { rendezvousOwner } from "../../src/hosts/peers/mod.ts";
import { httpsText } from "../../src/runtime/mod.ts";
import { type FkasProcess, type Kubeconfig, startFkasProcess } from "./fkas_process.ts";

const REPLICAS = 3;
const dirs = Array.from({ length: REPLICAS }, () => mkdtempSync(join(tmpdir(), "fkas-peers-")));
// Below Linux's ephemeral range (where any process's client socket may take a port), 100 cluster
// ports per replica and then the control ports: a restarted replica gets its ports back.
const base = 22000 + Math.floor(Math.random() * 25) * 400;
let urls: string[] = [];
const fkas: FkasProcess[] = [];

function startReplica(index: number): Promise<FkasProcess> {
  const port = Number(new URL(urls[index]).port);
  return startFkasProcess([
    `--control-address=127.0.0.1:${port}`,
    `--ports=${base + index * 100}-${base + index * 100 + 99}`,
    `--peers=${urls.join(",")}`,
    `--shard-index=${index}`,
    `--data-dir=${dirs[index]}`,
  ]);
}

const ownerOf = (name: string) => rendezvousOwner(`default/${name}`, REPLICAS);

async function control(replica: number, method: string, path: string, body?: unknown) {
  const response = await fetch(`${urls[replica]}${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text);
  } catch { /* not JSON */ }
  return { status: response.status, json, text };
}

async function activate(replica: number, name: string) {
  const registered = await control(replica, "POST", "/register", {
    cluster: name,
    namespace: "default",
  });
  if (registered.status !== 200) return registered;
  return await control(replica, "PUT", "/updateNode", {
    cluster: name,
    namespace: "default",
    nodeName: `${name}-cp`,
    labels: { "cluster.x-k8s.io/control-plane": "" },
    k8sversion: "v1.33.1",
  });
}

// GET /version of the cluster, with the kubeconfig its owner wrote, fetched through `replica`.
async function version(replica: number, name: string): Promise<string> {
  const answer = await control(replica, "GET", `/clusters/default/${name}/kubeconfig`);
  assert.equal(answer.status, 200, answer.text);
  const { parse } = await import("yaml");
  const config = parse(answer.text) as Kubeconfig;
  const reply = await httpsText({
    url: `${config.clusters[0].cluster.server}/version`,
    method: "GET",
    caPem: atob(config.clusters[0].cluster["certificate-authority-data"]),
    certPem: atob(config.users[0].user["client-certificate-data"]),
    keyPem: atob(config.users[0].user["client-key-data"]),
    idleTimeoutMs: 10_000,
  });
  assert.equal(reply.status, 200);
  return JSON.parse(reply.text).gitVersion;
}

describe("three replicas with --peers", { timeout: 300_000 }, () => {
  before(async () => {
    urls = Array.from({ length: REPLICAS }, (_, i) => `http://127.0.0.1:${base + 300 + i}`);
    fkas.push(...await Promise.all(urls.map((_, i) => startReplica(i))));
  });
  after(async () => {
    await Promise.all(fkas.map((f) => f.stop()));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  const first = Array.from({ length: 12 }, (_, i) => `pre-${i}`);

  it("replica 0 registers every cluster on its owner, whose listener serves it", async () => {
    for (const name of first) assert.equal((await activate(0, name)).status, 200, name);
    for (const name of first) {
      // Each replica's own list (as a forward sees it) holds exactly its clusters.
      const view = await control(0, "GET", `/clusters/default/${name}`);
      assert.equal(view.status, 200);
      const port = Number(view.json.port);
      const owner = ownerOf(name);
      assert.ok(port >= base + owner * 100 && port <= base + owner * 100 + 99, `${name}: ${port}`);
    }
    assert.ok(new Set(first.map(ownerOf)).size === REPLICAS, "12 clusters spread over all three");
    assert.equal(await version(0, first.find((n) => ownerOf(n) === 2)!), "v1.33.1");
  });

  it("GET /clusters on any replica lists all of them", async () => {
    for (let replica = 0; replica < REPLICAS; replica++) {
      const { status, json } = await control(replica, "GET", "/clusters");
      assert.equal(status, 200);
      const names = (json.clusters as { name: string }[]).map((c) => c.name).sort();
      assert.deepEqual(names, [...first].sort());
    }
  });

  it("a replica killed mid-storm: the others keep serving, its clusters answer 503 naming it", async () => {
    // The batch journal syncs within 100 ms: what was answered before this is on disk.
    await new Promise((resolve) => setTimeout(resolve, 300));
    let killed = false;
    let done = false;
    const results: { name: string; status: number; error: string; afterKill: boolean }[] = [];
    const storm = async (worker: number) => {
      for (let i = 0; !done; i++) {
        const name = `storm-${worker}-${i}`;
        const afterKill = killed;
        const answer = await activate(0, name);
        const viewed = first[(worker + i) % first.length];
        const view = await control(0, "GET", `/clusters/default/${viewed}`);
        results.push({ name, status: answer.status, error: String(answer.json.error), afterKill });
        results.push({
          name: viewed,
          status: view.status,
          error: String(view.json.error),
          afterKill,
        });
      }
    };
    const workers = Promise.all([0, 1, 2, 3].map(storm));
    // Kill once the storm has been served by every replica (however loaded the machine is).
    const servedBy = (owner: number) =>
      results.some((r) => r.status === 200 && ownerOf(r.name) === owner);
    for (let waited = 0; !(servedBy(0) && servedBy(1) && servedBy(2)); waited += 50) {
      assert.ok(waited < 30_000, "the storm reached every replica within 30 s");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    process.kill(fkas[2].pid, "SIGKILL");
    await fkas[2].exited;
    killed = true;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    done = true;
    await workers;
    assert.ok(results.some((r) => !r.afterKill && ownerOf(r.name) === 2), "served before");
    assert.ok(results.some((r) => r.afterKill && ownerOf(r.name) === 2), "the dead one was asked");
    assert.ok(results.some((r) => r.afterKill && ownerOf(r.name) !== 2), "the others were asked");
    for (const result of results) {
      if (ownerOf(result.name) !== 2) {
        assert.equal(result.status, 200, `${result.name}: ${result.error}`);
      } else if (result.afterKill) {
        assert.equal(result.status, 503, result.name);
        assert.match(
          result.error,
          new RegExp(
            `^Cannot serve cluster default/${result.name}: its owner replica 2 \\(${
              urls[2].replaceAll(".", "\\.")
            }\\) cannot be reached`,
          ),
        );
      }
    }
    const { status, json } = await control(1, "GET", "/clusters");
    assert.equal(status, 200);
    assert.deepEqual(
      (json.unreachable as { replica: number; url: string }[]).map((u) => [u.replica, u.url]),
      [[2, urls[2]]],
    );
    const listed = new Set((json.clusters as { name: string }[]).map((c) => c.name));
    for (const name of first) assert.equal(listed.has(name), ownerOf(name) !== 2, name);
    // The live replicas' clusters still answer their own API, not only the control routes.
    for (const owner of [0, 1]) {
      assert.equal(await version(0, first.find((n) => ownerOf(n) === owner)!), "v1.33.1");
    }
  });

  it("restarted on its --data-dir, the replica serves its clusters again", async () => {
    fkas[2] = await startReplica(2);
    const theirs = first.filter((name) => ownerOf(name) === 2);
    for (const name of theirs) {
      assert.equal((await control(0, "GET", `/clusters/default/${name}`)).status, 200, name);
      assert.equal(await version(1, name), "v1.33.1");
    }
    const { json } = await control(0, "GET", "/clusters");
    assert.equal(json.unreachable, undefined);
    const listed = new Set((json.clusters as { name: string }[]).map((c) => c.name));
    for (const name of first) assert.ok(listed.has(name), name);
  });
});
