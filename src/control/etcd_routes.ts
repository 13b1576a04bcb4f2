// Control routes for a cluster's fake etcd: members, leader, alarms, learners, a client certificate.

import type { Hono } from "hono";
import * as v from "valibot";
import type { ClusterHost } from "../hosts/mod.ts";
import { refOf } from "./cluster_routes.ts";
import { ControlError } from "./control_error.ts";
import { parseJsonBody, validate } from "./validation.ts";

// `null` leaves the cluster leaderless (a chaos test of KCP's "no leader" handling).
const LEADER = v.object({
  member: v.nullable(v.pipe(v.string("must be a member name or null"), v.nonEmpty())),
});
const LEARNER = v.object({ learner: v.boolean("must be true or false") });
const ALARMS = ["NOSPACE", "CORRUPT"] as const;

/** Adds `/clusters/{ns}/{name}/etcd` routes. */
export function addEtcdRoutes(app: Hono, host: ClusterHost): void {
  const base = "/clusters/:namespace/:name/etcd";
  // A fresh client certificate for etcdctl with the CA to trust.
  app.get(
    "/clusters/:namespace/:name/etcd-client-certificate",
    async (c) => c.json(await host.command(refOf(c), { kind: "etcdClientCertificate" })),
  );
  app.get(base, async (c) => c.json(await host.command(refOf(c), { kind: "etcd" })));
  app.put(`${base}/leader`, async (c) => {
    const ref = refOf(c);
    const { member } = validate(LEADER, await parseJsonBody(c));
    return c.json(await host.command(ref, { kind: "etcd", change: { leader: member } }));
  });
  app.put(`${base}/members/:member/learner`, async (c) => {
    const ref = refOf(c);
    const { learner } = validate(LEARNER, await parseJsonBody(c));
    const member = c.req.param("member");
    return c.json(await host.command(ref, { kind: "etcd", change: { member, learner } }));
  });
  for (const [method, active] of [["put", true], ["delete", false]] as const) {
    app[method](`${base}/members/:member/alarms/:alarm`, async (c) => {
      const ref = refOf(c);
      const alarm = c.req.param("alarm").toUpperCase();
      if (!(ALARMS as readonly string[]).includes(alarm)) {
        throw new ControlError(400, `alarm: must be one of ${ALARMS.join(", ")}`, "alarm");
      }
      const change = {
        member: c.req.param("member"),
        alarm: alarm as typeof ALARMS[number],
        active,
      };
      return c.json(await host.command(ref, { kind: "etcd", change }));
    });
  }
}
