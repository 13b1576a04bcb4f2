import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  type CaSecretsLookup,
  ClusterError,
  type ClusterRegistryOptions,
  type FakeCluster,
} from "../../src/cluster/mod.ts";
import { createCertificateAuthority } from "../../src/pki/mod.ts";
import { registryWithFakeListeners } from "./registry_fixture.ts";

const NOW = new Date("2026-01-02T03:04:05Z");
const CA = await createCertificateAuthority({
  commonName: "x-ca",
  keyAlgorithm: "ecdsa",
  now: NOW,
});
const ETCD_CA = await createCertificateAuthority({
  commonName: "x-etcd",
  keyAlgorithm: "ecdsa",
  now: NOW,
});
const CA_PEMS = { certPem: CA.certPem, keyPem: CA.keyPem };
const ETCD_CA_PEMS = { certPem: ETCD_CA.certPem, keyPem: ETCD_CA.keyPem };
const FOUND: CaSecretsLookup = { found: true, ca: CA_PEMS, etcdCa: ETCD_CA_PEMS };
const missing = (what: string): CaSecretsLookup => ({ found: false, missing: what });
const CP = { "cluster.x-k8s.io/control-plane": "" };

// Polls until `ready()` holds, so a test waits for background work without fixed delays.
async function until(ready: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400 && !ready(); i++) await new Promise((r) => setTimeout(r, 5));
  assert.ok(ready(), `timed out waiting for ${what}`);
}

const settle = async () => {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setTimeout(resolve, 1));
};

// A registry taking CAs from secrets by default, with scripted reads and sleeps the test releases.
function secretsRegistry(overrides: Partial<ClusterRegistryOptions> = {}) {
  const reads: string[] = [];
  const delays: number[] = [];
  const sleeping: (() => void)[] = [];
  const retries: { cluster: string; waitingFor: string; delayMs: number }[] = [];
  const secrets = {
    answer: (): Promise<CaSecretsLookup> => Promise.resolve(missing("CA secret default/x-ca")),
  };
  const { registry, started } = registryWithFakeListeners({
    defaultCaSource: "secrets",
    readCaSecrets(namespace, name) {
      reads.push(`${namespace}/${name}`);
      return secrets.answer();
    },
    sleep(ms) {
      delays.push(ms);
      return new Promise<void>((resolve) => sleeping.push(resolve));
    },
    random: () => 0,
    onCaRetry: (cluster, waitingFor, delayMs) =>
      retries.push({ cluster: cluster.resourceName, waitingFor, delayMs }),
    ...overrides,
  });
  return {
    registry,
    started,
    reads,
    delays,
    retries,
    secrets,
    /** Ends the oldest pending sleep and waits for the next read. */
    async retry() {
      const before = reads.length;
      assert.ok(sleeping.length > 0, "the loop is not sleeping");
      sleeping.shift()!();
      await until(() => reads.length > before, "another read of the CA secrets");
    },
    /** Ends every pending sleep. */
    wake: () => sleeping.splice(0).forEach((resolve) => resolve()),
    get sleeping() {
      return sleeping.length;
    },
  };
}

const isCaPending = (cluster: FakeCluster, message: string) => (e: unknown) =>
  e instanceof ClusterError && e.kind === "CaPending" && e.message === message &&
  cluster.hasCas === false;

