// FkasMachine: waits for CAPI's preconditions, then boots the machine phase by phase after the
// configured delays (VM, node, etcd, API server), and removes it from its cluster when deleted.

import {
  ClusterError,
  isControlPlane,
  type NodeReport,
  type NodeTaint,
  parseDurationMs,
  type PhaseDelay,
} from "../cluster/mod.ts";
import { type ClusterRef, type ClusterSummary, HostError } from "../hosts/mod.ts";
import {
  bootstrapTaints,
  kubeadmControlPlaneReader,
  normalizeVersion,
  owningKcp,
} from "../management/mod.ts";
import { deepEqual, type KubeObject } from "../store/mod.ts";
import { type Condition, isTrue, setCondition } from "./conditions.ts";
import { type PhaseName, PHASES, planMachine, stableDraw } from "./machine_timeline.ts";
import {
  finalizersPatch,
  freshest,
  patchObject,
  type ProviderContext,
} from "./provider_context.ts";
import {
  BOOT_STARTED_ANNOTATION,
  CLUSTER_NAME_LABEL,
  FKAS_MACHINES,
  type FkasMachineSpec,
  MACHINE_FINALIZER,
  type ProvisioningSpec,
} from "./provider_kinds.ts";
import type { ReconcileResult } from "./reconcile_queue.ts";

interface CapiMachine extends KubeObject {
  spec?: { clusterName?: string; version?: string; bootstrap?: { dataSecretName?: string } };
}

