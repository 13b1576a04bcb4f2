// The contract every cluster placement keeps, through the control API: one suite, run against
// the in-process host, the worker protocol in one thread, and real worker threads (e2e).

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

/** A control API answer: status and parsed JSON (or the text when it is not JSON). */
export interface ControlAnswer {
  readonly status: number;
  // deno-lint-ignore no-explicit-any
  readonly json: any;
  readonly text: string;
}

/** A placement under test: a control API to call and the first port of its range. */
export interface Placement {
  call(method: string, path: string, body?: unknown): Promise<ControlAnswer>;
  readonly portMin: number;
  /**
   * Whether no other process can hold a port of the range (fake listeners): then ports are
   * exactly the lowest of the range; with real sockets, a port another process holds is skipped.
   */
  readonly exactPorts: boolean;
  /**
   * With --peers: which replica owns a cluster. Each replica hands out its own range (from
   * `portMin`), and the list holds each replica's clusters in registration order, replica by replica.
   */
  readonly ownerOf?: (namespace: string, name: string) => number;
  close(): Promise<void>;
}

const CP = { "cluster.x-k8s.io/control-plane": "" };

/** Runs the contract against the placement `start` builds (once for the whole suite). */
export function clusterHostContract(name: string, start: () => Promise<Placement>): void {
  describe(`cluster host contract: ${name}`, () => {
    let p: Placement;
    const ports = new Map<string, number>();
    const ns = "contract";
    const node = (cluster: string, nodeName: string, labels: Record<string, string> = {}) =>
      p.call("PUT", "/updateNode", { cluster, namespace: ns, nodeName, labels });
    before(async () => {
      p = await start();
    });
    after(() => p.close());

    it("hands out the lowest free ports in registration order and lists clusters in that order", async () => {
      const names = ["c0", "c1", "c2", "c3", "c4", "c5"];
      for (const cluster of names) {
        const answer = await p.call("POST", "/register", { cluster, namespace: ns });
        assert.equal(answer.status, 200, answer.text);
        assert.equal(answer.json.ResourceName, `${ns}/${cluster}`);
        ports.set(cluster, answer.json.Port);
      }
      // Per replica (one replica without --peers): lowest ports first, in registration order.
      const owner = (cluster: string) => p.ownerOf?.(ns, cluster) ?? 0;
      for (const replica of new Set(names.map(owner))) {
        const given = names.filter((n) => owner(n) === replica).map((n) => ports.get(n)!);
        if (p.exactPorts) assert.deepEqual(given, given.map((_, i) => p.portMin + i));
        else {
          assert.ok(given.every((port, i) => i === 0 || port > given[i - 1]), `${given}`);
          assert.ok(given[0] >= p.portMin);
        }
      }
      const again = await p.call("POST", "/register", { cluster: "c2", namespace: ns });
      assert.equal(again.json.Port, ports.get("c2"), "registering again answers the same port");
      const list = await p.call("GET", "/clusters");
      assert.deepEqual(
        list.json.clusters.map((c: { name: string }) => c.name),
        [...names].sort((a, b) => owner(a) - owner(b)),
      );
    });

    it("a control plane report brings the listener up; the view shows the node", async () => {
      assert.equal((await node("c1", "c1-cp", CP)).status, 200);
      const view = (await p.call("GET", `/clusters/${ns}/c1`)).json;
      assert.equal(view.listener, "serving");
      assert.deepEqual(view.nodes.map((n: { name: string }) => n.name), ["c1-cp"]);
      assert.equal(view.port, ports.get("c1"));
      const kubeconfig = await p.call("GET", `/clusters/${ns}/c1/kubeconfig`);
      assert.equal(kubeconfig.status, 200);
      assert.match(kubeconfig.text, new RegExp(`server: https://[^\\s]+:${ports.get("c1")}`));
      const secrets = await p.call("GET", `/clusters/${ns}/c1/ca-secrets`);
      assert.match(secrets.text, /name: c1-ca/);
    });

    it("answers 404 with the same messages for a cluster that is not registered", async () => {
      const view = await p.call("GET", `/clusters/${ns}/nope`);
      assert.equal(view.status, 404);
      assert.deepEqual(view.json, { error: `cluster ${ns}/nope is not registered` });
      const report = await node("nope", "n-0", CP);
      assert.equal(report.status, 404);
      assert.deepEqual(report.json, {
        error: `Workload Cluster does not exist: ${ns}/nope is not registered`,
      });
      assert.equal((await p.call("DELETE", `/clusters/${ns}/nope`)).status, 404);
      assert.equal((await p.call("GET", `/clusters/${ns}/nope/faults`)).status, 404);
    });

    it("fault rules: 400 naming the field for an unserved resource, 404 for an unknown id", async () => {
      const base = `/clusters/${ns}/c1/faults`;
      const typo = await p.call("POST", base, { id: "x", resource: "podz", errorRate: 1 });
      assert.equal(typo.status, 400);
      assert.equal(typo.json.field, "resource");
      assert.match(typo.json.error, /serves no resource "podz"/);
      const added = await p.call("POST", base, { id: "slow", resource: "pods", latencyMs: 10 });
      assert.equal(added.status, 201, added.text);
      assert.deepEqual((await p.call("GET", base)).json.faults.map((r: { id: string }) => r.id), [
        "slow",
      ]);
      const missing = await p.call("DELETE", `${base}/none`);
      assert.equal(missing.status, 404);
      assert.deepEqual(missing.json, { error: `no fault none in ${ns}/c1` });
      assert.equal((await p.call("DELETE", `${base}/slow`)).status, 200);
      assert.deepEqual((await p.call("DELETE", base)).json, { faults: [] });
    });

    it("etcd: members, a leader change, 404 for an unknown member, 400 for an unknown alarm", async () => {
      const etcd = (await p.call("GET", `/clusters/${ns}/c1/etcd`)).json;
      assert.equal(etcd.members.length, 1);
      const leaderless = await p.call("PUT", `/clusters/${ns}/c1/etcd/leader`, { member: null });
      assert.equal(leaderless.status, 200, leaderless.text);
      const unknown = await p.call("PUT", `/clusters/${ns}/c1/etcd/leader`, { member: "ghost" });
      assert.equal(unknown.status, 404);
      const alarm = await p.call("PUT", `/clusters/${ns}/c1/etcd/members/c1-cp/alarms/FIRE`);
      assert.equal(alarm.status, 400);
      assert.equal(alarm.json.field, "alarm");
      const certificate = await p.call("GET", `/clusters/${ns}/c1/etcd-client-certificate`);
      assert.equal(certificate.json.commonName, "fkas-etcdctl");
    });

    it("node conditions, kubelet timing, lease renewal and the listener switch", async () => {
      const condition = await p.call(
        "PUT",
        `/clusters/${ns}/c1/nodes/c1-cp/conditions/Ready`,
        { status: "False", reason: "Test" },
      );
      assert.equal(condition.status, 200, condition.text);
      const ready = condition.json.nodes[0].conditions.find((c: { type: string }) =>
        c.type === "Ready"
      );
      assert.equal(ready.status, "False");
      const kubelet = await p.call("PUT", `/clusters/${ns}/c1/kubelet`, { podStartDelay: "2s" });
      assert.deepEqual(kubelet.json, { podStartDelay: "2s", podStopDelay: "0s" });
      assert.deepEqual((await p.call("GET", `/clusters/${ns}/c1/kubelet`)).json, {
        podStartDelay: "2s",
        podStopDelay: "0s",
      });
      const lease = await p.call("PUT", `/clusters/${ns}/c1/lease-renewal`, { enabled: true });
      assert.deepEqual(lease.json, { leaseRenewal: true });
      assert.deepEqual((await p.call("GET", `/clusters/${ns}/c1/lease-renewal`)).json, {
        leaseRenewal: true,
      });
      await p.call("PUT", `/clusters/${ns}/c1/lease-renewal`, { enabled: false });
      assert.equal(
        (await p.call("POST", `/clusters/${ns}/c1/listener/stop`)).json.listener,
        "stopped",
      );
      assert.equal(
        (await p.call("POST", `/clusters/${ns}/c1/listener/start`)).json.listener,
        "serving",
      );
    });

    it("deleting a node, then a cluster, frees its port for the next registration", async () => {
      assert.deepEqual((await p.call("DELETE", `/clusters/${ns}/c1/nodes/c1-cp`)).json, {
        deleted: "c1-cp",
      });
      assert.deepEqual((await p.call("GET", `/clusters/${ns}/c1`)).json.nodes, []);
      const deleted = await p.call("DELETE", `/clusters/${ns}/c3`);
      assert.deepEqual(deleted.json, { deleted: `${ns}/c3`, port: ports.get("c3") });
      // A name placed where c3 was (any name without --peers), so that the port is its to take.
      const owner = (cluster: string) => p.ownerOf?.(ns, cluster) ?? 0;
      const late = ["late", "late-1", "late-2", "late-3", "late-4", "late-5", "late-6", "late-7"]
        .find((name) => owner(name) === owner("c3"))!;
      const next = await p.call("POST", "/register", { cluster: late, namespace: ns });
      assert.equal(next.json.Port, ports.get("c3"), "the freed port is reused");
      const names = (await p.call("GET", "/clusters")).json.clusters.map((c: { name: string }) =>
        c.name
      );
      assert.deepEqual(
        names,
        ["c0", "c1", "c2", "c4", "c5", late].sort((a, b) => owner(a) - owner(b)),
      );
    });
  });
}
