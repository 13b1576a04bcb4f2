import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ClusterError } from "../../src/cluster/mod.ts";
import { reconcileFkasCluster } from "../../src/provider/cluster_reconciler.ts";
import type { Condition } from "../../src/provider/conditions.ts";
import { reconcileFkasMachine } from "../../src/provider/machine_reconciler.ts";
import { stableDraw } from "../../src/provider/machine_timeline.ts";
import {
  BOOT_STARTED_ANNOTATION,
  CLUSTER_FINALIZER,
  MACHINE_FINALIZER,
} from "../../src/provider/provider_kinds.ts";
import type { Informer } from "../../src/management/mod.ts";
import type { KubeObject } from "../../src/store/mod.ts";
import { providerFixture } from "./provider_fixture.ts";

const NS = "default";
const CLUSTER_NAME_LABEL = "cluster.x-k8s.io/cluster-name";
const CONTROL_PLANE_LABEL = "cluster.x-k8s.io/control-plane";
const INFRA_API = "infrastructure.cluster.x-k8s.io/v1alpha1";
const PODS = { key: "pods", namespaced: true, tracksGeneration: true };

type Fixture = Awaited<ReturnType<typeof providerFixture>>;

function fkasCluster(
  name: string,
  options: { owner?: string; label?: string; spec?: Record<string, unknown> } = {},
): KubeObject {
  return {
    apiVersion: INFRA_API,
    kind: "FkasCluster",
    metadata: {
      name,
      namespace: NS,
      ...(options.label ? { labels: { [CLUSTER_NAME_LABEL]: options.label } } : {}),
      ...(options.owner
        ? {
          ownerReferences: [{
            apiVersion: "cluster.x-k8s.io/v1beta2",
            kind: "Cluster",
            name: options.owner,
            uid: `uid-of-${options.owner}`,
          }],
        }
        : {}),
    },
    spec: options.spec ?? {},
  };
}

const statusOf = (object: KubeObject | undefined) =>
  (object?.status ?? {}) as {
    ready?: boolean;
    initialization?: { provisioned?: boolean };
    conditions?: Condition[];
    addresses?: { type: string; address: string }[];
  };

const conditionsOf = (object: KubeObject | undefined) =>
  Object.fromEntries((statusOf(object).conditions ?? []).map((c) => [c.type, c]));

/** A CAPI Machine and its FkasMachine, as CAPI creates them. */
function addMachine(
  f: Fixture,
  name: string,
  options: {
    controlPlane?: boolean;
    bootstrap?: boolean;
    owner?: boolean;
    spec?: Record<string, unknown>;
    cluster?: string;
  } = {},
) {
  const cluster = options.cluster ?? "demo";
  const capi = f.management.put("machines", {
    apiVersion: "cluster.x-k8s.io/v1beta2",
    kind: "Machine",
    metadata: {
      name,
      namespace: NS,
      labels: {
        [CLUSTER_NAME_LABEL]: cluster,
        ...(options.controlPlane ? { [CONTROL_PLANE_LABEL]: "" } : {}),
      },
    },
    spec: {
      clusterName: cluster,
      version: "v1.32.3",
      bootstrap: options.bootstrap === false ? {} : { dataSecretName: `${name}-bootstrap` },
      infrastructureRef: { apiVersion: INFRA_API, kind: "FkasMachine", name },
    },
  });
  return f.management.put("fkasmachines", {
    apiVersion: INFRA_API,
    kind: "FkasMachine",
    metadata: {
      name,
      namespace: NS,
      labels: { [CLUSTER_NAME_LABEL]: cluster },
      ...(options.owner === false ? {} : {
        ownerReferences: [{
          apiVersion: "cluster.x-k8s.io/v1beta2",
          kind: "Machine",
          name,
          uid: capi.metadata.uid!,
        }],
      }),
    },
    spec: options.spec ?? {},
  });
}

const delays = (vm: number, node: number, etcd: number, apiServer: number, jitter = "0") => {
  const block = (n: number) => ({
    provisioning: { startupDuration: `${n}ms`, startupJitter: jitter },
  });
  return { vm: block(vm), node: block(node), etcd: block(etcd), apiServer: block(apiServer) };
};

