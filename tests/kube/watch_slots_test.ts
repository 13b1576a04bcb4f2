// Watches past a cluster's or the app's bound are refused as kube-apiserver refuses a request over
// its in-flight limit (maxinflight.go tooManyRequests: Go's http.Error, Retry-After 1), and a
// watch that ends, however it ends, gives its slot back.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { FakeCluster } from "../../src/cluster/mod.ts";
import { createKubeApp, type KubeBindings } from "../../src/kube/mod.ts";
import type { CertificateAuthority } from "../../src/pki/mod.ts";
import { ADMIN } from "./kube_fixture.ts";

const WATCH = "/api/v1/namespaces/default/configmaps?watch=true";

function cluster(name: string): FakeCluster {
  let uid = 0;
  return new FakeCluster({
    namespace: "default",
    name,
    host: "127.0.0.1",
    port: 20000,
    ca: {} as CertificateAuthority,
    etcdCa: {} as CertificateAuthority,
    defaultKubernetesVersion: "v1.33.1",
    environment: { now: () => new Date(), newUid: () => `uid-${++uid}` },
  });
}

function setup(perCluster: number, total: number) {
  const app = createKubeApp({
    now: () => new Date(),
    anonymousAuth: false,
    watchLimits: { perCluster, total },
  });
  const open = async (on: FakeCluster, path = WATCH) => {
    const bindings: KubeBindings = { cluster: on, client: ADMIN };
    return await app.request(path, {}, bindings);
  };
  return { open };
}

async function assertRefused(response: Response) {
  assert.equal(response.status, 429);
  assert.equal(response.headers.get("retry-after"), "1");
  assert.equal(response.headers.get("content-type"), "text/plain; charset=utf-8");
  assert.equal(response.headers.get("x-content-type-options"), "nosniff");
  assert.equal(await response.text(), "Too many requests, please try again later.\n");
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

describe("watch slots", () => {
  it("refuse a cluster's watch past its bound, and not another cluster's", async () => {
    const { open } = setup(2, 100);
    const a = cluster("a"), b = cluster("b");
    const held = [await open(a), await open(a)];
    for (const response of held) assert.equal(response.status, 200);
    await assertRefused(await open(a));
    const other = await open(b);
    assert.equal(other.status, 200);
    for (const response of [...held, other]) await response.body!.cancel();
  });

  it("refuse past the bound of all clusters together", async () => {
    const { open } = setup(10, 3);
    const held = [await open(cluster("a")), await open(cluster("b")), await open(cluster("c"))];
    await assertRefused(await open(cluster("d")));
    for (const response of held) await response.body!.cancel();
  });

  it("come back when a client goes away, and when a watch times out", async () => {
    const { open } = setup(1, 100);
    const a = cluster("a");
    const first = await open(a);
    await assertRefused(await open(a));
    await first.body!.cancel();
    await settle();
    const timed = await open(a, `${WATCH}&timeoutSeconds=1`);
    assert.equal(timed.status, 200);
    // Read to the end: the server ends it after a second.
    await new Response(timed.body).arrayBuffer();
    await settle();
    const again = await open(a);
    assert.equal(again.status, 200);
    await again.body!.cancel();
  });

  it("are checked before the watch's options, as the in-flight filter runs before the handler", async () => {
    const { open } = setup(1, 100);
    const a = cluster("a");
    const held = await open(a);
    await assertRefused(await open(a, `${WATCH}&resourceVersionMatch=Exact`));
    await held.body!.cancel();
    await settle();
    // With a slot free, the same options are the handler's 422.
    const invalid = await open(a, `${WATCH}&resourceVersionMatch=Exact`);
    assert.equal(invalid.status, 422);
    const after = await open(a);
    assert.equal(after.status, 200, "a refused watch holds no slot");
    await after.body!.cancel();
  });
});