/** Reconciles the FkasMachine `namespace/name`. */
export async function reconcileFkasMachine(
  context: ProviderContext,
  key: string,
): Promise<ReconcileResult | void> {
  const [namespace, name] = key.split("/");
  let object = freshest(context, context.fkasMachines, FKAS_MACHINES, namespace, name);
  if (!object) return;
  const owner = object.metadata.ownerReferences?.find((o) =>
    o.kind === "Machine" && o.apiVersion.startsWith("cluster.x-k8s.io/")
  );
  const capi = owner && context.machines.get(namespace, owner.name) as CapiMachine | undefined;
  const clusterName = object.metadata.labels?.[CLUSTER_NAME_LABEL] ?? capi?.spec?.clusterName;
  const ref: ClusterRef | undefined = clusterName ? { namespace, name: clusterName } : undefined;
  const cluster = ref && await context.host.summary(ref);

  if (object.metadata.deletionTimestamp) {
    if (ref && cluster) {
      await context.host.command(ref, { kind: "removeMachine", node: name });
      context.restored.get(cluster.resourceName)?.machines.delete(object.metadata.uid!);
    }
    for (const step of PHASES) {
      context.completedAt.delete(`${object.metadata.uid}/${step.condition}`);
    }
    if (object.metadata.finalizers?.includes(MACHINE_FINALIZER)) {
      await patchObject(
        context,
        FKAS_MACHINES,
        object,
        finalizersPatch(object, MACHINE_FINALIZER, false),
      );
    }
    return;
  }
  if (!object.metadata.finalizers?.includes(MACHINE_FINALIZER)) {
    object = await patchObject(
      context,
      FKAS_MACHINES,
      object,
      finalizersPatch(object, MACHINE_FINALIZER, true),
    );
  }
  let conditions = (object.status as { conditions?: Condition[] } | undefined)?.conditions ?? [];
  const now = context.now();
  // A machine that started booting never goes back to waiting: after a restart of fkas its
  // cluster may simply not be registered again yet (its FkasCluster reconcile wakes it).
  const bootStarted = object.metadata.annotations?.[BOOT_STARTED_ANNOTATION];
  const waiting = async (reason: string, message: string) => {
    if (bootStarted) return;
    await writeStatus(
      context,
      object!,
      setCondition(conditions, {
        type: "VMProvisioned",
        status: "False",
        reason,
        message,
      }, now),
      undefined,
    );
  };

  // CAPI's preconditions, as CAPD's in-memory backend checks them.
  if (!capi || !clusterName) return void await waiting("WaitingForMachineOwner", "");
  if (!cluster) {
    return void await waiting(
      "WaitingForClusterInfrastructureReady",
      `FkasCluster of ${namespace}/${clusterName} not provisioned yet`,
    );
  }
  if (!capi.spec?.bootstrap?.dataSecretName) {
    return void await waiting("WaitingForBootstrapData", "");
  }

  let started = Date.parse(bootStarted ?? "");
  if (Number.isNaN(started)) {
    started = now.getTime();
    object = await patchObject(context, FKAS_MACHINES, object, {
      metadata: { annotations: { [BOOT_STARTED_ANNOTATION]: now.toISOString() } },
    });
  }
  const spec = (object.spec ?? {}) as FkasMachineSpec;
  const providerID = `fkas://${namespace}/${name}`;
  const labels = capi.metadata.labels ?? {};
  const booting = !isTrue(conditions, "Ready");
  const report: NodeReport = {
    namespace,
    cluster: clusterName,
    nodeName: name,
    providerID,
    labels,
    kubernetesVersion: normalizeVersion(capi.spec.version),
    ...bootstrapTaints(labels),
    ...(booting ? await kcpTaints(context, cluster, capi) : {}),
  };
  const controlPlane = isControlPlane(report);

  // Phases a machine passed before this fake cluster existed (fkas restarted, or the cluster was
  // registered anew) are run again at once, once per cluster instance, not on every reconcile.
  let instance = context.restored.get(cluster.resourceName);
  if (instance?.incarnation !== cluster.incarnation) {
    instance = { incarnation: cluster.incarnation, machines: new Set<string>() };
    context.restored.set(cluster.resourceName, instance);
  }
  const restored = instance.machines;
  if (!restored.has(object.metadata.uid!)) {
    for (const step of PHASES) {
      if (step.phase !== "vm" && isTrue(conditions, step.condition)) {
        await runPhase(context, report, step.phase);
      }
    }
    restored.add(object.metadata.uid!);
  }
  const plan = planMachine({
    controlPlane,
    delays: {
      vm: delayOf(spec.vm),
      node: delayOf(spec.node),
      etcd: delayOf(spec.etcd),
      apiServer: delayOf(spec.apiServer),
    },
    conditions,
    bootStarted: started,
    now: now.getTime(),
    draw: (phase) => stableDraw(`${object!.metadata.uid}/${phase}`),
    completedAt: (condition) => context.completedAt.get(`${object!.metadata.uid}/${condition}`),
  });
  // A Machine whose version changed after its node registered (an in-place upgrade): the kubelet
  // reports the new version (the node phase of a registered node only applies the version).
  if (isTrue(conditions, "NodeProvisioned") && !plan.due.includes("node")) {
    await runPhase(context, report, "node");
  }
  for (const phase of plan.due) {
    if (phase === "vm" && spec.providerID !== providerID) {
      object = await patchObject(context, FKAS_MACHINES, object, { spec: { providerID } });
    }
    if (phase !== "vm") await runPhase(context, report, phase);
    const step = PHASES.find((p) => p.phase === phase)!;
    context.completedAt.set(`${object.metadata.uid}/${step.condition}`, now.getTime());
    conditions = setCondition(conditions, {
      type: step.condition,
      status: "True",
      reason: "Provisioned",
      observedGeneration: object.metadata.generation,
    }, now);
  }
  for (const step of PHASES) {
    if (step.controlPlaneOnly && !controlPlane) continue;
    if (!isTrue(conditions, step.condition)) {
      conditions = setCondition(conditions, {
        type: step.condition,
        status: "False",
        reason: "WaitingForStartupTimeout",
      }, now);
    }
  }
  await writeStatus(context, object, conditions, await nodeAddresses(context, report));
  return plan.nextInMs === undefined ? undefined : { requeueAfterMs: plan.nextInMs };
}

