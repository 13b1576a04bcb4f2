// The simulated kube-controller-manager loops, scheduler and kubelets one cluster runs, in order.

import type { KubeObject, StoreChange } from "../store/mod.ts";
import type { ControllerContext } from "./controller_context.ts";
import { CronJobController } from "./cronjob/mod.ts";
import { DaemonSetController } from "./daemonset/mod.ts";
import { DeploymentController } from "./deployment/mod.ts";
import { DisruptionController } from "./disruption/mod.ts";
import { EndpointsController } from "./endpoints/mod.ts";
import { JobController } from "./job/mod.ts";
import { FakeKubelets } from "./kubelet/mod.ts";
import { DEFAULT_NODE_CIDR_MASK_SIZE, NodeIpam } from "./node_ipam/mod.ts";
import { NodeLifecycleController } from "./node_lifecycle/mod.ts";
import { ReplicaSetController } from "./replicaset/mod.ts";
import { Scheduler } from "./scheduler/mod.ts";
import { StatefulSetController } from "./statefulset/mod.ts";

/** A controller driven by store changes: `sync` at start-up per object, `observe` per change. */
export interface StoreDrivenController {
  sync(resource: string, object: KubeObject): void;
  observe(change: StoreChange): void;
  /** Cancels timers, if the controller keeps any. */
  stop?(): void;
}

/** The workload controllers, node IPAM first so that kubelets find pod CIDRs. */
export function workloadControllers(context: ControllerContext): StoreDrivenController[] {
  return [
    new NodeIpam(
      context,
      context.options.clusterCidr ?? "10.244.0.0/16",
      context.options.nodeCidrMaskSize ?? DEFAULT_NODE_CIDR_MASK_SIZE,
    ),
    new NodeLifecycleController(context),
    new DeploymentController(context),
    new ReplicaSetController(context),
    new DaemonSetController(context),
    new StatefulSetController(context),
    new JobController(context),
    new CronJobController(context),
    new EndpointsController(context),
    new DisruptionController(context),
    new Scheduler(context),
    new FakeKubelets(context),
  ];
}
