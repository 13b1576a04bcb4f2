// kill -9 during a write storm, then restart on the same --data-dir: every acknowledged change is
// back, nothing unacknowledged is half-applied, resourceVersions never go backwards, ports and CAs
// stay; a list+watch from before the crash resumes after it, with the cluster's fault rules and
// etcd members. With --workers 1 and 2: the storms' restarts cycle through 2, 2, 1, 1 workers, so
// a worker's own journal is restored (2 → 2, 1 → 1) and clusters are re-placed (2 → 1, 1 → 2).
// The control API's settings (kubelet delays, lease renewal) come back too.

import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { httpsStream, httpsText } from "../../src/runtime/mod.ts";
import { type FkasProcess, type Kubeconfig, startFkasProcess } from "./fkas_process.ts";

const ROUNDS = 20;
const WRITERS_PER_CLUSTER = 3;

interface Client {
  readonly server: string;
  readonly caPem: string;
  readonly certPem: string;
  readonly keyPem: string;
}

const pem = (data: string) => atob(data);
function clientOf(config: Kubeconfig): Client {
  return {
    server: config.clusters[0].cluster.server,
    caPem: pem(config.clusters[0].cluster["certificate-authority-data"]),
    certPem: pem(config.users[0].user["client-certificate-data"]),
    keyPem: pem(config.users[0].user["client-key-data"]),
  };
}

async function kube(
  client: Client,
  method: "GET" | "POST" | "PUT" | "DELETE",
  path: string,
  body?: unknown,
) {
  const answer = await httpsText({
    url: `${client.server}${path}`,
    method,
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    caPem: client.caPem,
    certPem: client.certPem,
    keyPem: client.keyPem,
    idleTimeoutMs: 10_000,
  });
  return { status: answer.status, body: JSON.parse(answer.text) };
}

// What a ConfigMap should look like: absent, or present with data.v.
type CmState = { exists: false } | { exists: true; v: number };

/** One writer's ConfigMap: the last acknowledged state and the one an unanswered request asks for. */
interface Tracked {
  cluster: string;
  name: string;
  acked: CmState;
  inFlight?: CmState;
}

const dataDir = mkdtempSync(join(tmpdir(), "fkas-crash-"));
after(() => rmSync(dataDir, { recursive: true, force: true }));
// Below Linux's ephemeral range (32768-60999): a client socket of any process may hold a port
// there, and a restored cluster must get its own port back.
const base = 22000 + Math.floor(Math.random() * 80) * 100;
// A small compaction threshold (4 KiB, or twice the last snapshot, whatever the journal holds):
// storms compact now and then,
// so kills land during compactions too, and restarts read snapshots as well as journals.
const flags = [
  `--data-dir=${dataDir}`,
  `--ports=${base}-${base + 99}`,
  "--compact-after-bytes=4096",
  "--compact-creations-after-bytes=4096",
];

// The worker count of each run: the first, then one per round's restart.
const WORKER_CYCLE = [2, 2, 1, 1];
function start(run: number): Promise<FkasProcess> {
  return startFkasProcess([...flags, `--workers=${WORKER_CYCLE[run % WORKER_CYCLE.length]}`]);
}

/** Watches a cluster's ConfigMaps until the process dies, raising `highest` to each event's rv. */
async function watchUntilDeath(client: Client, highest: (rv: number) => void): Promise<void> {
  let answer;
  try {
    answer = await httpsStream({
      url: `${client.server}/api/v1/namespaces/default/configmaps?watch=1`,
      method: "GET",
      caPem: client.caPem,
      certPem: client.certPem,
      keyPem: client.keyPem,
      idleTimeoutMs: 10_000,
    });
  } catch {
    return; // the process died before the watch opened
  }
  let text = "";
  const decoder = new TextDecoder();
  await answer.read((chunk) => {
    text += decoder.decode(chunk, { stream: true });
    const lines = text.split("\n");
    text = lines.pop()!;
    for (const line of lines.filter(Boolean)) {
      highest(Number(JSON.parse(line).object?.metadata?.resourceVersion ?? 0));
    }
  }).catch(() => {});
}

/**
 * The newest snapshot generation of each journal dir, summed (the top level with one worker as
 * before, `layout-<k>/worker-<i>/` once the count changed): a run's compactions are the growth
 * between its start and its kill, since a change of worker count starts a layout at 0.
 */
