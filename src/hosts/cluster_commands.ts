// Runs one `ClusterCommand` on a cluster of this thread: the work behind the control API's
// cluster routes, shared by every placement that holds clusters itself (in-process, worker).

import {
  type ClusterRegistry,
  deleteMachine,
  type FakeCluster,
  removeMachine,
  renderCaSecrets,
  setNodeCondition,
} from "../cluster/mod.ts";
import { EtcdError, GrpcCode, setAlarm, setLeader, setLearner, snapshotOf } from "../etcd/mod.ts";
import { issueClientCertificate } from "../pki/mod.ts";
import { BUILTIN_CATALOG } from "../resources/mod.ts";
import type {
  ClusterCommand,
  ClusterCommandKind,
  ClusterCommandResult,
  EtcdControlChange,
  StaticPodRow,
  TrafficSource,
} from "./cluster_host.ts";
import { clusterView } from "./cluster_view.ts";
import { unservedFaultResource } from "./fault_resource.ts";
import { HostError } from "./host_error.ts";

const PODS = BUILTIN_CATALOG.byKey("pods")!;
// The kubelet marks the API copy of a static pod (its "mirror pod") with this annotation.
const MIRROR_ANNOTATION = "kubernetes.io/config.mirror";
const ETCD_CLIENT_NAME = "fkas-etcdctl";

/** What commands need besides the cluster. */
export interface CommandContext {
  readonly registry: ClusterRegistry;
  /** The wall clock for certificates. */
  readonly now: () => Date;
  /** Where the clusters' traffic is counted, if anywhere. */
  readonly traffic?: TrafficSource;
}

type Runner<K extends ClusterCommandKind> = (
  cluster: FakeCluster,
  command: ClusterCommand<K>,
  context: CommandContext,
) => ClusterCommandResult<K> | Promise<ClusterCommandResult<K>>;

// One runner per kind; the mapped type makes a missing kind a type error.
const RUNNERS: { [K in ClusterCommandKind]: Runner<K> } = {
  kubeconfig: (cluster, _, { registry }) => registry.adminKubeconfig(cluster),
  caSecrets: (cluster) => renderCaSecrets(cluster),
  async etcdClientCertificate(cluster, _, { now }) {
    if (!cluster.hasCas) {
      throw new HostError("Unavailable", `cluster ${cluster.resourceName} is ${cluster.caStatus}`);
    }
    // Signed by the cluster's etcd CA (which the fake etcd requires of clients): what kubeadm's
    // healthcheck-client is for.
    const client = await issueClientCertificate(cluster.etcdCa, {
      commonName: ETCD_CLIENT_NAME,
      organizations: [],
      now: now(),
    });
    return {
      commonName: ETCD_CLIENT_NAME,
      ca: cluster.etcdCa.certPem,
      cert: client.certPem,
      key: client.keyPem,
    };
  },
  deleteNode: (cluster, { node }) => cluster.queue.run(() => deleteMachine(cluster, node)),
  removeMachine: (cluster, { node }) => cluster.queue.run(() => removeMachine(cluster, node)),
  node: (cluster, { node }) => cluster.nodeNamed(node) ?? null,
  async setNodeCondition(cluster, { node, condition, now }) {
    await cluster.queue.run(() => setNodeCondition(cluster, node, condition, new Date(now)));
    return clusterView(cluster);
  },
  // Settings go through the registry, which journals them (`--data-dir`) before the answer.
  async kubelet(cluster, { podStartDelayMs, podStopDelayMs }, { registry }) {
    if (podStartDelayMs !== undefined || podStopDelayMs !== undefined) {
      await cluster.queue.run(() =>
        registry.changeSettings(cluster, { podStartDelayMs, podStopDelayMs })
      );
    }
    const { podStartDelayMs: start, podStopDelayMs: stop } = cluster.kubeletTiming;
    return { podStartDelayMs: start, podStopDelayMs: stop };
  },
  leaseRenewal(cluster, { enabled }, { registry }) {
    if (enabled !== undefined) registry.changeSettings(cluster, { leaseRenewal: enabled });
    return cluster.leaseRenewal;
  },
  async listener(cluster, { action }, { registry }) {
    await cluster.queue.run(() => registry.listeners[action](cluster));
    return clusterView(cluster);
  },
  faults: (cluster) => cluster.faults.list(),
  addFault(cluster, { rule, maxRules }) {
    const unserved = unservedFaultResource(rule.resource, cluster.catalog.all());
    if (unserved) throw new HostError("Invalid", unserved, "resource");
    // A bounded plan: no control client can grow the work per request without limit.
    if (cluster.faults.size >= maxRules && !cluster.faults.has(rule.id)) {
      throw new HostError(
        "Conflict",
        `${cluster.resourceName} already holds ${maxRules} fault rules (--max-fault-rules): delete one first`,
      );
    }
    cluster.faults.add(rule);
    return rule;
  },
  removeFault(cluster, { id }) {
    if (!cluster.faults.remove(id)) {
      throw new HostError("NotFound", `no fault ${id} in ${cluster.resourceName}`);
    }
  },
  clearFaults(cluster) {
    const rules = cluster.faults.size;
    cluster.faults.clear();
    return rules;
  },
  etcd(cluster, { change }) {
    if (change) changeEtcd(cluster, change);
    return snapshotOf(cluster.etcd);
  },
  apiServerBindPort(cluster, { port }, { registry }) {
    registry.changeSettings(cluster, { apiServerBindPort: port });
    return { activated: cluster.activated };
  },
  trafficMinutes: (cluster, _, { traffic }) => traffic?.byMinute(cluster.resourceName) ?? [],
  staticPods: (cluster) => staticPods(cluster),
};

