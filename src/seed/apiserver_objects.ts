// What kube-apiserver itself creates once it serves: the bootstrap RBAC policy, the APF defaults,
// `default/kubernetes`.

import type { SeedObject } from "./activation.ts";
import { resourceKeyOf } from "./activation.ts";
import { renderApfBootstrap } from "./apf_bootstrap.ts";
import { renderBootstrapPolicy } from "./bootstrap_policy.ts";
import type { ClusterShape } from "./cluster_shape.ts";
import { renderKubernetesService } from "./kubernetes_service.ts";
import { renderSystemPriorityClasses } from "./system_priority_classes.ts";

/**
 * The objects kube-apiserver's post-start hooks create (`rbac/bootstrap-roles` when
 * `bootstrapPolicy`, `priority-and-fairness-config-producer`, `scheduling/bootstrap-system-priority-classes`,
 * the kubernetes Service controller),
 * before kubeadm's own; the Endpoints follow the control planes (see
 * src/controllers/kubernetes_endpoints.ts).
 */
export function renderApiServerObjects(
  shape: Pick<ClusterShape, "kubernetesVersion" | "serviceSubnet" | "now">,
  apiServerPort: number,
  bootstrapPolicy = true,
): SeedObject[] {
  return [
    ...(bootstrapPolicy ? renderBootstrapPolicy(shape.kubernetesVersion) : []),
    ...renderApfBootstrap(shape.kubernetesVersion, shape.now),
    ...renderSystemPriorityClasses(),
    renderKubernetesService(shape.serviceSubnet, apiServerPort),
  ].map((object) => ({ resourceKey: resourceKeyOf(object), object }));
}
