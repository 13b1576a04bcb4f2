// Targeted checks on the activation objects: what KCP and kubeadm-aware clients read from them.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parse } from "yaml";
import { BUILTIN_CATALOG } from "../../src/resources/mod.ts";
import {
  alikeObjectsOf,
  renderActivationObjects,
  renderAlikeActivationObjects,
  type SeedObject,
} from "../../src/seed/activation.ts";
import { coreDNSImageTag, kubeletConfigMapName } from "../../src/seed/addon_versions.ts";
import { renderClusterConfiguration } from "../../src/seed/kubeadm_config.ts";
import { renderCorefile } from "../../src/seed/corefile.ts";
import { renderRootCAConfigMap } from "../../src/seed/root_ca_configmap.ts";
import { renderClusterInfoKubeconfig } from "../../src/seed/cluster_info.ts";
import { goYaml } from "../../src/encoding/mod.ts";
import { FAKE_CA_PEM, shapeAt } from "./activation_fixture.ts";

// Rendered objects are open-ended JSON; the assertions below walk into them freely.
// deno-lint-ignore no-explicit-any
type Obj = Record<string, any>;

function find(objects: SeedObject[], key: string, name: string, namespace?: string): Obj {
  const hit = objects.find((o) =>
    o.resourceKey === key && o.object.metadata.name === name &&
    o.object.metadata.namespace === namespace
  );
  assert.ok(hit, `missing ${key} ${namespace ?? ""}/${name}`);
  return hit.object as Obj;
}