describe("CAs from the management cluster's secrets", () => {
  it("registers at once while a CA secret is missing, and says what it waits for", async () => {
    const s = secretsRegistry();
    const cluster = await s.registry.register({ namespace: "default", name: "x" });
    assert.deepEqual(s.reads, ["default/x"]);
    assert.equal(s.sleeping, 1, "register answered while the retry loop sleeps");
    assert.equal(cluster.hasCas, false);
    assert.equal(cluster.caStatus, "waiting for CA secret default/x-ca");
    const message = "cluster default/x is waiting for CA secret default/x-ca";
    assert.throws(() => cluster.ca, isCaPending(cluster, message));
    assert.throws(() => cluster.etcdCa, isCaPending(cluster, message));
    assert.deepEqual(s.retries, [
      { cluster: "default/x", waitingFor: "CA secret default/x-ca", delayMs: 500 },
    ]);
    s.wake();
  });

  it("registers with the CAs ready when the secrets exist already, and never sleeps", async () => {
    const s = secretsRegistry();
    s.secrets.answer = () => Promise.resolve(FOUND);
    const cluster = await s.registry.register({ namespace: "default", name: "x" });
    assert.equal(cluster.hasCas, true);
    assert.equal(cluster.caStatus, "ready");
    assert.equal(cluster.ca.fingerprintSha256, CA.fingerprintSha256);
    assert.equal(cluster.etcdCa.fingerprintSha256, ETCD_CA.fingerprintSha256);
    await settle();
    assert.deepEqual([s.reads.length, s.delays, s.retries], [1, [], []]);
  });

  it("accepts node reports while waiting and boots them once the secrets appear", async () => {
    const s = secretsRegistry();
    const cluster = await s.registry.register({ namespace: "default", name: "x" });
    const result = await s.registry.reportNode({
      namespace: "default",
      cluster: "x",
      nodeName: "x-cp-1",
      labels: CP,
      kubernetesVersion: "v1.33.1",
    });
    assert.deepEqual(result, {
      nodeCreated: false,
      staticPodsCreated: 0,
      listenerStarted: false,
      pending: true,
    });
    const boot = cluster.booting.get("x-cp-1");
    assert.ok(boot, "the report waits to boot");
    await settle();
    assert.deepEqual(nodeNames(cluster), []);
    assert.equal(s.started.length, 0);

    s.secrets.answer = () => Promise.resolve(FOUND);
    await s.retry();
    await cluster.whenCasReady();
    await boot;
    assert.equal(cluster.caStatus, "ready");
    assert.equal(cluster.ca.fingerprintSha256, CA.fingerprintSha256);
    assert.deepEqual(nodeNames(cluster), ["x-cp-1"]);
    assert.deepEqual(s.started, [cluster], "the first control plane started the listener");
    await settle();
    assert.equal(s.reads.length, 2, "no more reads once the CAs are there");
    assert.equal(s.sleeping, 0);
  });

  it("retries with growing delays while the secrets stay missing", async () => {
    const s = secretsRegistry();
    await s.registry.register({ namespace: "default", name: "x" });
    for (let i = 0; i < 5; i++) await s.retry();
    assert.equal(s.reads.length, 6);
    assert.deepEqual(s.delays, [500, 1000, 2000, 4000, 8000, 16000]);
    assert.deepEqual(s.retries.map((r) => r.delayMs), s.delays);
    s.wake();
  });

  it("keeps waiting, with a message, while the secrets hold no valid CA", async () => {
    const s = secretsRegistry();
    s.secrets.answer = () =>
      Promise.resolve({
        found: true,
        ca: { certPem: "not a certificate", keyPem: CA.keyPem },
        etcdCa: ETCD_CA_PEMS,
      });
    const cluster = await s.registry.register({ namespace: "default", name: "x" });
    assert.equal(cluster.hasCas, false);
    assert.match(cluster.caStatus, /^waiting for valid CA secrets default\/x-ca and -etcd \(.+\)$/);
    assert.match(cluster.caStatus, /not a PEM certificate/);

    // A certificate with another CA's key is no valid CA either.
    s.secrets.answer = () =>
      Promise.resolve({
        found: true,
        ca: { certPem: CA.certPem, keyPem: ETCD_CA.keyPem },
        etcdCa: ETCD_CA_PEMS,
      });
    await s.retry();
    await until(() => s.sleeping === 1, "the next backoff");
    assert.equal(cluster.hasCas, false);
    assert.match(cluster.caStatus, /^waiting for valid CA secrets default\/x-ca and -etcd/);

    s.secrets.answer = () => Promise.resolve(FOUND);
    await s.retry();
    await cluster.whenCasReady();
    assert.equal(cluster.caStatus, "ready");
  });

  it("keeps waiting when reading the secrets fails, naming the error", async () => {
    const s = secretsRegistry();
    s.secrets.answer = () => Promise.reject(new Error("connect ECONNREFUSED 10.0.0.1:6443"));
    const cluster = await s.registry.register({ namespace: "default", name: "x" });
    assert.equal(
      cluster.caStatus,
      "waiting for CA secrets of default/x: connect ECONNREFUSED 10.0.0.1:6443",
    );
    assert.equal(s.sleeping, 1);
    s.wake();
  });

  it("stops reading once the cluster is unregistered", async () => {
    const s = secretsRegistry();
    await s.registry.register({ namespace: "default", name: "x" });
    await s.registry.unregister("default", "x");
    s.wake();
    await settle();
    assert.deepEqual(s.reads, ["default/x"]);
    assert.equal(s.sleeping, 0);
  });

  it("stops reading once the registry is closed", async () => {
    const s = secretsRegistry();
    await s.registry.register({ namespace: "default", name: "x" });
    await s.registry.close();
    s.wake();
    await settle();
    assert.deepEqual(s.reads, ["default/x"]);
    assert.equal(s.sleeping, 0);
  });

  it("a re-registered cluster reads for itself; the old loop does not come back", async () => {
    const s = secretsRegistry();
    await s.registry.register({ namespace: "default", name: "x" });
    await s.registry.unregister("default", "x");
    const again = await s.registry.register({ namespace: "default", name: "x" });
    assert.deepEqual(s.reads, ["default/x", "default/x"]);
    s.secrets.answer = () => Promise.resolve(FOUND);
    s.wake(); // the old loop's sleep and the new one's
    await again.whenCasReady();
    await settle();
    assert.equal(s.reads.length, 3, "only the live cluster read again");
  });

  it("uses CAs supplied in the register body, or generated ones when asked, without reading", async () => {
    const s = secretsRegistry();
    const supplied = await s.registry.register({
      namespace: "default",
      name: "supplied",
      ca: CA_PEMS,
      etcdCa: ETCD_CA_PEMS,
    });
    assert.equal(supplied.ca.fingerprintSha256, CA.fingerprintSha256);
    const generated = await s.registry.register({
      namespace: "default",
      name: "generated",
      caSource: "generated",
    });
    assert.equal(generated.hasCas, true);
    assert.deepEqual(s.reads, []);
  });

  it('refuses caSource "secrets" without a management cluster, taking no port', async () => {
    const { registry } = registryWithFakeListeners();
    await assert.rejects(
      registry.register({ namespace: "default", name: "x", caSource: "secrets" }),
      (e: unknown) =>
        e instanceof ClusterError && e.kind === "Unsupported" &&
        /management cluster/.test(e.message),
    );
    const { registry: byDefault } = registryWithFakeListeners({ defaultCaSource: "secrets" });
    await assert.rejects(
      byDefault.register({ namespace: "default", name: "x" }),
      (e: unknown) => e instanceof ClusterError && e.kind === "Unsupported",
    );
    assert.deepEqual(registry.list(), []);
    const generated = await registry.register({ namespace: "default", name: "y" });
    assert.equal(generated.port, 20000);
  });

  it("a re-register that supplies CA PEMs to a cluster still waiting for its secrets is a Conflict", async () => {
    const s = secretsRegistry();
    const cluster = await s.registry.register({ namespace: "default", name: "x" });
    const conflict = (e: unknown) =>
      e instanceof ClusterError && e.kind === "Conflict" &&
      /takes its CAs from the management cluster's secrets/.test(e.message);
    await assert.rejects(
      s.registry.register({ namespace: "default", name: "x", ca: CA_PEMS }),
      conflict,
    );
    await assert.rejects(
      s.registry.register({ namespace: "default", name: "x", etcdCa: ETCD_CA_PEMS }),
      conflict,
    );
    assert.equal(await s.registry.register({ namespace: "default", name: "x" }), cluster);
    assert.equal(cluster.hasCas, false, "the conflicting PEMs were not taken");
    s.wake();
  });
});

function nodeNames(cluster: FakeCluster): string[] {
  return cluster.store.list({ key: "nodes", namespaced: false, tracksGeneration: false })
    .map((n) => n.metadata.name!);
}
