// Control routes for fault injection: latency and error rates on a cluster's API by verb and resource.

import type { Hono } from "hono";
import { FaultRuleError, parseFaultRule } from "../faults/mod.ts";
import type { ClusterHost } from "../hosts/mod.ts";
import { refOf, tell } from "./cluster_routes.ts";
import type { ControlChangeListener } from "./control_change.ts";
import { ControlError } from "./control_error.ts";
import { parseJsonBody } from "./validation.ts";

/**
 * Adds `/clusters/{ns}/{name}/faults` (list, add, delete one, clear); a cluster holds at most
 * `maxRules` rules, so no control client can grow a plan (or the work per request) without bound.
 */
export function addFaultRoutes(
  app: Hono,
  host: ClusterHost,
  maxRules: number,
  onChange?: ControlChangeListener,
): void {
  const base = "/clusters/:namespace/:name/faults";
  app.get(base, async (c) => c.json({ faults: await host.command(refOf(c), { kind: "faults" }) }));
  app.post(base, async (c) => {
    const ref = refOf(c);
    let parsed;
    try {
      parsed = parseFaultRule(await parseJsonBody(c));
    } catch (error) {
      if (error instanceof FaultRuleError) throw new ControlError(400, error.message, error.field);
      throw error;
    }
    const rule = await host.command(ref, { kind: "addFault", rule: parsed, maxRules });
    await tell(host, onChange, "fault rule added", ref, { rule });
    return c.json(rule, 201);
  });
  app.delete(`${base}/:id`, async (c) => {
    const ref = refOf(c);
    const id = c.req.param("id");
    await host.command(ref, { kind: "removeFault", id });
    await tell(host, onChange, "fault rule removed", ref, { id });
    return c.json({ deleted: id });
  });
  app.delete(base, async (c) => {
    const ref = refOf(c);
    const rules = await host.command(ref, { kind: "clearFaults" });
    if (rules > 0) await tell(host, onChange, "fault rules cleared", ref, { rules });
    return c.json({ faults: [] });
  });
}
