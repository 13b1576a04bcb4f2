// Control routes for inspecting and steering clusters: list, delete, nodes, conditions, listener.

import type { Context, Hono } from "hono";
import * as v from "valibot";
import { parseDurationMs } from "../cluster/mod.ts";
import type { ClusterAddress, ClusterHost, ClusterRef } from "../hosts/mod.ts";
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

/** The longest pod start (or stop) delay a cluster's kubelets accept. */
const MAX_POD_START_DELAY_MS = 3_600_000;

const KUBELET_DELAY = v.optional(
  v.pipe(
    v.string('must be a duration such as "2s"'),
    v.check((text) => parseDurationMs(text) !== undefined, 'must be a duration such as "2s"'),
    v.transform((text) => parseDurationMs(text)!),
    v.maxValue(MAX_POD_START_DELAY_MS, "must be at most 1h"),
  ),
);

const KUBELET = v.object({ podStartDelay: KUBELET_DELAY, podStopDelay: KUBELET_DELAY });

// The kubelet timing as the control API shows it: Go-style durations.
function kubeletView(
  timing: { podStartDelayMs: number; podStopDelayMs: number },
): { podStartDelay: string; podStopDelay: string } {
  const text = (ms: number) => ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
  return {
    podStartDelay: text(timing.podStartDelayMs),
    podStopDelay: text(timing.podStopDelayMs),
  };
}

/** Adds the `/clusters` routes to the control app. */
export function addClusterRoutes(
  app: Hono,
  host: ClusterHost,
  hooks: {
    afterClusterDelete?: (cluster: ClusterAddress) => void;
    onChange?: ControlChangeListener;
    now: () => Date;
    /** Times the slices of long lists (GET /clusters). */
    monotonicNow: () => number;
  },
): void {
  app.get(
    "/clusters",
    async (c) =>
      c.body(jsonListStream("clusters", await host.views(), (view) => view, hooks), 200, {
        "Content-Type": "application/json",
      }),
  );
  app.get("/clusters/:namespace/:name", async (c) => c.json(await host.view(refOf(c))));
  app.delete("/clusters/:namespace/:name", async (c) => {
    const cluster = await host.unregister(refOf(c));
    hooks.afterClusterDelete?.(cluster);
    return c.json({ deleted: cluster.resourceName, port: cluster.port });
  });
  app.get("/clusters/:namespace/:name/kubeconfig", async (c) => {
    const kubeconfig = await host.command(refOf(c), { kind: "kubeconfig" });
    return c.body(kubeconfig, 200, { "Content-Type": "application/yaml" });
  });
  app.get("/clusters/:namespace/:name/ca-secrets", async (c) => {
    const secrets = await host.command(refOf(c), { kind: "caSecrets" });
    return c.body(secrets, 200, { "Content-Type": "application/yaml" });
  });

  app.delete("/clusters/:namespace/:name/nodes/:node", async (c) => {
    const ref = refOf(c);
    const node = c.req.param("node");
    await host.command(ref, { kind: "deleteNode", node });
    await tell(host, hooks.onChange, "node deleted", ref, { node });
    return c.json({ deleted: node });
  });
  app.put("/clusters/:namespace/:name/nodes/:node/conditions/:type", async (c) => {
    const ref = refOf(c);
    const change = validate(CONDITION, await parseJsonBody(c));
    const { node, type } = c.req.param();
    // Condition types are qualified names (NodeConditionType values, or "example.com/Ready").
    const problem = qualifiedNameProblem(type, "condition type");
    if (problem) throw new ControlError(400, problem, "type");
    const view = await host.command(ref, {
      kind: "setNodeCondition",
      node,
      condition: { type, ...change },
      now: hooks.now().toISOString(),
    });
    hooks.onChange?.("node condition set", { ...who(view), node, type, status: change.status });
    return c.json(view);
  });

  app.get(
    "/clusters/:namespace/:name/kubelet",
    async (c) => c.json(kubeletView(await host.command(refOf(c), { kind: "kubelet" }))),
  );
  app.put("/clusters/:namespace/:name/kubelet", async (c) => {
    const ref = refOf(c);
    const change = validate(KUBELET, await parseJsonBody(c));
    const timing = await host.command(ref, {
      kind: "kubelet",
      podStartDelayMs: change.podStartDelay,
      podStopDelayMs: change.podStopDelay,
    });
    await tell(host, hooks.onChange, "kubelet timing set", ref, kubeletView(timing));
    return c.json(kubeletView(timing));
  });
  // Node and leader-election Lease renewals for this cluster (the `--lease-renewal` default).
  app.put("/clusters/:namespace/:name/lease-renewal", async (c) => {
    const ref = refOf(c);
    const { enabled } = validate(LEASE_RENEWAL, await parseJsonBody(c));
    const leaseRenewal = await host.command(ref, { kind: "leaseRenewal", enabled });
    await tell(host, hooks.onChange, "lease renewal set", ref, { enabled });
    return c.json({ leaseRenewal });
  });
  app.get(
    "/clusters/:namespace/:name/lease-renewal",
    async (c) => c.json({ leaseRenewal: await host.command(refOf(c), { kind: "leaseRenewal" }) }),
  );

  for (const action of ["stop", "start"] as const) {
    app.post(
      `/clusters/:namespace/:name/listener/${action}`,
      async (c) => c.json(await host.command(refOf(c), { kind: "listener", action })),
    );
  }
}

/** The cluster and namespace fields of a log line about `cluster` (and its port when known). */
export function who(
  cluster: ClusterRef & { port?: number },
): { cluster: string; namespace: string; port?: number } {
  return {
    cluster: cluster.name,
    namespace: cluster.namespace,
    ...(cluster.port !== undefined ? { port: cluster.port } : {}),
  };
}

/** Tells `onChange` about a change of `ref`, with the cluster's port as every change line has. */
export async function tell(
  host: ClusterHost,
  onChange: ControlChangeListener | undefined,
  message: string,
  ref: ClusterRef,
  fields: Record<string, unknown>,
): Promise<void> {
  if (!onChange) return;
  // Read after the change: a cluster deleted meanwhile is logged without its port.
  const summary = await host.summary(ref);
  onChange(message, { ...who(summary ?? ref), ...fields });
}

/** The cluster a route names. */
export function refOf(c: Context): ClusterRef {
  const { namespace, name } = c.req.param() as { namespace: string; name: string };
  return { namespace, name };
}