function snapshotsWritten(dir: string): number {
  const generations = (path: string) =>
    Math.max(
      0,
      ...readdirSync(path).map((name) => Number(/^snapshot-(\d+)\.fkas$/.exec(name)?.[1] ?? 0)),
    );
  const layout = /"dir":"(layout-\d+)"/.exec(readIfThere(join(dir, "layout.json")))?.[1];
  if (!layout) return generations(dir);
  return readdirSync(join(dir, layout)).reduce(
    (sum, worker) => sum + generations(join(dir, layout, worker)),
    0,
  );
}

function readIfThere(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

function killHard(fkas: FkasProcess): Promise<unknown> {
  process.kill(fkas.pid, "SIGKILL");
  return fkas.exited;
}

describe("kill -9 with --data-dir", { timeout: 600_000 }, () => {
  // Bun honours a timeout given to the test itself, not the describe's.
  it(
    `loses nothing acknowledged over ${ROUNDS} crashes in write storms`,
    { timeout: 600_000 },
    async () => {
      const ports = new Map<string, number>();
      const cas = new Map<string, string>();
      const clients = new Map<string, Client>();
      const nodes = new Set<string>(); // cluster/node acknowledged
      const registered = new Map<string, number>(); // clusters registered in storms, with their port
      let writes = 0;
      const tracked: Tracked[] = [];
      const highestRv = new Map<string, number>(); // resourceVersions are per cluster
      const highestWatched = new Map<string, number>(); // the newest change a watcher was shown
      let compactions = 0;
      let fkas = await start(0);
      let generationsAtStart = snapshotsWritten(dataDir);
      for (const name of ["c1", "c2", "c3"]) {
        const { config } = await fkas.activate("default", name);
        const client = clientOf(config);
        clients.set(name, client);
        cas.set(name, client.caPem);
        ports.set(name, Number(new URL(client.server).port));
        for (let w = 0; w < WRITERS_PER_CLUSTER; w++) {
          tracked.push({ cluster: name, name: `cm-${w}`, acked: { exists: false } });
        }
      }
      for (let round = 0; round < ROUNDS; round++) {
        let stop = false;
        const writer = async (t: Tracked) => {
          const client = clients.get(t.cluster)!;
          for (let n = 0; !stop; n++) {
            const v = round * 10_000 + n;
            const path = "/api/v1/namespaces/default/configmaps";
            const object = { metadata: { name: t.name }, data: { v: String(v) } };
            const [method, target, want]: ["POST" | "PUT" | "DELETE", string, CmState] =
              !t.acked.exists
                ? ["POST", path, { exists: true, v }]
                : n % 3 === 2
                ? ["DELETE", `${path}/${t.name}`, { exists: false }]
                : ["PUT", `${path}/${t.name}`, { exists: true, v }];
            t.inFlight = want;
            let answer;
            try {
              answer = await kube(client, method, target, method === "DELETE" ? undefined : object);
            } catch {
              return; // the process died: this change may or may not be there
            }
            assert.ok(answer.status < 300, `${method} ${target}: ${JSON.stringify(answer.body)}`);
            t.acked = want;
            t.inFlight = undefined;
            writes++;
            const rv = Number(answer.body.metadata?.resourceVersion ?? 0);
            highestRv.set(t.cluster, Math.max(highestRv.get(t.cluster) ?? 0, rv));
          }
        };
        const control = async () => {
          for (let n = 0; !stop; n++) {
            if (n % 4 === 0) {
              const name = `r${round}-${n}`;
              try {
                const { Port } = await fkas.register("default", name);
                registered.set(name, Port);
              } catch {
                return;
              }
              continue;
            }
            const cluster = ["c1", "c2", "c3"][n % 3];
            const node = `r${round}-w${n}`;
            try {
              await fkas.updateNode({ namespace: "default", cluster, nodeName: node });
            } catch {
              return;
            }
            nodes.add(`${cluster}/${node}`);
          }
        };
        const watchers = [...clients].map(([name, client]) =>
          watchUntilDeath(client, (rv) => {
            highestWatched.set(name, Math.max(highestWatched.get(name) ?? 0, rv));
          })
        );
        const storm = [...tracked.map(writer), control(), ...watchers];
        const roundStart = writes;
        const roundRegistered = registered.size;
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 400));
        // On a loaded machine the first writes of a round can take longer than the random wait:
        // the kill waits for a few acknowledged writes and the round's first registration (at most
        // 10 s more; a registration crosses to a worker thread and back), so no storm is calm.
        const calm = () => writes - roundStart < 10 || registered.size <= roundRegistered;
        for (let waited = 0; calm() && waited < 10_000; waited += 20) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await killHard(fkas);
        stop = true;
        await Promise.all(storm);
        compactions += snapshotsWritten(dataDir) - generationsAtStart;

        fkas = await start(round + 1);
        generationsAtStart = snapshotsWritten(dataDir);
        for (const [name, port] of registered) {
          const { config } = await fkas.kubeconfig("default", name);
          assert.equal(Number(new URL(config.clusters[0].cluster.server).port), port, name);
        }
        for (const [name, client] of clients) {
          const { config } = await fkas.kubeconfig("default", name);
          const restored = clientOf(config);
          assert.equal(restored.caPem, cas.get(name), `round ${round}: ${name} keeps its CA`);
          assert.equal(Number(new URL(restored.server).port), ports.get(name));
          // The kubeconfig from before the crash still works (same CA, same port).
          const list = await kube(client, "GET", "/api/v1/namespaces/default/configmaps");
          assert.equal(list.status, 200);
          const listRv = Number(list.body.metadata.resourceVersion);
          assert.ok(
            listRv >= (highestRv.get(name) ?? 0),
            `round ${round}: ${name} list rv ${listRv}`,
          );
          // A watch event is an acknowledgement too: what a watcher saw survives the crash.
          assert.ok(
            listRv >= (highestWatched.get(name) ?? 0),
            `round ${round}: ${name} list rv ${listRv} is older than watched rv ${
              highestWatched.get(name)
            }`,
          );
          const present = new Map<string, number>(
            list.body.items.map((i: { metadata: { name: string }; data?: { v?: string } }) => [
              i.metadata.name,
              Number(i.data?.v),
            ]),
          );
          for (const t of tracked.filter((t) => t.cluster === name)) {
            const actual: CmState = present.has(t.name)
              ? { exists: true, v: present.get(t.name)! }
              : { exists: false };
            const allowed = [t.acked, ...(t.inFlight ? [t.inFlight] : [])];
            assert.ok(
              allowed.some((s) => JSON.stringify(s) === JSON.stringify(actual)),
              `round ${round}: ${name}/${t.name} is ${JSON.stringify(actual)}, expected one of ${
                JSON.stringify(allowed)
              }`,
            );
            t.acked = actual; // an unacknowledged change that made it is the new base
            t.inFlight = undefined;
          }
          const nodeList = await kube(client, "GET", "/api/v1/nodes");
          const names = new Set(
            nodeList.body.items.map((n: { metadata: { name: string } }) => n.metadata.name),
          );
          for (const key of nodes) {
            const [cluster, node] = key.split("/");
            if (cluster === name) {
              assert.ok(names.has(node), `round ${round}: node ${key} acknowledged`);
            }
          }
          // resourceVersions never go backwards: a new write lands above everything acknowledged.
          const probe = await kube(client, "POST", "/api/v1/namespaces/default/configmaps", {
            metadata: { name: `probe-${round}` },
          });
          assert.equal(probe.status, 201);
          const probeRv = Number(probe.body.metadata.resourceVersion);
          assert.ok(
            probeRv > listRv,
            `round ${round}: ${name} wrote rv ${probeRv} after ${listRv}`,
          );
          highestRv.set(name, probeRv);
        }
      }
      await fkas.stop();
      assert.ok(compactions >= 3, `only ${compactions} compactions over the storms`);
      assert.ok(
        writes > ROUNDS * 10,
        `only ${writes} acknowledged writes: the storms were too calm`,
      );
      // Each round's control loop opens with a registration; a loaded machine may allow no second.
      assert.ok(registered.size >= ROUNDS, `only ${registered.size} registrations`);
    },
  );

  for (const workers of [1, 2]) {
    it(`a list+watch from before the crash resumes after the restart (--workers ${workers})`, {
      timeout: 300_000,
    }, async () => {
      await watchResumes(workers);
    });
  }

  for (const workers of [1, 2]) {
    it(
      `a second process on the data dir, or a corrupt journal, stops start-up with a clear message (--workers ${workers})`,
      {
        timeout: 300_000,
      },
      async () => {
        await refusesLockedOrCorrupt(workers);
      },
    );
  }
});