/** Registers `demo` as the FkasCluster reconcile does, with the CAs from the fake secrets. */
async function provisionCluster(f: Fixture, name = "demo") {
  f.management.put("fkasclusters", fkasCluster(`${name}-infra`, { owner: name }));
  await reconcileFkasCluster(f.context, `${NS}/${name}-infra`);
  const cluster = f.registry.get(NS, name);
  assert.ok(cluster?.hasCas, "the cluster is registered with its CAs");
  return cluster;
}

// The static (mirror) pods; CoreDNS and kube-proxy pods come and go with the workload controllers.
function podsOf(f: Fixture, cluster = "demo") {
  return f.registry.get(NS, cluster)!.store.list(PODS, "kube-system")
    .filter((p) => p.metadata.annotations?.["kubernetes.io/config.mirror"] !== undefined)
    .map((p) => p.metadata.name);
}

describe("reconcileFkasCluster", () => {
  it("does nothing for an FkasCluster without an owner Cluster or cluster-name label", async () => {
    const f = await providerFixture();
    f.management.put("fkasclusters", fkasCluster("orphan"));
    assert.equal(await reconcileFkasCluster(f.context, `${NS}/orphan`), undefined);
    assert.deepEqual(f.management.calls, []);
    assert.deepEqual(f.registry.list(), []);
  });

  it("does nothing for an FkasCluster that is gone", async () => {
    const f = await providerFixture();
    await reconcileFkasCluster(f.context, `${NS}/missing`);
    assert.deepEqual(f.management.calls, []);
  });

  it("registers the owner's cluster, records the endpoint and reports it provisioned", async () => {
    const f = await providerFixture();
    f.management.put("fkasclusters", fkasCluster("demo-infra", { owner: "demo" }));
    addMachine(f, "demo-md-0");
    addMachine(f, "other-md-0", { cluster: "other" });
    await reconcileFkasCluster(f.context, `${NS}/demo-infra`);

    assert.equal(f.registry.get(NS, "demo-infra"), undefined, "not under the FkasCluster's name");
    const cluster = f.registry.get(NS, "demo");
    assert.ok(cluster, "registered under the CAPI cluster's name");
    assert.equal(cluster.hasCas, true);
    const object = f.management.get("fkasclusters", NS, "demo-infra")!;
    assert.deepEqual(object.metadata.finalizers, [CLUSTER_FINALIZER]);
    assert.deepEqual(object.spec, {
      controlPlaneEndpoint: { host: "192.0.2.10", port: cluster.port },
    });
    assert.equal(cluster.port, 20000);
    const status = statusOf(object);
    assert.equal(status.ready, true);
    assert.deepEqual(status.initialization, { provisioned: true });
    const ready = conditionsOf(object).Ready;
    assert.equal(ready?.status, "True");
    assert.equal(ready?.reason, "Provisioned");
    assert.equal(ready?.lastTransitionTime, "2026-02-03T04:05:06Z");
    assert.deepEqual(
      f.management.calls.map((c) => [c.subresource ?? "object", Object.keys(c.patch).join()]),
      [["object", "metadata"], ["object", "spec"], ["status", "status"]],
    );
    // Machines of this cluster are woken; those of other clusters are not.
    assert.deepEqual(f.enqueued, [`${NS}/demo-md-0`]);
    // Whatever fkas wrote is remembered as the freshest copy.
    assert.equal(
      f.context.written.get(`fkasclusters/${NS}/demo-infra`)?.metadata.resourceVersion,
      object.metadata.resourceVersion,
    );
  });

  it("uses the cluster-name label when there is no owner reference", async () => {
    const f = await providerFixture();
    f.management.put("fkasclusters", fkasCluster("labelled", { label: "demo" }));
    await reconcileFkasCluster(f.context, `${NS}/labelled`);
    assert.ok(f.registry.get(NS, "demo"));
    assert.equal(statusOf(f.management.get("fkasclusters", NS, "labelled")).ready, true);
  });

  it("a second reconcile of a provisioned FkasCluster writes nothing", async () => {
    const f = await providerFixture();
    await provisionCluster(f);
    const calls = f.management.calls.length;
    f.context.written.clear();
    await reconcileFkasCluster(f.context, `${NS}/demo-infra`);
    assert.equal(f.management.calls.length, calls);
  });

  it("registers the cluster on exactly the port its spec records (after a restart)", async () => {
    const f = await providerFixture();
    f.management.put(
      "fkasclusters",
      fkasCluster("demo-infra", {
        owner: "demo",
        spec: { controlPlaneEndpoint: { host: "192.0.2.10", port: 20007 } },
      }),
    );
    await reconcileFkasCluster(f.context, `${NS}/demo-infra`);
    assert.equal(f.registry.get(NS, "demo")?.port, 20007);
    assert.deepEqual(f.management.get("fkasclusters", NS, "demo-infra")!.spec, {
      controlPlaneEndpoint: { host: "192.0.2.10", port: 20007 },
    });
    assert.ok(
      !f.management.calls.some((c) => "spec" in c.patch),
      "the endpoint did not change, so the spec is not patched",
    );
  });

  it("a recorded port that another cluster holds fails the reconcile with Ready False", async () => {
    const f = await providerFixture();
    await f.registry.register({ namespace: NS, name: "squatter" }); // takes 20000
    f.management.put(
      "fkasclusters",
      fkasCluster("demo-infra", {
        owner: "demo",
        spec: { controlPlaneEndpoint: { host: "192.0.2.10", port: 20000 } },
      }),
    );
    await assert.rejects(
      reconcileFkasCluster(f.context, `${NS}/demo-infra`),
      (e: unknown) => e instanceof ClusterError && e.kind === "Conflict",
    );
    const object = f.management.get("fkasclusters", NS, "demo-infra");
    assert.equal(statusOf(object).ready, false);
    assert.equal(conditionsOf(object).Ready?.status, "False");
    assert.equal(conditionsOf(object).Ready?.reason, "Conflict");
    assert.equal(f.registry.get(NS, "demo"), undefined);
  });

  it("a deleted FkasCluster releases its cluster and its finalizer", async () => {
    const f = await providerFixture();
    await provisionCluster(f);
    f.management.update("fkasclusters", NS, "demo-infra", (o) => {
      o.metadata.deletionTimestamp = "2026-02-03T04:10:00Z";
      o.metadata.finalizers = ["someone.else/keep", ...o.metadata.finalizers!];
    });
    f.management.calls.length = 0;
    await reconcileFkasCluster(f.context, `${NS}/demo-infra`);
    assert.equal(f.registry.get(NS, "demo"), undefined);
    assert.deepEqual(f.management.calls.map((c) => c.patch), [
      { metadata: { finalizers: ["someone.else/keep"] } },
    ]);
    // The port is free again.
    const again = await f.registry.register({ namespace: NS, name: "next" });
    assert.equal(again.port, 20000);
  });
});

