// Real kubectl drives workloads on a fake cluster: the scheduler, kubelets and controllers answer.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { type FkasProcess, startFkasProcess } from "./fkas_process.ts";
import { hasKubectl, kubectl } from "./kubectl_runner.ts";

const CLUSTER = "work";

async function eventually<T>(what: string, probe: () => T | undefined, seconds = 20): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Timed out waiting for ${what}`, { cause: last });
}

type Pod = {
  metadata: { name: string; labels?: Record<string, string> };
  spec: { nodeName?: string };
  status: { phase: string };
};

function pods(kubeconfig: string, ...selector: string[]): Pod[] {
  return JSON.parse(kubectl(kubeconfig, "get", "pods", ...selector, "-o", "json")).items;
}

describe("kubectl drives workloads on a fake cluster", {
  skip: hasKubectl ? false : "kubectl is not installed",
}, () => {
  let fkas: FkasProcess;
  let config: string;
  before(async () => {
    fkas = await startFkasProcess(["--workloads"]);
    await fkas.register("default", CLUSTER);
    const nodes = [["cp-1", true], ["md-1", false], ["md-2", false], ["md-3", false]] as const;
    for (const [node, controlPlane] of nodes) {
      await fkas.updateNode({
        cluster: CLUSTER,
        namespace: "default",
        nodeName: `${CLUSTER}-${node}`,
        labels: controlPlane ? { "cluster.x-k8s.io/control-plane": "" } : {},
        k8sversion: "v1.31.4",
      });
    }
    config = (await fkas.kubeconfig("default", CLUSTER)).path;
  });
  after(async () => {
    await fkas.stop();
  });

  it("get all -A shows CoreDNS and kube-proxy running as on a kubeadm cluster", async () => {
    const all = await eventually("system pods", () => {
      const out = kubectl(config, "get", "all", "-A");
      return /daemonset\.apps\/kube-proxy\s+4\s+4\s+4\s+4\s+4/.test(out) &&
          /deployment\.apps\/coredns\s+2\/2\s+2\s+2/.test(out)
        ? out
        : undefined;
    });
    assert.match(all, /kube-system\s+pod\/coredns-[a-z0-9]+-[a-z0-9]{5}\s+1\/1\s+Running\s+0/);
    assert.match(all, /kube-system\s+pod\/kube-proxy-[a-z0-9]{5}\s+1\/1\s+Running\s+0/);
    assert.match(all, /kube-system\s+replicaset\.apps\/coredns-[a-z0-9]+\s+2\s+2\s+2/);
    assert.match(all, /kube-system\s+pod\/etcd-work-cp-1\s+1\/1\s+Running/);
    const wide = kubectl(
      config,
      "get",
      "pods",
      "-n",
      "kube-system",
      "-l",
      "k8s-app=kube-dns",
      "-o",
      "wide",
    );
    // kubeadm installs CoreDNS while the control plane is the only node; it tolerates its taint.
    assert.match(wide, /192\.168\.\d+\.\d+\s+work-(cp|md)-\d/);
  });

  it("create deployment, scale, rollout status, expose", async () => {
    kubectl(config, "create", "deployment", "web", "--image=nginx:1.27", "--replicas=2");
    const status = kubectl(config, "rollout", "status", "deployment/web", "--timeout=30s");
    assert.match(status, /deployment "web" successfully rolled out/);
    assert.match(
      kubectl(config, "scale", "deployment/web", "--replicas=5"),
      /deployment\.apps\/web scaled/,
    );
    kubectl(config, "rollout", "status", "deployment/web", "--timeout=30s");
    const running = pods(config, "-l", "app=web").filter((p) => p.status.phase === "Running");
    assert.equal(running.length, 5);
    assert.ok(
      running.every((p) => p.spec.nodeName !== `${CLUSTER}-cp-1`),
      "the control plane is tainted",
    );
    kubectl(config, "set", "image", "deployment/web", "nginx=nginx:1.28");
    kubectl(config, "rollout", "status", "deployment/web", "--timeout=30s");
    const history = kubectl(config, "rollout", "history", "deployment/web");
    assert.match(history, /\n1\s+<none>\n2\s+<none>/);
    kubectl(config, "rollout", "undo", "deployment/web");
    kubectl(config, "rollout", "status", "deployment/web", "--timeout=30s");
    const images = JSON.parse(kubectl(config, "get", "deployment", "web", "-o", "json"))
      .spec.template.spec.containers.map((c: { image: string }) => c.image);
    assert.deepEqual(images, ["nginx:1.27"]);
    const expose = kubectl(config, "expose", "deployment", "web", "--port=80");
    assert.match(expose, /service\/web exposed/);
    const endpoints = await eventually("endpoints", () => {
      const out = JSON.parse(kubectl(config, "get", "endpoints", "web", "-o", "json"));
      return out.subsets?.[0]?.addresses?.length === 5 ? out : undefined;
    });
    assert.deepEqual(endpoints.subsets[0].ports, [{ port: 80, protocol: "TCP" }]);
    const slices = kubectl(config, "get", "endpointslices", "-l", "kubernetes.io/service-name=web");
    assert.match(slices, /web-[a-z0-9]{5}\s+IPv4\s+80\s+192\.168\./);
  });

  it("create job runs to completion", () => {
    kubectl(config, "create", "job", "pi", "--image=perl:5.34");
    const waited = kubectl(config, "wait", "--for=condition=complete", "job/pi", "--timeout=30s");
    assert.match(waited, /job\.batch\/pi condition met/);
    const jobs = kubectl(config, "get", "jobs");
    assert.match(jobs, /pi\s+(Complete\s+)?1\/1/);
    const all = JSON.parse(kubectl(config, "get", "pods", "-o", "json")).items as (Pod & {
      metadata: { ownerReferences?: { kind: string; name: string }[] };
    })[];
    const owned = all.filter((p) => p.metadata.ownerReferences?.some((r) => r.kind === "Job"));
    assert.deepEqual(owned.map((p) => p.status.phase), ["Succeeded"]);
  });

  it("a Deployment's pod has the shape of a pod kubectl run posts, and kubectl replace of it is 200", async () => {
    kubectl(config, "create", "deployment", "shape", "--image=nginx:1.27");
    kubectl(config, "run", "solo", "--image=nginx:1.27");
    const [made] = await eventually("the Deployment's pod", () => {
      const found = pods(config, "-l", "app=shape");
      return found.length === 1 && found[0].spec.nodeName ? found : undefined;
    });
    const solo = await eventually("the pod kubectl run made", () => {
      const found = pods(config, "-l", "run=solo");
      return found.length === 1 && found[0].spec.nodeName ? found[0] : undefined;
    });
    // The same keys at every depth of the spec; names (container, token volume) differ.
    // deno-lint-ignore no-explicit-any
    const shape = (value: any): any =>
      Array.isArray(value)
        ? value.map(shape)
        : value !== null && typeof value === "object"
        ? Object.fromEntries(Object.keys(value).sort().map((key) => [key, shape(value[key])]))
        : typeof value;
    assert.deepEqual(shape(made.spec), shape(solo.spec));
    const spec = made.spec as Record<string, unknown>;
    assert.equal(spec.enableServiceLinks, true);
    assert.equal(spec.serviceAccount, "default");
    const manifest = fkas.writeFile("replace.json", JSON.stringify(made));
    assert.match(
      kubectl(config, "replace", "-f", manifest),
      /pod\/shape-[a-z0-9]+-[a-z0-9]{5} replaced/,
    );
    // A pod without a controller would stop the drain below.
    kubectl(config, "delete", "pod", "solo", "--wait=false");
    kubectl(config, "delete", "deployment", "shape", "--wait=false");
  });

  it("drain evicts a worker's pods and they are rescheduled elsewhere", async () => {
    const node = `${CLUSTER}-md-1`;
    const before = pods(config, "-l", "app=web");
    assert.ok(before.some((p) => p.spec.nodeName === node));
    kubectl(config, "drain", node, "--ignore-daemonsets", "--timeout=30s");
    const after = await eventually("pods rescheduled", () => {
      const now = pods(config, "-l", "app=web");
      return now.length === 5 && now.every((p) => p.status.phase === "Running") ? now : undefined;
    });
    assert.ok(after.every((p) => p.spec.nodeName !== node));
    const proxies = pods(config, "-n", "kube-system", "-l", "k8s-app=kube-proxy");
    assert.ok(
      proxies.some((p) => p.spec.nodeName === node),
      "DaemonSet pods stay on a drained node",
    );
    kubectl(config, "uncordon", node);
  });

  it("a NotReady node is tainted and its pods evicted after their tolerationSeconds", async () => {
    const manifest = fkas.writeFile(
      "tolerant.json",
      JSON.stringify({
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "brief", namespace: "default" },
        spec: {
          replicas: 3,
          selector: { matchLabels: { app: "brief" } },
          template: {
            metadata: { labels: { app: "brief" } },
            spec: {
              containers: [{ name: "c", image: "busybox" }],
              tolerations: [{
                key: "node.kubernetes.io/not-ready",
                operator: "Exists",
                effect: "NoExecute",
                tolerationSeconds: 1,
              }],
            },
          },
        },
      }),
    );
    kubectl(config, "apply", "-f", manifest);
    kubectl(config, "rollout", "status", "deployment/brief", "--timeout=30s");
    const victim = pods(config, "-l", "app=brief")[0].spec.nodeName!;
    const response = await fetch(
      `${fkas.control}/clusters/default/${CLUSTER}/nodes/${victim}/conditions/Ready`,
      { method: "PUT", body: JSON.stringify({ status: "False", reason: "KubeletNotReady" }) },
    );
    assert.equal(response.status, 200);
    await response.text();
    const taints = await eventually("taints", () => {
      const node = JSON.parse(kubectl(config, "get", "node", victim, "-o", "json"));
      return node.spec.taints?.length === 2 ? node.spec.taints : undefined;
    });
    assert.deepEqual(
      taints.map((t: { key: string; effect: string }) => `${t.key}:${t.effect}`),
      ["node.kubernetes.io/not-ready:NoSchedule", "node.kubernetes.io/not-ready:NoExecute"],
    );
    await eventually("evictions", () => {
      const now = pods(config, "-l", "app=brief");
      return now.length === 3 &&
        now.every((p) => p.spec.nodeName !== victim && p.status.phase === "Running");
    });
  });
});
