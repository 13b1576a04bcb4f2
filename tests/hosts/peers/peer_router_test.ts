// Tests the peer layer with three in-process replicas: forwarding to the owner with the owner's
// answer, the merged list, a dead or hung owner as a 503 naming it, tokens and bad input.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { PeerSet, rendezvousOwner } from "../../../src/hosts/peers/mod.ts";
import { startReplicas } from "./_replicas.ts";

const names = Array.from({ length: 30 }, (_, i) => `c${i}`);
const ownerOf = (name: string) => rendezvousOwner(`default/${name}`, 3);
// A cluster owned by replica `owner`.
const ownedBy = (owner: number) => names.find((name) => ownerOf(name) === owner)!;

const CP = (cluster: string) => ({
  cluster,
  namespace: "default",
  nodeName: `${cluster}-cp`,
  labels: { "cluster.x-k8s.io/control-plane": "" },
  k8sversion: "v1.33.1",
});

describe("peer layer", () => {
  it("POST /register on any replica registers on the owner only and answers the owner's Host", async () => {
    const net = startReplicas();
    for (const [i, name] of names.entries()) {
      const { status, json } = await net.call(i % 3, "POST", "/register", {
        cluster: name,
        namespace: "default",
      });
      assert.equal(status, 200);
      const owner = ownerOf(name);
      assert.equal(json.Host, `192.0.2.1${owner}`, name);
      assert.equal(json.ResourceName, `default/${name}`);
      for (const [index, replica] of net.replicas.entries()) {
        assert.equal(replica.registry.get("default", name) !== undefined, index === owner);
      }
    }
    // Every replica got some: 30 clusters are not all on one.
    assert.ok(net.replicas.every((r) => r.registry.list().length > 0));
  });

  it("updateNode and cluster routes are answered by the owner, through any replica", async () => {
    const net = startReplicas();
    const name = ownedBy(2);
    await net.call(0, "POST", "/register", { cluster: name, namespace: "default" });
    const report = await net.call(1, "PUT", "/updateNode", CP(name));
    assert.equal(report.status, 200);
    assert.ok(net.replicas[2].registry.get("default", name)!.nodeNamed(`${name}-cp`));
    const view = await net.call(0, "GET", `/clusters/default/${name}`);
    assert.equal(view.status, 200);
    assert.equal(view.json.host, "192.0.2.12");
    const kubeconfig = await net.call(1, "GET", `/clusters/default/${name}/kubeconfig`);
    assert.equal(kubeconfig.status, 200);
    assert.match(kubeconfig.text, /server: https:\/\/192\.0\.2\.12:20000/);
    const deleted = await net.call(0, "DELETE", `/clusters/default/${name}`);
    assert.deepEqual(deleted.json, { deleted: `default/${name}`, port: 20000 });
    assert.equal(net.replicas[2].registry.get("default", name), undefined);
    // The owner's 404 is relayed as it is.
    const missing = await net.call(0, "GET", `/clusters/default/${name}`);
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.json, { error: `cluster default/${name} is not registered` });
  });

  it("a request the owner serves itself is not sent anywhere", async () => {
    const net = startReplicas();
    const name = ownedBy(1);
    await net.call(1, "POST", "/register", { cluster: name, namespace: "default" });
    await net.call(1, "GET", `/clusters/default/${name}`);
    assert.deepEqual(net.forwarded, [0, 0, 0]);
  });

  it("GET /clusters on any replica lists every replica's clusters, in replica order", async () => {
    const net = startReplicas();
    for (const name of names) {
      await net.call(0, "POST", "/register", { cluster: name, namespace: "default" });
    }
    const expected = [0, 1, 2].flatMap((replica) =>
      net.replicas[replica].registry.list().map((c) => `${c.namespace}/${c.name}`)
    );
    for (const replica of [0, 1, 2]) {
      const { status, json } = await net.call(replica, "GET", "/clusters");
      assert.equal(status, 200);
      const listed = (json.clusters as { namespace: string; name: string }[])
        .map((c) => `${c.namespace}/${c.name}`);
      assert.deepEqual(listed, expected);
      assert.equal(json.unreachable, undefined);
    }
  });

  it("the merged list of replicas without clusters is empty JSON", async () => {
    const net = startReplicas();
    assert.deepEqual((await net.call(2, "GET", "/clusters")).json, { clusters: [] });
    await net.call(0, "POST", "/register", { cluster: ownedBy(1), namespace: "default" });
    const { json } = await net.call(2, "GET", "/clusters");
    assert.equal((json.clusters as unknown[]).length, 1);
  });

  it("a dead owner is a 503 naming it; the other replicas' clusters are still served", async () => {
    const net = startReplicas();
    const alive = ownedBy(0);
    const dead = ownedBy(2);
    for (const name of [alive, dead]) {
      await net.call(1, "POST", "/register", { cluster: name, namespace: "default" });
    }
    net.down.add(2);
    const refused = await net.call(1, "GET", `/clusters/default/${dead}`);
    assert.equal(refused.status, 503);
    assert.equal(
      refused.json.error,
      `Cannot serve cluster default/${dead}: its owner replica 2 (http://replica-2:3333) ` +
        `cannot be reached: connect ECONNREFUSED http://replica-2:3333`,
    );
    const register = await net.call(0, "POST", "/register", {
      cluster: dead,
      namespace: "default",
    });
    assert.equal(register.status, 503);
    assert.equal((await net.call(1, "GET", `/clusters/default/${alive}`)).status, 200);
    // The list keeps the live replicas' clusters and says which replica is missing.
    const { status, json } = await net.call(0, "GET", "/clusters");
    assert.equal(status, 200);
    assert.deepEqual((json.clusters as { name: string }[]).map((c) => c.name), [alive]);
    assert.deepEqual(json.unreachable, [{
      replica: 2,
      url: "http://replica-2:3333",
      error: "replica 2 (http://replica-2:3333) cannot be reached: connect ECONNREFUSED " +
        "http://replica-2:3333",
    }]);
    net.down.delete(2);
    assert.equal((await net.call(1, "GET", `/clusters/default/${dead}`)).status, 200);
  });

  it("an owner that does not answer in time is a 503 too", async () => {
    const net = startReplicas();
    const name = ownedBy(1);
    await net.call(0, "POST", "/register", { cluster: name, namespace: "default" });
    net.hung.add(1);
    const { status, json } = await net.call(0, "GET", `/clusters/default/${name}`);
    assert.equal(status, 503);
    assert.equal(
      json.error,
      `Cannot serve cluster default/${name}: its owner replica 1 (http://replica-1:3333) ` +
        "did not answer within 50 ms",
    );
  });

  it("a forwarded request is served where it lands, never forwarded again", async () => {
    const net = startReplicas();
    const name = ownedBy(1);
    await net.call(1, "POST", "/register", { cluster: name, namespace: "default" });
    const fingerprint = new PeerSet(net.urls, 0).fingerprint;
    const forwarded = { "Fkas-Forwarded-By": "0", "Fkas-Peers": fingerprint };
    const view = await net.call(1, "GET", `/clusters/default/${name}`, undefined, forwarded);
    assert.equal(view.status, 200);
    // Another fingerprint: replicas started with other --peers must not trust each other.
    const other = await net.call(1, "GET", `/clusters/default/${name}`, undefined, {
      ...forwarded,
      "Fkas-Peers": "00000000",
    });
    assert.equal(other.status, 503);
    assert.deepEqual(net.forwarded, [0, 0, 0]);
  });

  it("a forged forward for a cluster the replica does not own is a 400: no cluster on two replicas", async () => {
    const net = startReplicas();
    const name = ownedBy(2);
    const fingerprint = new PeerSet(net.urls, 0).fingerprint;
    const { status, json } = await net.call(
      1,
      "POST",
      "/register",
      { cluster: name, namespace: "default" },
      { "Fkas-Forwarded-By": "0", "Fkas-Peers": fingerprint },
    );
    assert.equal(status, 400);
    assert.equal(
      json.error,
      `Fkas-Forwarded-By: cluster default/${name} is owned by replica 2 (http://replica-2:3333), ` +
        "not by replica 1 (http://replica-1:3333)",
    );
    assert.equal(net.replicas[1].registry.get("default", name), undefined);
    assert.deepEqual(net.forwarded, [0, 0, 0]);
  });

  it("replicas started with different --peers refuse each other's forwards with a 503", async () => {
    const net = startReplicas(3, {
      peersOf: (index, urls) => index === 2 ? [...urls.slice(0, 2), "http://replica-2:4444"] : urls,
    });
    const name = ownedBy(2);
    const { status, json } = await net.call(0, "POST", "/register", {
      cluster: name,
      namespace: "default",
    });
    assert.equal(status, 503);
    assert.match(
      String(json.error),
      /was forwarded a request by replica 0 that was started with other --peers/,
    );
    assert.equal(net.replicas[2].registry.get("default", name), undefined);
  });

  it("the token is checked by whichever control API serves: 401 without, forwarded with", async () => {
    const net = startReplicas(3, { token: "s3cret" });
    const name = ownedBy(2);
    const auth = { Authorization: "Bearer s3cret" };
    const body = { cluster: name, namespace: "default" };
    assert.equal((await net.call(0, "POST", "/register", body)).status, 401);
    assert.equal((await net.call(0, "GET", "/clusters")).status, 401);
    assert.equal(net.forwarded[1], 0, "an unauthenticated list asks no other replica");
    assert.equal((await net.call(0, "POST", "/register", body, auth)).status, 200);
    const { status, json } = await net.call(1, "GET", "/clusters", undefined, auth);
    assert.equal(status, 200);
    assert.equal((json.clusters as unknown[]).length, 1);
  });

  it("bodies over the control API's limit are 413 before anything is forwarded", async () => {
    const net = startReplicas();
    const big = JSON.stringify({
      cluster: ownedBy(1),
      namespace: "default",
      pad: "x".repeat(1 << 20),
    });
    const { status, json } = await net.call(0, "POST", "/register", big);
    assert.equal(status, 413);
    assert.deepEqual(json, { error: "the request body is larger than 1048576 bytes" });
    assert.deepEqual(net.forwarded, [0, 0, 0]);
  });

  it("a body naming no cluster gets the control API's 400 from the replica called", async () => {
    const net = startReplicas();
    const { status, json } = await net.call(1, "POST", "/register", { namespace: "default" });
    assert.equal(status, 400);
    assert.equal(json.field, "cluster");
    assert.deepEqual(net.forwarded, [0, 0, 0]);
  });
});
