// Control routes for fault injection: latency and error rates on a cluster's API by verb and resource.

import type { Hono } from "hono";
import type { ClusterRegistry } from "../cluster/mod.ts";
import { FaultRuleError, parseFaultRule } from "../faults/mod.ts";
import { findCluster, who } from "./cluster_routes.ts";
import type { ControlChangeListener } from "./control_change.ts";
import { ControlError } from "./control_error.ts";
import { unservedFaultResource } from "./fault_resource.ts";
import { parseJsonBody } from "./validation.ts";

/**
 * Adds `/clusters/{ns}/{name}/faults` (list, add, delete one, clear); a cluster holds at most
 * `maxRules` rules, so no control client can grow a plan (or the work per request) without bound.
 */
export function addFaultRoutes(
  app: Hono,
  registry: ClusterRegistry,
  maxRules: number,
  onChange?: ControlChangeListener,
): void {
  const base = "/clusters/:namespace/:name/faults";
  app.get(base, (c) => c.json({ faults: findCluster(registry, c).faults.list() }));
  app.post(base, async (c) => {
    const cluster = findCluster(registry, c);
    let rule;
    try {
      rule = parseFaultRule(await parseJsonBody(c));
    } catch (error) {
      if (error instanceof FaultRuleError) throw new ControlError(400, error.message, error.field);
      throw error;
    }
    const unserved = unservedFaultResource(rule.resource, cluster.catalog.all());
    if (unserved) throw new ControlError(400, unserved, "resource");
    if (cluster.faults.size >= maxRules && !cluster.faults.has(rule.id)) {
      throw new ControlError(
        409,
        `${cluster.resourceName} already holds ${maxRules} fault rules (--max-fault-rules): delete one first`,
      );
    }
    cluster.faults.add(rule);
    onChange?.("fault rule added", { ...who(cluster), rule });
    return c.json(rule, 201);
  });
  app.delete(`${base}/:id`, (c) => {
    const cluster = findCluster(registry, c);
    const id = c.req.param("id");
    if (!cluster.faults.remove(id)) {
      throw new ControlError(404, `no fault ${id} in ${cluster.resourceName}`);
    }
    onChange?.("fault rule removed", { ...who(cluster), id });
    return c.json({ deleted: id });
  });
  app.delete(base, (c) => {
    const cluster = findCluster(registry, c);
    const rules = cluster.faults.size;
    cluster.faults.clear();
    if (rules > 0) onChange?.("fault rules cleared", { ...who(cluster), rules });
    return c.json({ faults: [] });
  });
}