const kcpReaders = new WeakMap<object, ReturnType<typeof kubeadmControlPlaneReader>>();

// While a control plane boots, its KubeadmControlPlane says which taints its Node registers with
// (kubeadm's init configuration for the first one, join for the others) and where its API server
// listens; an unreadable KCP leaves kubeadm's defaults.
async function kcpTaints(
  context: ProviderContext,
  cluster: ClusterSummary,
  capi: CapiMachine,
): Promise<{ taints?: readonly NodeTaint[] }> {
  const kcpName = owningKcp(capi);
  if (!kcpName) return {};
  let read = kcpReaders.get(context.client);
  if (!read) kcpReaders.set(context.client, read = kubeadmControlPlaneReader(context.client));
  try {
    const kcp = await read(capi.metadata.namespace ?? "default", kcpName);
    if (!kcp) return {};
    let activated = cluster.activated;
    if (kcp.apiServerBindPort) {
      ({ activated } = await context.host.command(cluster, {
        kind: "apiServerBindPort",
        port: kcp.apiServerBindPort,
      }));
    }
    const taints = activated ? kcp.joinTaints : kcp.initTaints;
    return taints ? { taints } : {};
  } catch (error) {
    context.log("cannot read the KubeadmControlPlane, using kubeadm's defaults", {
      kubeadmControlPlane: `${capi.metadata.namespace}/${kcpName}`,
      error: error instanceof Error ? error.message : String(error),
    });
    return {};
  }
}

async function runPhase(context: ProviderContext, report: NodeReport, phase: PhaseName) {
  if (phase === "vm") return;
  try {
    await context.host.runPhase(report, phase);
  } catch (error) {
    if (error instanceof ClusterError && error.kind === "CaPending") {
      throw new Error(`waiting for the cluster's CAs: ${error.message}`);
    }
    throw error;
  }
}

function delayOf(spec: ProvisioningSpec | undefined): PhaseDelay {
  const duration = parseDurationMs(spec?.provisioning?.startupDuration ?? "0") ?? 0;
  const jitter = Number(spec?.provisioning?.startupJitter ?? 0);
  return { startupMs: duration, jitter: Number.isFinite(jitter) ? jitter : 0 };
}

async function nodeAddresses(context: ProviderContext, report: NodeReport) {
  const ref = { namespace: report.namespace, name: report.cluster };
  // A cluster deleted meanwhile has no node to show.
  const node = await context.host.command(ref, { kind: "node", node: report.nodeName }).catch(
    (error) => {
      if (error instanceof HostError && error.kind === "NotFound") return null;
      throw error;
    },
  );
  const internal = (node?.status as { addresses?: { type: string; address: string }[] } | undefined)
    ?.addresses?.find((a) => a.type === "InternalIP");
  if (!node) return undefined;
  return [
    { type: "Hostname", address: report.nodeName },
    ...(internal ? [{ type: "InternalIP", address: internal.address }] : []),
  ];
}

async function writeStatus(
  context: ProviderContext,
  object: KubeObject,
  conditions: Condition[],
  addresses: { type: string; address: string }[] | undefined,
): Promise<void> {
  const provisioned = isTrue(conditions, "VMProvisioned");
  const pending = conditions.find((c) => c.type !== "Ready" && c.status !== "True");
  const ready = setCondition(conditions, {
    type: "Ready",
    status: pending ? "False" : "True",
    reason: pending ? pending.reason : "Provisioned",
    message: pending ? `${pending.type}: ${pending.reason}` : "",
  }, context.now());
  const status: Record<string, unknown> = {
    ready: provisioned,
    initialization: { provisioned },
    conditions: ready,
    ...(addresses ? { addresses } : {}),
  };
  const current = (object.status ?? {}) as Record<string, unknown>;
  const same = Object.entries(status).every(([field, value]) => deepEqual(current[field], value));
  if (same) return;
  await patchObject(context, FKAS_MACHINES, object, { status }, "status");
}