/** Runs `command` on `cluster`. */
export function runClusterCommand<K extends ClusterCommandKind>(
  cluster: FakeCluster,
  command: ClusterCommand<K>,
  context: CommandContext,
): Promise<ClusterCommandResult<K>> {
  // A kind from another thread may be anything: look it up as an own property only.
  const runner = Object.hasOwn(RUNNERS, command.kind)
    ? RUNNERS[command.kind] as unknown as Runner<K>
    : undefined;
  if (!runner) {
    return Promise.reject(new HostError("Invalid", `unknown command ${String(command.kind)}`));
  }
  try {
    return Promise.resolve(runner(cluster, command, context));
  } catch (error) {
    return Promise.reject(error);
  }
}

// etcd's own refusals become the host's: an unknown member is NotFound, a refused change Conflict.
function changeEtcd(cluster: FakeCluster, change: EtcdControlChange): void {
  try {
    if ("leader" in change) setLeader(cluster.etcd, change.leader);
    else if ("learner" in change) setLearner(cluster.etcd, change.member, change.learner);
    else setAlarm(cluster.etcd, change.member, change.alarm, change.active);
  } catch (error) {
    if (!(error instanceof EtcdError)) throw error;
    const kind = error.code === GrpcCode.NotFound ? "NotFound" : "Conflict";
    throw new HostError(kind, error.message, undefined, { cause: error });
  }
}

function staticPods(cluster: FakeCluster): StaticPodRow[] {
  const rows: StaticPodRow[] = [];
  for (const pod of cluster.store.list(PODS, "kube-system")) {
    if (pod.metadata.annotations?.[MIRROR_ANNOTATION] === undefined) continue;
    const spec = pod.spec as { nodeName?: string } | undefined;
    const status = pod.status as
      | { phase?: string; conditions?: { type: string; status: string }[] }
      | undefined;
    rows.push({
      name: pod.metadata.name ?? "",
      node: spec?.nodeName,
      phase: status?.phase,
      ready: status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false,
    });
  }
  return rows;
}