describe("reconcileFkasMachine", () => {
  const waitingReason = (object: KubeObject | undefined) => {
    const conditions = conditionsOf(object);
    return [conditions.VMProvisioned?.status, conditions.VMProvisioned?.reason];
  };

  it("without an owner Machine it waits: VMProvisioned False WaitingForMachineOwner", async () => {
    const f = await providerFixture();
    await provisionCluster(f);
    addMachine(f, "demo-md-0", { owner: false });
    assert.equal(await reconcileFkasMachine(f.context, `${NS}/demo-md-0`), undefined);
    const object = f.management.get("fkasmachines", NS, "demo-md-0");
    assert.deepEqual(waitingReason(object), ["False", "WaitingForMachineOwner"]);
    assert.equal(conditionsOf(object).Ready?.status, "False");
    assert.equal(statusOf(object).ready, false);
    assert.deepEqual(object?.metadata.finalizers, [MACHINE_FINALIZER]);
    assert.equal(object?.metadata.annotations?.[BOOT_STARTED_ANNOTATION], undefined);
    assert.equal(f.registry.get(NS, "demo")!.nodeNamed("demo-md-0"), undefined);
  });

  it("an owner Machine that is not in the cache counts as no owner", async () => {
    const f = await providerFixture();
    await provisionCluster(f);
    addMachine(f, "demo-md-0", { cluster: "demo" });
    const machines = f.management.informer("nothing");
    const context = { ...f.context, machines };
    await reconcileFkasMachine(context, `${NS}/demo-md-0`);
    assert.deepEqual(waitingReason(f.management.get("fkasmachines", NS, "demo-md-0")), [
      "False",
      "WaitingForMachineOwner",
    ]);
  });

  it("waits for its cluster's infrastructure: WaitingForClusterInfrastructureReady", async () => {
    const f = await providerFixture();
    addMachine(f, "demo-md-0");
    await reconcileFkasMachine(f.context, `${NS}/demo-md-0`);
    const object = f.management.get("fkasmachines", NS, "demo-md-0");
    assert.deepEqual(waitingReason(object), ["False", "WaitingForClusterInfrastructureReady"]);
    assert.match(conditionsOf(object).VMProvisioned!.message!, /default\/demo/);
    assert.equal(object?.metadata.annotations?.[BOOT_STARTED_ANNOTATION], undefined);
  });

  it("waits for bootstrap data: WaitingForBootstrapData", async () => {
    const f = await providerFixture();
    await provisionCluster(f);
    addMachine(f, "demo-md-0", { bootstrap: false });
    await reconcileFkasMachine(f.context, `${NS}/demo-md-0`);
    const object = f.management.get("fkasmachines", NS, "demo-md-0");
    assert.deepEqual(waitingReason(object), ["False", "WaitingForBootstrapData"]);
    assert.equal(object?.metadata.annotations?.[BOOT_STARTED_ANNOTATION], undefined);
    // Waiting again writes nothing new.
    const calls = f.management.calls.length;
    await reconcileFkasMachine(f.context, `${NS}/demo-md-0`);
    assert.equal(f.management.calls.length, calls);
  });

  it("without delays one reconcile boots a control plane through all four phases", async () => {
    const f = await providerFixture();
    await provisionCluster(f);
    addMachine(f, "demo-cp-0", { controlPlane: true, spec: delays(0, 0, 0, 0) });
    const result = await reconcileFkasMachine(f.context, `${NS}/demo-cp-0`);
    assert.equal(result, undefined, "nothing left to wait for");

    const object = f.management.get("fkasmachines", NS, "demo-cp-0")!;
    assert.equal(object.metadata.annotations?.[BOOT_STARTED_ANNOTATION], f.clock.now.toISOString());
    assert.equal((object.spec as { providerID?: string }).providerID, `fkas://${NS}/demo-cp-0`);
    const conditions = conditionsOf(object);
    assert.deepEqual(
      Object.keys(conditions).sort(),
      ["APIServerProvisioned", "EtcdProvisioned", "NodeProvisioned", "Ready", "VMProvisioned"],
    );
    for (const condition of Object.values(conditions)) {
      assert.equal(condition.status, "True", `${condition.type}: ${condition.reason}`);
    }
    const status = statusOf(object);
    assert.equal(status.ready, true);
    assert.deepEqual(status.initialization, { provisioned: true });
    const internal = status.addresses?.find((a) => a.type === "InternalIP");
    assert.ok(internal?.address, JSON.stringify(status.addresses));
    assert.deepEqual(status.addresses?.find((a) => a.type === "Hostname"), {
      type: "Hostname",
      address: "demo-cp-0",
    });

    const cluster = f.registry.get(NS, "demo")!;
    const node = cluster.nodeNamed("demo-cp-0");
    assert.ok(node, "the node exists in the fake cluster");
    assert.equal((node.spec as { providerID?: string }).providerID, `fkas://${NS}/demo-cp-0`);
    assert.ok(Object.hasOwn(node.metadata.labels ?? {}, CONTROL_PLANE_LABEL));
    const addresses = (node.status as { addresses: { type: string; address: string }[] })
      .addresses;
    assert.equal(addresses.find((a) => a.type === "InternalIP")?.address, internal.address);
    assert.deepEqual(
      podsOf(f).filter((p) => p?.endsWith("-demo-cp-0")).sort(),
      [
        "etcd-demo-cp-0",
        "kube-apiserver-demo-cp-0",
        "kube-controller-manager-demo-cp-0",
        "kube-scheduler-demo-cp-0",
      ],
    );
    assert.equal(f.started.length, 1, "the API server phase started the listener");
    assert.equal(cluster.kubernetesVersion, "v1.32.3");
  });

  it("without delays one reconcile boots a worker: VM and Node only", async () => {
    const f = await providerFixture();
    await provisionCluster(f);
    addMachine(f, "demo-md-0");
    await reconcileFkasMachine(f.context, `${NS}/demo-md-0`);
    const object = f.management.get("fkasmachines", NS, "demo-md-0")!;
    const conditions = conditionsOf(object);
    assert.deepEqual(Object.keys(conditions).sort(), ["NodeProvisioned", "Ready", "VMProvisioned"]);
    assert.ok(Object.values(conditions).every((c) => c.status === "True"));
    assert.equal(statusOf(object).ready, true);
    assert.ok(statusOf(object).addresses?.some((a) => a.type === "InternalIP"));
    assert.ok(f.registry.get(NS, "demo")!.nodeNamed("demo-md-0"));
    assert.deepEqual(podsOf(f).filter((p) => p?.endsWith("-demo-md-0")), []);
    assert.equal(f.started.length, 0, "a worker does not start the listener");
  });

  it("with delays it asks to be requeued when the next phase comes due, phase by phase", async () => {
    const f = await providerFixture();
    await provisionCluster(f);
    addMachine(f, "demo-cp-0", { controlPlane: true, spec: delays(1000, 2000, 300, 500) });
    const key = `${NS}/demo-cp-0`;
    const object = () => f.management.get("fkasmachines", NS, "demo-cp-0")!;
    const statuses = () =>
      Object.fromEntries(
        Object.values(conditionsOf(object())).map((c) => [c.type, c.status]),
      );
    const node = () => f.registry.get(NS, "demo")!.nodeNamed("demo-cp-0");
    // Off the whole second, so phases must count from completedAt, not lastTransitionTime.
    f.advance(250);

    assert.deepEqual(await reconcileFkasMachine(f.context, key), { requeueAfterMs: 1000 });
    assert.ok(object().metadata.annotations?.[BOOT_STARTED_ANNOTATION]);
    assert.deepEqual(statuses(), {
      VMProvisioned: "False",
      NodeProvisioned: "False",
      EtcdProvisioned: "False",
      APIServerProvisioned: "False",
      Ready: "False",
    });
    assert.equal(conditionsOf(object()).VMProvisioned?.reason, "WaitingForStartupTimeout");
    assert.equal(statusOf(object()).ready, false);
    assert.equal(node(), undefined);

    f.advance(400);
    assert.deepEqual(await reconcileFkasMachine(f.context, key), { requeueAfterMs: 600 });

    f.advance(600);
    assert.deepEqual(await reconcileFkasMachine(f.context, key), { requeueAfterMs: 2000 });
    assert.equal(statuses().VMProvisioned, "True");
    assert.equal(statusOf(object()).ready, true, "status.ready follows VMProvisioned");
    assert.equal((object().spec as { providerID?: string }).providerID, `fkas://${key}`);
    assert.equal(node(), undefined, "the node comes with its own phase");

    f.advance(1800);
    assert.deepEqual(await reconcileFkasMachine(f.context, key), { requeueAfterMs: 200 });
    assert.equal(node(), undefined);

    f.advance(200);
    assert.deepEqual(await reconcileFkasMachine(f.context, key), { requeueAfterMs: 300 });
    assert.equal(statuses().NodeProvisioned, "True");
    assert.equal(node(), undefined, "a control plane's Node registers with its etcd member");
    assert.deepEqual(podsOf(f), []);

    f.advance(300);
    // The API server counts from etcd: 500 ms after it.
    assert.deepEqual(await reconcileFkasMachine(f.context, key), { requeueAfterMs: 500 });
    assert.equal(statuses().EtcdProvisioned, "True");
    assert.ok(node());
    assert.ok(f.registry.get(NS, "demo")!.etcd.memberNamed("demo-cp-0"));
    assert.deepEqual(podsOf(f), ["etcd-demo-cp-0"]);
    assert.equal(statuses().Ready, "False");
    assert.equal(f.started.length, 0, "no listener before the API server phase");

    f.advance(500);
    assert.equal(await reconcileFkasMachine(f.context, key), undefined);
    assert.equal(statuses().APIServerProvisioned, "True");
    assert.equal(statuses().Ready, "True");
    assert.equal(f.started.length, 1);
  });

  it("a KCP's bind port and nodeRegistration.taints reach its machines' nodes; workers register uninitialized", async () => {
    const f = await providerFixture();
    await provisionCluster(f);
    f.management.put("kubeadmcontrolplanes", {
      apiVersion: "controlplane.cluster.x-k8s.io/v1beta2",
      kind: "KubeadmControlPlane",
      metadata: { name: "demo-control-plane", namespace: NS },
      spec: {
        kubeadmConfigSpec: {
          initConfiguration: {
            localAPIEndpoint: { bindPort: 6444 },
            nodeRegistration: { taints: [] },
          },
          joinConfiguration: {
            nodeRegistration: {
              taints: [{ key: "example.com/cp", value: "x", effect: "NoExecute" }],
            },
          },
        },
      },
    });
    for (const name of ["demo-cp-0", "demo-cp-1"]) {
      addMachine(f, name, { controlPlane: true });
      f.management.update("machines", NS, name, (m) => {
        m.metadata.ownerReferences = [{
          apiVersion: "controlplane.cluster.x-k8s.io/v1beta2",
          kind: "KubeadmControlPlane",
          name: "demo-control-plane",
          uid: "kcp-uid",
        }];
      });
      await reconcileFkasMachine(f.context, `${NS}/${name}`);
    }
    addMachine(f, "demo-md-0");
    await reconcileFkasMachine(f.context, `${NS}/demo-md-0`);
    const cluster = f.registry.get(NS, "demo")!;
    const taints = (name: string) => (cluster.nodeNamed(name)!.spec as { taints?: unknown }).taints;
    assert.equal(taints("demo-cp-0"), undefined, "initConfiguration: taints: [] means none");
    assert.deepEqual(taints("demo-cp-1"), [{
      key: "example.com/cp",
      value: "x",
      effect: "NoExecute",
    }]);
    assert.deepEqual(taints("demo-md-0"), [
      { key: "node.cluster.x-k8s.io/uninitialized", effect: "NoSchedule" },
    ]);
    const apiserver = cluster.store.get(
      cluster.catalog.byKey("pods")!,
      "kube-system",
      "kube-apiserver-demo-cp-0",
    )!;
    // deno-lint-ignore no-explicit-any
    assert.equal((apiserver.spec as any).containers[0].ports[0].containerPort, 6444);
  });

  it("a stale cache does not undo what fkas wrote (its own newer copy wins)", async () => {
    const f = await providerFixture();
    await provisionCluster(f);
    const created = addMachine(f, "demo-md-0", { spec: delays(1000, 0, 0, 0) });
    // The watch has not delivered any of fkas's writes yet: the cache keeps the created object.
    const stale = {
      get: (namespace: string | undefined, name: string) =>
        namespace === NS && name === "demo-md-0" ? created : undefined,
      objects: [created],
    };
    const context = { ...f.context, fkasMachines: stale as unknown as typeof f.context.machines };
    const key = `${NS}/demo-md-0`;
    assert.deepEqual(await reconcileFkasMachine(context, key), { requeueAfterMs: 1000 });
    const calls = f.management.calls.length;
    f.advance(300);
    assert.deepEqual(await reconcileFkasMachine(context, key), { requeueAfterMs: 700 });
    assert.equal(f.management.calls.length, calls, "no finalizer, annotation or status again");
  });

  it("jitter draws are stable per machine uid and phase", async () => {
    const f = await providerFixture();
    await provisionCluster(f);
    const stored = addMachine(f, "demo-md-0", { spec: delays(1000, 0, 0, 0, "0.5") });
    const expected = Math.round(1000 + stableDraw(`${stored.metadata.uid}/vm`) * 0.5 * 1000);
    const key = `${NS}/demo-md-0`;
    assert.deepEqual(await reconcileFkasMachine(f.context, key), { requeueAfterMs: expected });
    f.advance(10);
    assert.deepEqual(await reconcileFkasMachine(f.context, key), {
      requeueAfterMs: expected - 10,
    });
  });

  it("a machine that started booting does not go back to waiting when its cluster is not registered (restart)", async () => {
    const f = await providerFixture();
    const booted = "2026-02-03T04:00:00.000Z";
    const done = (type: string): Condition => ({
      type,
      status: "True",
      reason: "Provisioned",
      message: "",
      lastTransitionTime: "2026-02-03T04:00:01Z",
    });
    addMachine(f, "demo-cp-0", { controlPlane: true, spec: delays(1000, 2000, 300, 500) });
    const before = f.management.update("fkasmachines", NS, "demo-cp-0", (o) => {
      o.metadata.finalizers = [MACHINE_FINALIZER];
      o.metadata.annotations = { [BOOT_STARTED_ANNOTATION]: booted };
      o.spec = { ...o.spec as object, providerID: `fkas://${NS}/demo-cp-0` };
      o.status = {
        ready: true,
        initialization: { provisioned: true },
        conditions: [
          done("VMProvisioned"),
          done("NodeProvisioned"),
          done("EtcdProvisioned"),
          done("APIServerProvisioned"),
          done("Ready"),
        ],
        addresses: [{ type: "Hostname", address: "demo-cp-0" }],
      };
    });
    const key = `${NS}/demo-cp-0`;
    assert.equal(await reconcileFkasMachine(f.context, key), undefined);
    assert.equal(f.management.calls.length, 0, "nothing is written while the cluster is away");
    assert.deepEqual(f.management.get("fkasmachines", NS, "demo-cp-0")!.status, before.status);

    // The FkasCluster reconcile registers the cluster again and wakes the machine.
    await provisionCluster(f);
    assert.deepEqual(f.enqueued, [key]);
    f.management.calls.length = 0;
    assert.equal(
      await reconcileFkasMachine(f.context, key),
      undefined,
      "no phase is delayed again",
    );
    const cluster = f.registry.get(NS, "demo")!;
    assert.ok(cluster.nodeNamed("demo-cp-0"), "the node is recreated at once");
    assert.deepEqual(podsOf(f).sort(), [
      "etcd-demo-cp-0",
      "kube-apiserver-demo-cp-0",
      "kube-controller-manager-demo-cp-0",
      "kube-scheduler-demo-cp-0",
    ]);
    assert.equal(f.started.length, 1);
    const after = f.management.get("fkasmachines", NS, "demo-cp-0")!;
    assert.equal(after.metadata.annotations?.[BOOT_STARTED_ANNOTATION], booted);
    for (const condition of statusOf(after).conditions ?? []) {
      assert.equal(condition.status, "True", condition.type);
      assert.equal(condition.lastTransitionTime, "2026-02-03T04:00:01Z", condition.type);
    }
    assert.ok(statusOf(after).addresses?.some((a) => a.type === "InternalIP"));
    assert.ok(
      f.management.calls.every((c) => c.subresource === "status"),
      "only the addresses change",
    );
  });

  it("a deleted FkasMachine leaves its cluster and releases its finalizer", async () => {
    const f = await providerFixture();
    await provisionCluster(f);
    addMachine(f, "demo-cp-0", { controlPlane: true });
    addMachine(f, "demo-md-0");
    const key = `${NS}/demo-md-0`;
    await reconcileFkasMachine(f.context, `${NS}/demo-cp-0`);
    await reconcileFkasMachine(f.context, key);
    const cluster = f.registry.get(NS, "demo")!;
    assert.ok(cluster.nodeNamed("demo-md-0"));

    f.management.update("fkasmachines", NS, "demo-md-0", (o) => {
      o.metadata.deletionTimestamp = "2026-02-03T04:10:00Z";
    });
    f.management.calls.length = 0;
    assert.equal(await reconcileFkasMachine(f.context, key), undefined);
    assert.equal(cluster.nodeNamed("demo-md-0"), undefined, "the node is gone");
    assert.ok(cluster.nodeNamed("demo-cp-0"), "other machines stay");
    assert.deepEqual(f.management.calls, [{
      plural: "fkasmachines",
      namespace: NS,
      name: "demo-md-0",
      patch: { metadata: { finalizers: [] } },
      subresource: undefined,
    }]);
    assert.equal(f.management.get("fkasmachines", NS, "demo-md-0"), undefined);
  });

  it("a deleting machine reconciled again before its DELETED event is not patched again", async () => {
    const f = await providerFixture();
    await provisionCluster(f);
    addMachine(f, "demo-md-0");
    const key = `${NS}/demo-md-0`;
    await reconcileFkasMachine(f.context, key);
    const deleting = f.management.update("fkasmachines", NS, "demo-md-0", (o) => {
      o.metadata.deletionTimestamp = "2026-02-03T04:10:00Z";
    });
    // The cache keeps the deleting object (finalizer and all) until the watch delivers DELETED.
    const cache = { get: () => deleting, objects: [deleting] } as unknown as Informer;
    const stale = { ...f.context, fkasMachines: cache };
    await reconcileFkasMachine(stale, key);
    assert.equal(f.management.get("fkasmachines", NS, "demo-md-0"), undefined);
    f.management.calls.length = 0;
    // Real CAPI wakes the FkasMachine again right away (its Machine changes): that reconcile
    // patched the finalizer of an object already gone, got a 404 and was retried.
    await reconcileFkasMachine(stale, key);
    assert.deepEqual(f.management.calls, []);
  });

  it("a deleted control plane takes its static pods with it", async () => {
    const f = await providerFixture();
    await provisionCluster(f);
    addMachine(f, "demo-cp-0", { controlPlane: true });
    addMachine(f, "demo-cp-1", { controlPlane: true });
    await reconcileFkasMachine(f.context, `${NS}/demo-cp-0`);
    await reconcileFkasMachine(f.context, `${NS}/demo-cp-1`);
    f.management.update("fkasmachines", NS, "demo-cp-1", (o) => {
      o.metadata.deletionTimestamp = "2026-02-03T04:10:00Z";
    });
    await reconcileFkasMachine(f.context, `${NS}/demo-cp-1`);
    assert.equal(f.registry.get(NS, "demo")!.nodeNamed("demo-cp-1"), undefined);
    assert.deepEqual(podsOf(f).filter((p) => p?.endsWith("demo-cp-1")), []);
    assert.equal(podsOf(f).filter((p) => p?.endsWith("demo-cp-0")).length, 4);
  });

  it("a deleted machine whose cluster is gone just releases its finalizer", async () => {
    const f = await providerFixture();
    addMachine(f, "demo-md-0");
    f.management.update("fkasmachines", NS, "demo-md-0", (o) => {
      o.metadata.finalizers = [MACHINE_FINALIZER];
      o.metadata.deletionTimestamp = "2026-02-03T04:10:00Z";
    });
    await reconcileFkasMachine(f.context, `${NS}/demo-md-0`);
    assert.equal(f.management.get("fkasmachines", NS, "demo-md-0"), undefined);
  });

  it("fails (to be retried) while the cluster still waits for its CA secrets", async () => {
    let reads = 0;
    const f = await providerFixture({
      readCaSecrets: () => {
        reads++;
        return Promise.resolve({ found: false, missing: "CA secret default/demo-ca" });
      },
    });
    f.management.put("fkasclusters", fkasCluster("demo-infra", { owner: "demo" }));
    await reconcileFkasCluster(f.context, `${NS}/demo-infra`);
    const cluster = f.registry.get(NS, "demo")!;
    try {
      assert.equal(cluster.hasCas, false);
      addMachine(f, "demo-md-0");
      await assert.rejects(
        reconcileFkasMachine(f.context, `${NS}/demo-md-0`),
        /waiting for the cluster's CAs/,
      );
      assert.equal(cluster.nodeNamed("demo-md-0"), undefined);
      assert.ok(reads >= 1);
    } finally {
      // Stops the registry's retry loop (it checks whether the cluster is still wanted).
      await f.registry.unregister(NS, "demo");
    }
  });

  // kube-apiserver serves custom resources with sorted keys (Go's encoding/json on unstructured
  // maps), not in the order fkas built its conditions.
  it(
    "a second reconcile writes nothing when the apiserver answers with sorted keys",
    async () => {
      const f = await providerFixture({ goKeyOrder: true });
      await provisionCluster(f);
      addMachine(f, "demo-md-0");
      await reconcileFkasMachine(f.context, `${NS}/demo-md-0`);
      const calls = f.management.calls.length;
      await reconcileFkasCluster(f.context, `${NS}/demo-infra`);
      await reconcileFkasMachine(f.context, `${NS}/demo-md-0`);
      assert.deepEqual(f.management.calls.slice(calls), []);
    },
  );
});
