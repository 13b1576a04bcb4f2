// Control routes for a cluster's fake etcd: members, leader, alarms, learners, a client certificate.

import type { Hono } from "hono";
import * as v from "valibot";
import type { ClusterRegistry } from "../cluster/mod.ts";
import { EtcdError, GrpcCode, setAlarm, setLeader, setLearner, snapshotOf } from "../etcd/mod.ts";
import { issueClientCertificate } from "../pki/mod.ts";
import { findCluster } from "./cluster_routes.ts";
import { ControlError } from "./control_error.ts";
import { parseJsonBody, validate } from "./validation.ts";

// `null` leaves the cluster leaderless (a chaos test of KCP's "no leader" handling).
const LEADER = v.object({
  member: v.nullable(v.pipe(v.string("must be a member name or null"), v.nonEmpty())),
});
const LEARNER = v.object({ learner: v.boolean("must be true or false") });
const ALARMS = ["NOSPACE", "CORRUPT"] as const;
const ETCD_CLIENT_NAME = "fkas-etcdctl";

/** Adds `/clusters/{ns}/{name}/etcd` routes. */
export function addEtcdRoutes(app: Hono, registry: ClusterRegistry, now: () => Date): void {
  const base = "/clusters/:namespace/:name/etcd";
  // A fresh client certificate for etcdctl, signed by the cluster's etcd CA (which the fake etcd
  // requires of clients), with the CA to trust: what kubeadm's healthcheck-client is for.
  app.get("/clusters/:namespace/:name/etcd-client-certificate", async (c) => {
    const cluster = findCluster(registry, c);
    if (!cluster.hasCas) {
      throw new ControlError(503, `cluster ${cluster.resourceName} is ${cluster.caStatus}`);
    }
    const client = await issueClientCertificate(cluster.etcdCa, {
      commonName: ETCD_CLIENT_NAME,
      organizations: [],
      now: now(),
    });
    return c.json({
      commonName: ETCD_CLIENT_NAME,
      ca: cluster.etcdCa.certPem,
      cert: client.certPem,
      key: client.keyPem,
    });
  });
  app.get(base, (c) => c.json(snapshotOf(findCluster(registry, c).etcd)));
  app.put(`${base}/leader`, async (c) => {
    const cluster = findCluster(registry, c);
    const { member } = validate(LEADER, await parseJsonBody(c));
    etcdCall(() => setLeader(cluster.etcd, member));
    return c.json(snapshotOf(cluster.etcd));
  });
  app.put(`${base}/members/:member/learner`, async (c) => {
    const cluster = findCluster(registry, c);
    const { learner } = validate(LEARNER, await parseJsonBody(c));
    etcdCall(() => setLearner(cluster.etcd, c.req.param("member"), learner));
    return c.json(snapshotOf(cluster.etcd));
  });
  for (const [method, active] of [["put", true], ["delete", false]] as const) {
    app[method](`${base}/members/:member/alarms/:alarm`, (c) => {
      const cluster = findCluster(registry, c);
      const alarm = c.req.param("alarm").toUpperCase();
      if (!(ALARMS as readonly string[]).includes(alarm)) {
        throw new ControlError(400, `alarm: must be one of ${ALARMS.join(", ")}`, "alarm");
      }
      etcdCall(() =>
        setAlarm(cluster.etcd, c.req.param("member"), alarm as typeof ALARMS[number], active)
      );
      return c.json(snapshotOf(cluster.etcd));
    });
  }
}

// etcd's own refusals become the control API's: unknown member 404, a refused change 409.
function etcdCall(operation: () => void): void {
  try {
    operation();
  } catch (error) {
    if (!(error instanceof EtcdError)) throw error;
    throw new ControlError(error.code === GrpcCode.NotFound ? 404 : 409, error.message, undefined, {
      cause: error,
    });
  }
}