async function watchResumes(workers: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "fkas-crash-watch-"));
  const own = [
    `--data-dir=${dir}`,
    `--ports=${base + 50}-${base + 99}`,
    `--workers=${workers}`,
  ];
  try {
    let fkas = await startFkasProcess(own);
    const client = clientOf((await fkas.activate("default", "w")).config);
    const path = "/api/v1/namespaces/default/configmaps";
    const list = await kube(client, "GET", path);
    const from = list.body.metadata.resourceVersion;
    for (const name of ["w1", "w2", "w3"]) {
      assert.equal((await kube(client, "POST", path, { metadata: { name } })).status, 201);
    }
    // Beyond the objects: a fault rule (on deployments only) and a second etcd member.
    const faults = `${fkas.control}/clusters/default/w/faults`;
    const rule = { id: "slow-deployments", resource: "apps/deployments", latencyMs: 5 };
    const added = await fetch(faults, { method: "POST", body: JSON.stringify(rule) });
    assert.equal(added.status, 201, await added.text());
    await fkas.updateNode({
      cluster: "w",
      namespace: "default",
      nodeName: "w-cp-2",
      labels: { "cluster.x-k8s.io/control-plane": "" },
      k8sversion: "v1.33.1",
    });
    const etcdBefore = await (await fetch(`${fkas.control}/clusters/default/w/etcd`)).json();
    assert.equal(etcdBefore.members.length, 2);
    // And the control API's settings: kubelet delays and lease renewal.
    const settings = {
      kubelet: { podStartDelay: "1500ms", podStopDelay: "3s" },
      "lease-renewal": { enabled: true },
    };
    for (const [path, body] of Object.entries(settings)) {
      const url = `${fkas.control}/clusters/default/w/${path}`;
      const set = await fetch(url, { method: "PUT", body: JSON.stringify(body) });
      assert.equal(set.status, 200, await set.text());
    }
    await killHard(fkas);
    fkas = await startFkasProcess(own);
    // Start-up says what each journal restored (a worker's lines come from its thread).
    const restoredLines = fkas.output().split("\n")
      .filter((line) => line.includes("restored state from the data dir"));
    assert.equal(restoredLines.length, workers, fkas.output());
    assert.equal(
      restoredLines.reduce((sum, line) => sum + JSON.parse(line).clusters, 0),
      1,
      restoredLines.join("\n"),
    );
    const faultsAfter = `${fkas.control}/clusters/default/w/faults`;
    assert.deepEqual(await (await fetch(faultsAfter)).json(), { faults: [rule] });
    const etcdAfter = await (await fetch(`${fkas.control}/clusters/default/w/etcd`)).json();
    assert.deepEqual(etcdAfter, etcdBefore);
    const settingsAfter = `${fkas.control}/clusters/default/w`;
    assert.deepEqual(
      await (await fetch(`${settingsAfter}/kubelet`)).json(),
      settings.kubelet,
    );
    assert.deepEqual(
      await (await fetch(`${settingsAfter}/lease-renewal`)).json(),
      { leaseRenewal: true },
    );
    const answer = await httpsStream({
      url: `${client.server}${path}?watch=1&resourceVersion=${from}&allowWatchBookmarks=true`,
      method: "GET",
      caPem: client.caPem,
      certPem: client.certPem,
      keyPem: client.keyPem,
      idleTimeoutMs: 10_000,
    });
    assert.equal(answer.status, 200);
    const seen: string[] = [];
    let text = "";
    const decoder = new TextDecoder();
    const reading = answer.read((chunk) => {
      text += decoder.decode(chunk, { stream: true });
      const lines = text.split("\n");
      text = lines.pop()!;
      for (const line of lines.filter(Boolean)) {
        const event = JSON.parse(line);
        if (event.type === "ADDED") seen.push(event.object.metadata.name);
        if (seen.length === 3) answer.abort();
      }
    });
    await reading;
    assert.deepEqual(seen, ["w1", "w2", "w3"]);
    await fkas.stop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function refusesLockedOrCorrupt(workers: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "fkas-crash-lock-"));
  const own = [
    `--data-dir=${dir}`,
    `--ports=${base + 50}-${base + 99}`,
    `--workers=${workers}`,
  ];
  try {
    const fkas = await startFkasProcess(own);
    await fkas.activate("default", "l");
    await assert.rejects(startFkasProcess(own), /locked by process \d+/);
    await killHard(fkas);
    // The journal holding the cluster: the data dir's own, or its worker's.
    const file = journalFiles(dir).sort((a, b) => statSync(b).size - statSync(a).size)[0];
    const bytes = readFileSync(file);
    bytes[100] ^= 0x40; // inside an early record: not a torn tail
    writeFileSync(file, bytes);
    await assert.rejects(
      startFkasProcess(own),
      /Cannot restore from [^ ]*journal-0\.fkas: corrupt at byte offset \d+/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Every journal-0.fkas in a data dir, its layout's worker dirs included.
function journalFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith("journal-0.fkas"))
    .map((name) => join(dir, name));
}
