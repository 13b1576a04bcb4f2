// The etcd endpoint over real TLS and HTTP/2: certificate by SNI, client certificates, gRPC statuses.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { EtcdCluster, type EtcdEndpoint, startEtcdEndpoint } from "../../src/etcd/mod.ts";
import { createEtcdPki, decodeResponse, grpcCall } from "./_fixtures.ts";

const pki = await createEtcdPki();
const uint64 = (id: bigint) => {
  const out: number[] = [0x08];
  for (let v = id;; v >>= 7n) {
    if (v < 0x80n) return Uint8Array.from([...out, Number(v)]);
    out.push(Number(v & 0x7fn) | 0x80);
  }
};

describe("etcd endpoint", () => {
  let cluster: EtcdCluster;
  let endpoint: EtcdEndpoint;
  const call = (path: string, o: { serverName?: string; request?: Uint8Array } = {}) =>
    grpcCall(endpoint.port, { caPem: pki.ca.certPem, client: pki.client, path, ...o });

  before(async () => {
    cluster = new EtcdCluster({ seed: "default/c1" });
    for (const n of [1, 2, 3]) cluster.addMember(`cp-${n}`, `10.0.0.${n}`);
    endpoint = await startEtcdEndpoint({ cluster, etcdCa: pki.ca, now: () => new Date() });
  });
  after(() => endpoint.close());

  it("answers MemberList as the member named by SNI, with its own certificate", async () => {
    const result = await call("/etcdserverpb.Cluster/MemberList", { serverName: "etcd-cp-2" });
    assert.equal(result.status, 0);
    assert.equal(result.serverCn, "etcd-cp-2");
    const response = decodeResponse(result.messages[0]);
    assert.equal(response.clusterId, cluster.clusterId);
    assert.equal(response.memberId, cluster.memberNamed("cp-2")!.id);
    assert.equal(response.raftTerm, BigInt(cluster.raftTerm));
    assert.deepEqual(response.members.map((m) => m.name), ["cp-1", "cp-2", "cp-3"]);
  });

  it("serves the localhost certificate and answers as the leader without SNI", async () => {
    const result = await call("/etcdserverpb.Maintenance/Status");
    assert.equal(result.status, 0);
    assert.equal(result.serverCn, "localhost");
    const response = decodeResponse(result.messages[0], "status");
    assert.equal(response.leader, cluster.leaderId);
    assert.equal(response.memberId, cluster.leaderId);
  });

  it("serves the default certificate for SNI names that are no member", async () => {
    const result = await call("/etcdserverpb.Maintenance/Status", { serverName: "etcd-nobody" });
    assert.equal(result.serverCn, "localhost");
    assert.equal(result.status, 14);
    assert.equal(result.message, "etcdserver: server stopped");
  });

  it("answers Unimplemented for other services and methods", async () => {
    const watch = await call("/etcdserverpb.Watch/Watch");
    assert.deepEqual([watch.status, watch.message], [12, "unknown service etcdserverpb.Watch"]);
    const txn = await call("/etcdserverpb.KV/Txn");
    assert.deepEqual(
      [txn.status, txn.message],
      [12, "unknown method Txn for service etcdserverpb.KV"],
    );
  });

  it("lets only the leader move leadership", async () => {
    const target = uint64(cluster.memberNamed("cp-3")!.id);
    const path = "/etcdserverpb.Maintenance/MoveLeader";
    const refused = await call(path, { serverName: "etcd-cp-2", request: target });
    assert.deepEqual([refused.status, refused.message], [9, "etcdserver: not leader"]);
    const moved = await call(path, { serverName: "etcd-cp-1", request: target });
    assert.equal(moved.status, 0);
    assert.equal(cluster.leaderId, cluster.memberNamed("cp-3")!.id);
  });

  it("stops answering as a removed member, which keeps its certificate", async () => {
    const id = cluster.memberNamed("cp-2")!.id;
    const removed = await call("/etcdserverpb.Cluster/MemberRemove", { request: uint64(id) });
    assert.equal(removed.status, 0);
    assert.deepEqual(decodeResponse(removed.messages[0]).members.map((m) => m.name), [
      "cp-1",
      "cp-3",
    ]);
    const result = await call("/etcdserverpb.Cluster/MemberList", { serverName: "etcd-cp-2" });
    assert.equal(result.serverCn, "etcd-cp-2");
    assert.deepEqual([result.status, result.message], [14, "etcdserver: server stopped"]);
    const again = await call("/etcdserverpb.Cluster/MemberRemove", { request: uint64(id) });
    assert.deepEqual([again.status, again.message], [5, "etcdserver: member not found"]);
  });

  it("refuses clients without a certificate from the etcd CA at the TLS handshake", async () => {
    for (const client of [undefined, pki.stranger]) {
      const outcome = await grpcCall(endpoint.port, {
        caPem: pki.ca.certPem,
        client,
        path: "/etcdserverpb.Cluster/MemberList",
        serverName: "etcd-cp-1",
      }).then((result) => result.status, () => "refused");
      // TLS 1.3 clients may see the refusal as a reset stream (no grpc-status) rather than an error.
      assert.ok(outcome === "refused" || outcome === -1, `got grpc-status ${outcome}`);
    }
  });
});
