// Control routes for inspecting and steering clusters: list, delete, nodes, conditions, listener.

import type { Context, Hono } from "hono";
import * as v from "valibot";
import {
  type ClusterRegistry,
  deleteMachine,
  type FakeCluster,
  parseDurationMs,
  renderCaSecrets,
  setNodeCondition,
} from "../cluster/mod.ts";
import { clusterView } from "./cluster_view.ts";
import type { ControlChangeListener } from "./control_change.ts";
import { jsonListStream } from "./json_list_stream.ts";
import { ControlError } from "./control_error.ts";
import { qualifiedNameProblem } from "./kube_names.ts";
import { parseJsonBody, validate } from "./validation.ts";

const LEASE_RENEWAL = v.object({ enabled: v.boolean("must be a boolean") });

const CONDITION = v.object({
  status: v.picklist(["True", "False", "Unknown"], 'must be "True", "False" or "Unknown"'),
  reason: v.optional(v.pipe(v.string("must be a string"), v.maxLength(1024))),
  message: v.optional(v.pipe(v.string("must be a string"), v.maxLength(32768))),
});

/** The longest pod start delay a cluster's kubelets accept. */
const MAX_POD_START_DELAY_MS = 3_600_000;

const KUBELET = v.object({
  podStartDelay: v.optional(
    v.pipe(
      v.string('must be a duration such as "2s"'),
      v.check((text) => parseDurationMs(text) !== undefined, 'must be a duration such as "2s"'),
      v.transform((text) => parseDurationMs(text)!),
      v.maxValue(MAX_POD_START_DELAY_MS, "must be at most 1h"),
    ),
  ),
});

// The kubelet timing as the control API shows it: Go-style durations.
function kubeletView(cluster: FakeCluster): { podStartDelay: string } {
  const ms = cluster.kubeletTiming.podStartDelayMs;
  return { podStartDelay: ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms` };
}

/** Adds the `/clusters` routes to the control app. */
export function addClusterRoutes(
  app: Hono,
  registry: ClusterRegistry,
  hooks: {
    beforeNodeDelete?: (cluster: FakeCluster, node: string) => void;
    afterClusterDelete?: (cluster: FakeCluster) => void;
    onChange?: ControlChangeListener;
    now: () => Date;
    /** Times the slices of long lists (GET /clusters). */
    monotonicNow: () => number;
  },
): void {
  app.get(
    "/clusters",
    (c) =>
      c.body(jsonListStream("clusters", registry.list(), clusterView, hooks), 200, {
        "Content-Type": "application/json",
      }),
  );
  app.get("/clusters/:namespace/:name", (c) => c.json(clusterView(findCluster(registry, c))));
  app.delete("/clusters/:namespace/:name", async (c) => {
    const cluster = findCluster(registry, c);
    await registry.unregister(cluster.namespace, cluster.name);
    hooks.afterClusterDelete?.(cluster);
    return c.json({ deleted: cluster.resourceName, port: cluster.port });
  });
  app.get("/clusters/:namespace/:name/kubeconfig", async (c) => {
    const kubeconfig = await registry.adminKubeconfig(findCluster(registry, c));
    return c.body(kubeconfig, 200, { "Content-Type": "application/yaml" });
  });
  app.get(
    "/clusters/:namespace/:name/ca-secrets",
    (c) =>
      c.body(renderCaSecrets(findCluster(registry, c)), 200, {
        "Content-Type": "application/yaml",
      }),
  );

  app.delete("/clusters/:namespace/:name/nodes/:node", async (c) => {
    const cluster = findCluster(registry, c);
    const node = c.req.param("node");
    await cluster.queue.run(() => {
      hooks.beforeNodeDelete?.(cluster, node);
      deleteMachine(cluster, node);
    });
    hooks.onChange?.("node deleted", { ...who(cluster), node });
    return c.json({ deleted: node });
  });
  app.put("/clusters/:namespace/:name/nodes/:node/conditions/:type", async (c) => {
    const cluster = findCluster(registry, c);
    const change = validate(CONDITION, await parseJsonBody(c));
    const { node, type } = c.req.param();
    // Condition types are qualified names (NodeConditionType values, or "example.com/Ready").
    const problem = qualifiedNameProblem(type, "condition type");
    if (problem) throw new ControlError(400, problem, "type");
    await cluster.queue.run(() =>
      setNodeCondition(cluster, node, { type, ...change }, hooks.now())
    );
    hooks.onChange?.("node condition set", { ...who(cluster), node, type, status: change.status });
    return c.json(clusterView(cluster));
  });

  app.get(
    "/clusters/:namespace/:name/kubelet",
    (c) => c.json(kubeletView(findCluster(registry, c))),
  );
  app.put("/clusters/:namespace/:name/kubelet", async (c) => {
    const cluster = findCluster(registry, c);
    const change = validate(KUBELET, await parseJsonBody(c));
    await cluster.queue.run(() => {
      cluster.kubeletTiming = {
        podStartDelayMs: change.podStartDelay ?? cluster.kubeletTiming.podStartDelayMs,
      };
    });
    hooks.onChange?.("kubelet timing set", { ...who(cluster), ...kubeletView(cluster) });
    return c.json(kubeletView(cluster));
  });
  // Node and leader-election Lease renewals for this cluster (the `--lease-renewal` default).
  app.put("/clusters/:namespace/:name/lease-renewal", async (c) => {
    const cluster = findCluster(registry, c);
    const { enabled } = validate(LEASE_RENEWAL, await parseJsonBody(c));
    cluster.setLeaseRenewal(enabled);
    hooks.onChange?.("lease renewal set", { ...who(cluster), enabled });
    return c.json({ leaseRenewal: cluster.leaseRenewal });
  });
  app.get(
    "/clusters/:namespace/:name/lease-renewal",
    (c) => c.json({ leaseRenewal: findCluster(registry, c).leaseRenewal }),
  );

  app.post("/clusters/:namespace/:name/listener/stop", async (c) => {
    const cluster = findCluster(registry, c);
    await cluster.queue.run(() => registry.listeners.stop(cluster));
    return c.json(clusterView(cluster));
  });
  app.post("/clusters/:namespace/:name/listener/start", async (c) => {
    const cluster = findCluster(registry, c);
    await cluster.queue.run(() => registry.listeners.start(cluster));
    return c.json(clusterView(cluster));
  });
}

/** The cluster and namespace fields of a log line about `cluster`. */
export function who(cluster: FakeCluster): { cluster: string; namespace: string; port: number } {
  return { cluster: cluster.name, namespace: cluster.namespace, port: cluster.port };
}

/** The cluster a route names, or a 404. */
export function findCluster(registry: ClusterRegistry, c: Context) {
  const { namespace, name } = c.req.param() as { namespace: string; name: string };
  const cluster = registry.get(namespace, name);
  if (!cluster) throw new ControlError(404, `cluster ${namespace}/${name} is not registered`);
  return cluster;
}