describe("activation objects", () => {
  it("kubeadm:apiserver-kubelet-client comes with kubeadm v1.33.12, v1.34.8, v1.35.5, v1.36.1 and 1.37+", () => {
    const has = (version: string) =>
      renderActivationObjects(shapeAt(version)).some((o) =>
        o.resourceKey === "rbac.authorization.k8s.io/clusterrolebindings" &&
        o.object.metadata.name === "kubeadm:apiserver-kubelet-client"
      );
    for (const version of ["v1.33.12", "v1.34.8", "v1.35.5", "v1.36.1", "v1.37.0", "v1.38.2"]) {
      assert.ok(has(version), version);
    }
    for (const version of ["v1.32.9", "v1.33.11", "v1.34.7", "v1.35.4", "v1.36.0"]) {
      assert.ok(!has(version), version);
    }
    const binding = find(
      renderActivationObjects(shapeAt("v1.36.1")),
      "rbac.authorization.k8s.io/clusterrolebindings",
      "kubeadm:apiserver-kubelet-client",
    );
    assert.deepEqual(binding.roleRef, {
      apiGroup: "rbac.authorization.k8s.io",
      kind: "ClusterRole",
      name: "system:kubelet-api-admin",
    });
    assert.deepEqual(binding.subjects, [
      {
        kind: "User",
        apiGroup: "rbac.authorization.k8s.io",
        name: "kube-apiserver-kubelet-client",
      },
    ]);
  });

  it("every object has a known storage key, a matching kind and a unique name", () => {
    const objects = renderActivationObjects(shapeAt("v1.33.1"));
    const seen = new Set<string>();
    for (const { resourceKey, object } of objects) {
      const resource = BUILTIN_CATALOG.byKey(resourceKey);
      assert.ok(resource, `unknown storage key ${resourceKey}`);
      assert.equal(object.kind, resource.kind);
      assert.equal(object.metadata.namespace !== undefined, resource.namespaced);
      const id = `${resourceKey}/${object.metadata.namespace}/${object.metadata.name}`;
      assert.ok(!seen.has(id), `duplicate ${id}`);
      seen.add(id);
    }
  });

  it("namespaced objects land only in namespaces a new cluster already has", () => {
    const namespaces = new Set(
      renderActivationObjects(shapeAt("v1.33.1")).map((o) => o.object.metadata.namespace),
    );
    namespaces.delete(undefined);
    assert.deepEqual([...namespaces].sort(), [
      "default",
      "kube-node-lease",
      "kube-public",
      "kube-system",
    ]);
  });

  it("kube-proxy's image tag replaces `+` with `_`, as SemverToOCIImageTag does", () => {
    const objects = renderActivationObjects(shapeAt("v1.30.2+k3s1"));
    const ds = find(objects, "apps/daemonsets", "kube-proxy", "kube-system");
    assert.equal(ds.spec.template.spec.containers[0].name, "kube-proxy");
    assert.equal(
      ds.spec.template.spec.containers[0].image,
      "registry.k8s.io/kube-proxy:v1.30.2_k3s1",
    );
    assert.deepEqual(ds.metadata.labels, { "k8s-app": "kube-proxy" });
    assert.deepEqual(ds.spec.selector.matchLabels, ds.spec.template.metadata.labels);
  });

  it("CoreDNS runs the version kubeadm pairs with the minor, under a semver tag", () => {
    assert.equal(coreDNSImageTag("v1.29.4"), "v1.11.1");
    assert.equal(coreDNSImageTag("v1.32.0"), "v1.11.3");
    assert.equal(coreDNSImageTag("v1.33.1"), "v1.12.0");
    assert.equal(coreDNSImageTag("v1.99.0"), "v1.13.1", "newer minors take the newest known");
    assert.equal(coreDNSImageTag("v1.20.0"), "v1.9.3", "older minors take the oldest known");
    const deployment = find(
      renderActivationObjects(shapeAt("v1.33.1")),
      "apps/deployments",
      "coredns",
      "kube-system",
    );
    assert.equal(deployment.spec.replicas, 2);
    const [container] = deployment.spec.template.spec.containers;
    assert.equal(container.name, "coredns");
    assert.match(container.image.split(":").pop(), /^v\d+\.\d+\.\d+$/);
    assert.equal(deployment.spec.template.metadata.labels["k8s-app"], "kube-dns");
  });

  it("CoreDNS probes use named ports from 1.34, numbers before", () => {
    const probePort = (version: string) => {
      const deployment = find(
        renderActivationObjects(shapeAt(version)),
        "apps/deployments",
        "coredns",
        "kube-system",
      );
      return deployment.spec.template.spec.containers[0].livenessProbe.httpGet.port;
    };
    assert.equal(probePort("v1.33.1"), 8080);
    assert.equal(probePort("v1.34.0"), "liveness-probe");
  });

  it("the Corefile serves the cluster domain, and stops caching it from 1.32", () => {
    const old = renderCorefile("v1.31.0", "example.internal");
    assert.match(old, /^\.:53 \{\n/);
    assert.match(old, /\n {4}kubernetes example\.internal in-addr\.arpa ip6\.arpa \{\n/);
    assert.match(old, /\n {4}cache 30\n/);
    assert.doesNotMatch(old, /disable/);
    const recent = renderCorefile("v1.32.0", "example.internal");
    assert.match(recent, /\n {4}cache 30 \{\n {7}disable success example\.internal\n/);
    assert.ok(recent.endsWith("}\n"));
    const cm = find(
      renderActivationObjects(shapeAt("v1.33.1")),
      "configmaps",
      "coredns",
      "kube-system",
    );
    assert.deepEqual(Object.keys(cm.data), ["Corefile"]);
  });

  it("kubeadm-config holds v1beta3 before 1.31 and v1beta4 from 1.31", () => {
    const v1beta3 = parse(renderClusterConfiguration(shapeAt("v1.30.5")));
    assert.equal(v1beta3.apiVersion, "kubeadm.k8s.io/v1beta3");
    assert.equal(v1beta3.apiServer.timeoutForControlPlane, "4m0s");
    const v1beta4 = parse(renderClusterConfiguration(shapeAt("v1.31.0")));
    assert.equal(v1beta4.apiVersion, "kubeadm.k8s.io/v1beta4");
    assert.deepEqual(v1beta4.apiServer, {});
    assert.equal(v1beta4.encryptionAlgorithm, "RSA-2048");
    for (const config of [v1beta3, v1beta4]) {
      assert.equal(config.kind, "ClusterConfiguration");
      assert.equal(config.clusterName, "test-1");
      assert.equal(config.controlPlaneEndpoint, "127.0.0.1:20001");
      assert.equal(config.imageRepository, "registry.k8s.io");
      assert.deepEqual(config.etcd, { local: { dataDir: "/var/lib/etcd" } });
      assert.deepEqual(config.networking, {
        dnsDomain: "cluster.local",
        podSubnet: "192.168.0.0/16",
        serviceSubnet: "10.128.0.0/12",
      });
    }
  });

  it("leaves podSubnet out of the configs when the cluster has none", () => {
    const shape = shapeAt("v1.33.1", { podSubnet: undefined });
    assert.equal(parse(renderClusterConfiguration(shape)).networking.podSubnet, undefined);
  });

  it("kube-dns sits at the 10th service address, and kubelets point at it", () => {
    const objects = renderActivationObjects(shapeAt("v1.33.1"));
    const service = find(objects, "services", "kube-dns", "kube-system");
    assert.equal(service.spec.clusterIP, "10.128.0.10");
    assert.deepEqual(
      service.spec.ports.map((p: Obj) => `${p.port}/${p.protocol}`),
      ["53/UDP", "53/TCP", "9153/TCP"],
    );
    const kubelet = find(objects, "configmaps", "kubelet-config", "kube-system");
    assert.deepEqual(parse(kubelet.data.kubelet).clusterDNS, ["10.128.0.10"]);
  });

  it("bootstrap tokens may get nodes through kubeadm:get-nodes", () => {
    const objects = renderActivationObjects(shapeAt("v1.33.1"));
    const role = find(objects, "rbac.authorization.k8s.io/clusterroles", "kubeadm:get-nodes");
    assert.deepEqual(role.rules, [{ verbs: ["get"], apiGroups: [""], resources: ["nodes"] }]);
    const binding = find(
      objects,
      "rbac.authorization.k8s.io/clusterrolebindings",
      "kubeadm:get-nodes",
    );
    assert.equal(binding.roleRef.name, "kubeadm:get-nodes");
    assert.deepEqual(binding.subjects.map((s: Obj) => `${s.kind}:${s.name}`), [
      "Group:system:bootstrappers:kubeadm:default-node-token",
    ]);
  });

  it("cluster-info carries the CA and the endpoint in an unnamed cluster", () => {
    const objects = renderActivationObjects(shapeAt("v1.33.1"));
    const cm = find(objects, "configmaps", "cluster-info", "kube-public");
    const kubeconfig = parse(cm.data.kubeconfig);
    assert.equal(kubeconfig.clusters[0].name, "");
    assert.equal(kubeconfig.clusters[0].cluster.server, "https://127.0.0.1:20001");
    assert.equal(atob(kubeconfig.clusters[0].cluster["certificate-authority-data"]), FAKE_CA_PEM);
    const binding = find(
      objects,
      "rbac.authorization.k8s.io/rolebindings",
      "kubeadm:bootstrap-signer-clusterinfo",
      "kube-public",
    );
    assert.deepEqual(binding.subjects[0].name, "system:anonymous");
  });

  it("kube-proxy's ConfigMap points at the endpoint and uses the pod subnet", () => {
    const cm = find(
      renderActivationObjects(shapeAt("v1.33.1")),
      "configmaps",
      "kube-proxy",
      "kube-system",
    );
    assert.equal(parse(cm.data["config.conf"]).clusterCIDR, "192.168.0.0/16");
    assert.equal(
      parse(cm.data["kubeconfig.conf"]).clusters[0].cluster.server,
      "https://127.0.0.1:20001",
    );
  });

  it("names the kubelet ConfigMap per minor before 1.24", () => {
    assert.equal(kubeletConfigMapName("v1.23.17"), "kubelet-config-1.23");
    assert.equal(kubeletConfigMapName("v1.24.0"), "kubelet-config");
  });

  it("kube-root-ca.crt holds the CA under ca.crt in the given namespace", () => {
    const cm = renderRootCAConfigMap("team-a", FAKE_CA_PEM);
    assert.equal(cm.metadata.namespace, "team-a");
    assert.equal(cm.metadata.name, "kube-root-ca.crt");
    assert.deepEqual(cm.data, { "ca.crt": FAKE_CA_PEM });
  });

  it("objects that name no cluster, rendered once, are the same set and order for another cluster", () => {
    const common = renderAlikeActivationObjects(shapeAt("v1.33.1"));
    const other = shapeAt("v1.33.1", {
      clusterName: "other",
      controlPlaneEndpoint: "10.0.0.9:6443",
      podSubnet: "10.244.0.0/16",
      caCertificatePem: "other CA",
    });
    const shared = renderActivationObjects(other, undefined, common);
    assert.equal(JSON.stringify(shared), JSON.stringify(renderActivationObjects(other)));
    // The common ones are the very objects given (a caller finds what it made of them).
    const given = new Set(alikeObjectsOf(common).map((seed) => seed.object));
    const reused = shared.filter((seed) => given.has(seed.object));
    assert.equal(reused.length, given.size);
    // What names the cluster is never among them.
    for (const { object } of reused) assert.ok(!JSON.stringify(object).includes("other"));
  });
});

describe("ClusterConfiguration of clusters made alike", () => {
  it("writes each cluster's name and endpoint as YAML reads them back, whatever they look like, and nothing else differs", () => {
    const plain = renderClusterConfiguration(shapeAt("v1.33.1"));
    const lines = (text: string) =>
      text.split("\n").filter((line) =>
        !line.startsWith("clusterName:") && !line.startsWith("controlPlaneEndpoint:")
      );
    for (
      const [clusterName, controlPlaneEndpoint] of [
        ["123", "[::1]:6443"],
        ["true", "10.0.0.1:6443"],
        ["a: b", "host #1:443"],
        ["naïve-ünïcode", "-dash:1"],
        ["multi\nline", "'quoted':2"],
      ]
    ) {
      const text = renderClusterConfiguration(
        shapeAt("v1.33.1", { clusterName, controlPlaneEndpoint }),
      );
      const parsed = parse(text);
      assert.equal(parsed.clusterName, clusterName);
      assert.equal(parsed.controlPlaneEndpoint, controlPlaneEndpoint);
      assert.ok(!text.includes("fkas-slot"), text);
      if (!clusterName.includes("\n")) assert.deepEqual(lines(text), lines(plain));
    }
  });
});

describe("cluster-info's kubeconfig", () => {
  it("is the text the YAML writer writes, for endpoints and CAs of every look", () => {
    for (
      const [controlPlaneEndpoint, caCertificatePem] of [
        ["127.0.0.1:20001", FAKE_CA_PEM],
        ["fkas.example.com:6443", FAKE_CA_PEM],
        ["[::1]:6443", FAKE_CA_PEM],
        ["host #1:443", FAKE_CA_PEM],
        ["127.0.0.1:20001", "true"],
        ["127.0.0.1:20001", "naïve\nCA"],
      ]
    ) {
      const expected = goYaml({
        apiVersion: "v1",
        clusters: [{
          cluster: {
            "certificate-authority-data": btoa(
              String.fromCharCode(...new TextEncoder().encode(caCertificatePem)),
            ),
            server: `https://${controlPlaneEndpoint}`,
          },
          name: "",
        }],
        contexts: null,
        "current-context": "",
        kind: "Config",
        preferences: {},
        users: null,
      });
      const text = renderClusterInfoKubeconfig({ controlPlaneEndpoint, caCertificatePem });
      assert.equal(text, expected, controlPlaneEndpoint);
    }
  });
});
