// One regression test per upstream FKAS bug (../shared/reference/fkas-control-api.md §10), named after it.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { createCertificateAuthority } from "../../src/pki/mod.ts";
import { goShapedKind } from "../../src/api/schema/mod.ts";
import { createControlApp } from "../../src/control/mod.ts";
import { LocalClusterHost } from "../../src/hosts/mod.ts";
import { registryWithFakeListeners } from "../cluster/registry_fixture.ts";

const CP = { "cluster.x-k8s.io/control-plane": "" };

function setup(overrides: Parameters<typeof registryWithFakeListeners>[0] = {}) {
  const fixture = registryWithFakeListeners(overrides);
  const app = createControlApp({ host: new LocalClusterHost(fixture.registry) });
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await app.request(path, {
      method,
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch { /* empty or text */ }
    return { status: response.status, text, json, type: response.headers.get("content-type") };
  };
  const report = (nodeName: string, labels: unknown = {}) =>
    call("PUT", "/updateNode", {
      cluster: "demo",
      namespace: "default",
      nodeName,
      labels,
      k8sversion: "v1.31.1",
    });
  const store = () => fixture.registry.get("default", "demo")!;
  const names = (resource: string, namespace?: string) => {
    const cluster = store();
    return cluster.store.list(cluster.catalog.byKey(resource)!, namespace).map((o) =>
      o.metadata.name
    );
  };
  return { ...fixture, call, report, names, store };
}

describe("FKAS bugs that must not recur", () => {
  it("re-registering a cluster changes nothing (upstream reset activation and 500'd forever)", async () => {
    const { call, report, started } = setup();
    const first = (await call("POST", "/register", { cluster: "demo", namespace: "default" })).json;
    assert.equal((await report("cp-1", CP)).status, 200);
    const again = (await call("POST", "/register", { cluster: "demo", namespace: "default" })).json;
    assert.deepEqual(again, first);
    assert.equal((await report("cp-2", CP)).status, 200);
    assert.equal((await report("md-1")).status, 200);
    assert.equal(started.length, 1, "the listener was not restarted");
  });

  it("a missing or null labels is treated as {} (upstream panicked and dropped the connection)", async () => {
    const { call } = setup();
    await call("POST", "/register", { cluster: "demo", namespace: "default" });
    const missing = await call("PUT", "/updateNode", {
      cluster: "demo",
      namespace: "default",
      nodeName: "a",
    });
    const nil = await call("PUT", "/updateNode", {
      cluster: "demo",
      namespace: "default",
      nodeName: "b",
      labels: null,
    });
    assert.deepEqual([missing.status, nil.status], [200, 200]);
  });

  it("the response key is ResourceName, as the code (not the upstream README) says", async () => {
    const { json } = await setup().call("POST", "/register", {
      cluster: "demo",
      namespace: "default",
    });
    assert.deepEqual(Object.keys(json), ["ResourceName", "Host", "Port"]);
  });

  it("RSA and ECDSA CA keys are accepted, and a bad CA is an error, never a 200 with nothing done", async () => {
    const { call } = setup();
    const now = new Date();
    for (const keyAlgorithm of ["rsa", "ecdsa"] as const) {
      const ca = await createCertificateAuthority({
        commonName: `${keyAlgorithm}-ca`,
        keyAlgorithm,
        now,
      });
      const registered = await call("POST", "/register", {
        cluster: `with-${keyAlgorithm}`,
        namespace: "default",
        ca: { cert: ca.certPem, key: ca.keyPem },
      });
      assert.equal(registered.status, 200, keyAlgorithm);
    }
    const ed25519 = generateKeyPairSync("ed25519").privateKey.export({
      type: "pkcs8",
      format: "pem",
    });
    const ca = await createCertificateAuthority({ commonName: "x", keyAlgorithm: "ecdsa", now });
    const refused = await call("POST", "/register", {
      cluster: "odd-key",
      namespace: "default",
      ca: { cert: ca.certPem, key: String(ed25519) },
    });
    assert.equal(refused.status, 400);
    assert.ok(refused.json.error);
  });

  it("handlers are concurrency-safe: two first control planes at once both succeed", async () => {
    const { call, report, names } = setup();
    await call("POST", "/register", { cluster: "demo", namespace: "default" });
    const results = await Promise.all([
      report("cp-1", CP),
      report("cp-2", CP),
      report("cp-1", CP),
      report("md-1"),
    ]);
    assert.deepEqual(results.map((r) => r.status), [200, 200, 200, 200]);
    assert.deepEqual(names("nodes"), ["cp-1", "cp-2", "md-1"]);
  });

  it("a retried /updateNode completes whatever is missing (upstream never created the pods)", async () => {
    const { call, report, names, store } = setup();
    await call("POST", "/register", { cluster: "demo", namespace: "default" });
    await report("cp-1", CP);
    const cluster = store();
    cluster.store.delete(cluster.catalog.byKey("pods")!, "kube-system", "kube-scheduler-cp-1");
    assert.equal((await report("cp-1", CP)).status, 200);
    assert.ok(names("pods", "kube-system").includes("kube-scheduler-cp-1"));
  });

  it("worker updates before activation are accepted and deferred, not 500", async () => {
    const { call, report, names, started } = setup();
    await call("POST", "/register", { cluster: "demo", namespace: "default" });
    assert.equal((await report("md-1")).status, 200);
    assert.equal(started.length, 0);
    await report("cp-1", CP);
    assert.deepEqual(names("nodes"), ["cp-1", "md-1"]);
  });

  it("errors are structured JSON with precise messages (upstream: text/plain and empty bodies)", async () => {
    const { call, report } = setup();
    const unregistered = await report("cp-1", CP);
    assert.equal(unregistered.status, 404);
    assert.match(unregistered.type ?? "", /application\/json/);
    assert.match(unregistered.json.error, /default\/demo is not registered/);
    await call("POST", "/register", { cluster: "demo", namespace: "default" });
    const bad = await report("cp-1", "<node-labels>");
    assert.deepEqual([bad.status, bad.json.field], [400, "labels"]);
  });

  it("clusters can be listed and deleted, and their ports are reused (upstream leaked them)", async () => {
    const { call } = setup();
    const { Port } =
      (await call("POST", "/register", { cluster: "demo", namespace: "default" })).json;
    assert.equal((await call("GET", "/clusters")).json.clusters.length, 1);
    assert.equal((await call("DELETE", "/clusters/default/demo")).status, 200);
    assert.equal(
      (await call("POST", "/register", { cluster: "next", namespace: "default" })).json.Port,
      Port,
    );
    assert.equal((await call("GET", "/healthz")).status, 200);
  });

  it("a port another process holds is skipped, not handed out (upstream failed at the first CP)", async () => {
    const { call } = setup({ isPortFree: (port) => Promise.resolve(port !== 20000) });
    assert.equal(
      (await call("POST", "/register", { cluster: "demo", namespace: "default" })).json.Port,
      20001,
    );
  });

  it("the listener state is reported before and after activation", async () => {
    const { call, report } = setup();
    await call("POST", "/register", { cluster: "demo", namespace: "default" });
    assert.equal((await call("GET", "/clusters/default/demo")).json.listener, "pending");
    await report("cp-1", CP);
    assert.equal((await call("GET", "/clusters/default/demo")).json.listener, "serving");
  });

  it("node status does not churn: no heartbeat rewrites the Node", async () => {
    const { call, report, store } = setup();
    await call("POST", "/register", { cluster: "demo", namespace: "default" });
    await report("cp-1", CP);
    const before = store().store.resourceVersion;
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(store().store.resourceVersion, before);
  });

  it("realistic objects: kubeletVersion, one Ready condition, labelled kube-system, mirror pods", async () => {
    const { call, report, store } = setup();
    await call("POST", "/register", { cluster: "demo", namespace: "default" });
    await report("cp-1", CP);
    const cluster = store();
    const node = cluster.store.get(cluster.catalog.byKey("nodes")!, undefined, "cp-1")!;
    // deno-lint-ignore no-explicit-any
    const status = node.status as any;
    assert.equal(status.nodeInfo.kubeletVersion, "v1.31.1");
    assert.equal(status.conditions.filter((c: { type: string }) => c.type === "Ready").length, 1);
    const kubeSystem = cluster.store.get(
      cluster.catalog.byKey("namespaces")!,
      undefined,
      "kube-system",
    )!;
    assert.equal(kubeSystem.metadata.labels!["kubernetes.io/metadata.name"], "kube-system");
    const pod = cluster.store.get(cluster.catalog.byKey("pods")!, "kube-system", "etcd-cp-1")!;
    assert.ok(pod.metadata.annotations!["kubernetes.io/config.mirror"]);
  });

  // What kube-apiserver's validation requires besides a name (an empty Pod is 422 there too).
  const template = {
    metadata: { labels: { app: "probe" } },
    spec: { containers: [{ name: "c", image: "registry.k8s.io/pause:3.9" }] },
  };
  const workload = { spec: { selector: { matchLabels: { app: "probe" } }, template } };
  const roleRef = { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" };
  const VALID_PARTS: Record<string, Record<string, unknown>> = {
    pods: { spec: template.spec },
    services: { spec: { ports: [{ port: 80 }] } },
    jobs: { spec: { template: { spec: { ...template.spec, restartPolicy: "Never" } } } },
    cronjobs: {
      spec: {
        schedule: "* * * * *",
        jobTemplate: { spec: { template: { spec: { ...template.spec, restartPolicy: "Never" } } } },
      },
    },
    deployments: workload,
    replicasets: workload,
    daemonsets: workload,
    statefulsets: workload,
    rolebindings: { roleRef },
    clusterrolebindings: { roleRef },
    ingresses: { spec: { defaultBackend: { service: { name: "web", port: { number: 80 } } } } },
    horizontalpodautoscalers: {
      spec: {
        scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
        maxReplicas: 2,
      },
    },
    certificatesigningrequests: {
      spec: {
        request: btoa(
          "-----BEGIN CERTIFICATE REQUEST-----\nMIHiMIGJAgEAMCcxFDASBgNVBAMMC29yYWNsZS11c2Vy\n-----END CERTIFICATE REQUEST-----\n",
        ),
        signerName: "example.com/signer",
        usages: ["client auth"],
      },
    },
    endpointslices: { addressType: "IPv4" },
    ingressclasses: { spec: { controller: "example.com/ingress" } },
    storageclasses: { provisioner: "example.com/disk" },
    volumeattachments: {
      spec: { attacher: "csi.example.com", nodeName: "n1", source: { persistentVolumeName: "pv" } },
    },
    runtimeclasses: { handler: "runc" },
    persistentvolumeclaims: {
      spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
    },
    persistentvolumes: {
      spec: {
        accessModes: ["ReadWriteOnce"],
        capacity: { storage: "1Gi" },
        hostPath: { path: "/data" },
      },
    },
    replicationcontrollers: { spec: { selector: { app: "probe" }, template } },
    validatingadmissionpolicies: {
      spec: {
        matchConstraints: {
          resourceRules: [{
            apiGroups: [""],
            apiVersions: ["v1"],
            operations: ["CREATE"],
            resources: ["pods"],
          }],
        },
        validations: [{ expression: "true" }],
      },
    },
    flowschemas: { spec: { priorityLevelConfiguration: { name: "global-default" } } },
    // events.k8s.io/v1 validates strictly (ValidateEventCreate): a time, a type, a reporter.
    "events.k8s.io/v1 events": {
      eventTime: "2026-01-02T03:04:05.000000Z",
      type: "Normal",
      reportingController: "example.com/probe",
      reportingInstance: "probe-1",
      action: "Probe",
      reason: "Probed",
    },
  };

  it("every kind discovery advertises can be created (upstream 500'd on CRDs, VolumeAttachments, PDBs)", async () => {
    const NEEDS_SPEC = new Set([
      "tokenreviews",
      "subjectaccessreviews",
      "localsubjectaccessreviews",
      "selfsubjectaccessreviews",
      "selfsubjectrulesreviews",
    ]);
    const { kubeFixture } = await import("../kube/kube_fixture.ts");
    const { call } = kubeFixture();
    const discovery = (await call("GET", "/apis")).json.groups as {
      name: string;
      preferredVersion: { groupVersion: string };
    }[];
    const core = (await call("GET", "/api/v1")).json.resources as {
      name: string;
      namespaced: boolean;
      kind: string;
      verbs: string[];
    }[];
    const lists = [{ groupVersion: "v1", resources: core }];
    for (const group of discovery) {
      const gv = group.preferredVersion.groupVersion;
      lists.push({
        groupVersion: gv,
        resources: (await call("GET", `/apis/${gv}`)).json.resources,
      });
    }
    for (const { groupVersion, resources } of lists) {
      // Read-only ones (componentstatuses: get, list) answer 405 as upstream does.
      const creatable = resources.filter((r) =>
        !r.name.includes("/") && r.verbs.includes("create")
      );
      for (const resource of creatable) {
        const base = groupVersion === "v1" ? "/api/v1" : `/apis/${groupVersion}`;
        const path = resource.namespaced
          ? `${base}/namespaces/default/${resource.name}`
          : `${base}/${resource.name}`;
        const body = {
          apiVersion: groupVersion,
          kind: resource.kind,
          metadata: { name: `probe-${resource.name}` },
          ...(VALID_PARTS[`${groupVersion} ${resource.name}`] ?? VALID_PARTS[resource.name]),
        };
        if (resource.name === "customresourcedefinitions") continue; // needs a spec; covered in kube tests
        // Reviews need a spec too (kube-apiserver answers 400/422 without); tests/kube/auth covers
        // them. A Binding binds an existing pending pod to its target (tests/kube covers it).
        if (NEEDS_SPEC.has(resource.name) || resource.name === "bindings") continue;
        const created = await call("POST", path, body);
        assert.equal(created.status, 201, `${groupVersion} ${resource.name}: ${created.text}`);
        // Stored Go-shaped, though the store shapes again only what admission and the registry
        // may have changed after the field manager: shaping the answer anew changes nothing.
        const [group, version] = groupVersion.includes("/")
          ? groupVersion.split("/")
          : ["", groupVersion];
        const reshaped = goShapedKind(
          "v1.33.1",
          { group, version, kind: resource.kind },
          created.json as object,
        );
        // Go's encoder ends the answer with a newline.
        assert.equal(
          `${JSON.stringify(reshaped)}\n`,
          created.text,
          `${groupVersion} ${resource.name} shape`,
        );
      }
    }
  });

  it("activation is idempotent and resumable: objects that already exist do not fail it", async () => {
    const { call, report, store, names } = setup();
    await call("POST", "/register", { cluster: "demo", namespace: "default" });
    const cluster = store();
    const clusterRoles = cluster.catalog.byKey("rbac.authorization.k8s.io/clusterroles")!;
    cluster.store.create(clusterRoles, {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRole",
      metadata: { name: "kubeadm:get-nodes" },
      rules: [],
    });
    assert.equal((await report("cp-1", CP)).status, 200);
    assert.ok(names("configmaps", "kube-system").includes("kubeadm-config"));
    assert.ok(names("apps/deployments", "kube-system").includes("coredns"));
    assert.ok(names("apps/daemonsets", "kube-system").includes("kube-proxy"));
    assert.ok(names("configmaps", "kube-public").includes("cluster-info"));
  });

  it("activation objects are real: ClusterConfiguration, Corefile, kube-proxy tag, get-nodes RBAC", async () => {
    const { call, store } = setup();
    await call("POST", "/register", { cluster: "demo", namespace: "default" });
    await call("PUT", "/updateNode", {
      cluster: "demo",
      namespace: "default",
      nodeName: "cp-1",
      labels: CP,
      k8sversion: "v1.30.2+fkas.1",
    });
    const cluster = store();
    const get = (key: string, ns: string | undefined, name: string) =>
      // deno-lint-ignore no-explicit-any
      cluster.store.get(cluster.catalog.byKey(key)!, ns, name) as any;
    const kubeadm = get("configmaps", "kube-system", "kubeadm-config");
    assert.match(kubeadm.data.ClusterConfiguration, /kind: ClusterConfiguration/);
    assert.match(kubeadm.data.ClusterConfiguration, /kubernetesVersion: v1.30.2\+fkas.1/);
    assert.match(
      get("configmaps", "kube-system", "coredns").data.Corefile,
      /kubernetes cluster.local/,
    );
    const proxy = get("apps/daemonsets", "kube-system", "kube-proxy");
    assert.equal(
      proxy.spec.template.spec.containers[0].image,
      "registry.k8s.io/kube-proxy:v1.30.2_fkas.1",
    );
    const coredns = get("apps/deployments", "kube-system", "coredns");
    assert.equal(coredns.spec.template.spec.containers[0].name, "coredns");
    assert.match(coredns.spec.template.spec.containers[0].image, /coredns:v\d+\.\d+\.\d+$/);
    const getNodes = get("rbac.authorization.k8s.io/clusterroles", undefined, "kubeadm:get-nodes");
    assert.deepEqual(getNodes.rules[0].apiGroups, [""]);
  });

  it("after activation, new namespaces get kube-root-ca.crt as kube-controller-manager publishes it", async () => {
    const { call, report, store, names } = setup();
    await call("POST", "/register", { cluster: "demo", namespace: "default" });
    const cluster = store();
    const namespaces = cluster.catalog.byKey("namespaces")!;
    cluster.store.create(namespaces, {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: "early" },
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    assert.deepEqual(
      names("configmaps", "early"),
      [],
      "no controller-manager before the first control plane",
    );
    await report("cp-1", CP);
    assert.ok(names("configmaps", "kube-system").includes("kube-root-ca.crt"));
    assert.deepEqual(
      names("configmaps", "early"),
      ["kube-root-ca.crt"],
      "existing namespaces at start-up",
    );
    cluster.store.create(namespaces, {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: "late" },
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    assert.deepEqual(names("configmaps", "late"), ["kube-root-ca.crt"]);
  });
});
