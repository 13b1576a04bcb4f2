// Per-kind validation as data: what each kind checks past its metadata, on create and on update.
//
// Each row names the upstream `Validate<Kind>` / `Validate<Kind>Update` it follows (kubernetes
// v1.33, pkg/apis/*/validation and the registry strategies). `order` says in which order an
// update's errors come, since the upstream functions call each other differently.

import {
  validateEndpointSlice,
  validateHorizontalPodAutoscaler,
  validateIngressClass,
  validateIngressClassUpdate,
  validateWebhookConfiguration,
} from "./api_kinds.ts";
import { validatePersistentVolumeClaimUpdate } from "./claim_update.ts";
import { validateCertificateSigningRequest } from "./certificate_requests.ts";
import { validateAdmissionPolicy, validateCSIDriver, validateFlowSchema } from "./config_kinds.ts";
import {
  validateLimitRange,
  validatePersistentVolume,
  validatePersistentVolumeClaim,
  validateReplicationController,
  validateResourceQuota,
} from "./core_storage_kinds.ts";
import {
  validateLease,
  validatePodDisruptionBudget,
  validatePriorityClass,
  validatePriorityClassUpdate,
  validateRuntimeClass,
  validateRuntimeClassUpdate,
  validateStorageClass,
  validateStorageClassUpdate,
  validateVolumeAttachment,
} from "./cluster_kinds.ts";
import { validateCoreEvent, validateEventsV1 } from "./events.ts";
import {
  validateConfigMap,
  validateConfigMapUpdate,
  validateSecret,
  validateSecretUpdate,
} from "./config_data.ts";
import {
  validateNodeTaints,
  validatePodUpdate,
  validateService,
  validateServiceUpdate,
} from "./core_kinds.ts";
import type { FieldError } from "./field_error.ts";
import { validateIngress, validateNetworkPolicy } from "./networking_kinds.ts";
import { validatePodSpec } from "./pod_spec.ts";
import { validateBinding, validateBindingUpdate, validateRole } from "./rbac_kinds.ts";
import { validateCronJob, validateJob, validateJobUpdate } from "./batch_jobs.ts";
import { validateWorkloadSpec, validateWorkloadUpdate } from "./workloads.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

/**
 * How an update's errors are ordered: `spec` runs the kind's create checks past metadata;
 * `create` runs metadata and those checks as a create would (upstream calls `Validate<Kind>`
 * from `Validate<Kind>Update`).
 */
export type UpdateOrder =
  | "metaUpdate,spec,update"
  | "metaUpdate,update,create"
  | "metaUpdate,create,update"
  | "create,metaUpdate,update";

/** What a kind checks besides its metadata. */
export interface KindRules {
  /** Checks past metadata, on create and on update. */
  readonly spec?: (object: Loose, minor: number) => FieldError[];
  /** Checks that compare with the stored object. */
  readonly update?: (object: Loose, old: Loose, minor: number) => FieldError[];
  /** The order of an update's errors; `metaUpdate,spec,update` unless given. */
  readonly order?: UpdateOrder;
}

const workload = (key: string): KindRules => ({
  spec: (object, minor) => validateWorkloadSpec(key, object, minor),
  update: (object, old, minor) => validateWorkloadUpdate(key, object, old, minor),
});

/** The kinds with rules past metadata, by storage key. */
export const KIND_RULES: Readonly<Record<string, KindRules>> = {
  // ValidateConfigMap / ValidateConfigMapUpdate
  configmaps: {
    spec: validateConfigMap,
    update: validateConfigMapUpdate,
    order: "metaUpdate,update,create",
  },
  // ValidateSecret / ValidateSecretUpdate
  secrets: {
    spec: validateSecret,
    update: validateSecretUpdate,
    order: "metaUpdate,update,create",
  },
  // ValidatePodCreate (validatePodMetadataAndSpec) / ValidatePodUpdate
  pods: {
    spec: (pod, minor) => validatePodSpec(pod.spec ?? {}, minor, "spec"),
    update: validatePodUpdate,
    order: "metaUpdate,create,update",
  },
  // ValidateServiceUpdate: cluster IPs first, then ValidateService
  services: {
    spec: validateService,
    update: validateServiceUpdate,
    order: "metaUpdate,update,create",
  },
  // ValidatePersistentVolumeClaimUpdate: the metadata update, ValidatePersistentVolumeClaim,
  // then what may change (kube-apiserver v1.36.3 reports each cause once)
  persistentvolumeclaims: {
    spec: validatePersistentVolumeClaim,
    update: validatePersistentVolumeClaimUpdate,
    order: "metaUpdate,create,update",
  },
  // ValidatePersistentVolume(Spec), ValidateResourceQuota, ValidateLimitRange,
  // ValidateReplicationController (creates; their updates check the same)
  persistentvolumes: { spec: validatePersistentVolume },
  resourcequotas: { spec: validateResourceQuota },
  limitranges: { spec: validateLimitRange },
  replicationcontrollers: { spec: validateReplicationController },
  // ValidateNode's taints; an update runs ValidateNode, then ValidateNodeUpdate, which checks the
  // taints again (two equal causes, one message).
  nodes: {
    spec: validateNodeTaints,
    update: (node, _old, minor) => validateNodeTaints(node, minor),
    order: "create,metaUpdate,update",
  },
  // ValidateEventCreate through /api/v1 (legacyValidateEvent)
  events: { spec: validateCoreEvent },
  "apps/deployments": workload("apps/deployments"),
  "apps/replicasets": workload("apps/replicasets"),
  "apps/daemonsets": workload("apps/daemonsets"),
  "apps/statefulsets": workload("apps/statefulsets"),
  // ValidateJobUpdate (ValidateJobSpecUpdate)
  "batch/jobs": { spec: validateJob, update: validateJobUpdate },
  // ValidateCronJobCreate: the name limit and the job template
  "batch/cronjobs": { spec: validateCronJob },
  // ValidateNetworkPolicy / ValidateNetworkPolicyUpdate (the metadata update, then the spec)
  "networking.k8s.io/networkpolicies": { spec: validateNetworkPolicy },
  // ValidateIngressCreate / ValidateIngressUpdate (the metadata update, then validateIngress)
  "networking.k8s.io/ingresses": {
    spec: (ingress) => validateIngress(ingress),
    order: "metaUpdate,create,update",
  },
  // ValidateEventCreate through events.k8s.io/v1 (strict)
  "events.k8s.io/events": { spec: validateEventsV1 },
  // ValidateIngressClass / ValidateIngressClassUpdate
  "networking.k8s.io/ingressclasses": {
    spec: validateIngressClass,
    update: validateIngressClassUpdate,
    order: "metaUpdate,update,create",
  },
  // ValidateEndpointSlice(Update)
  "discovery.k8s.io/endpointslices": { spec: validateEndpointSlice },
  // ValidateHorizontalPodAutoscaler(Update), one internal type behind v1 and v2
  "autoscaling/horizontalpodautoscalers": { spec: validateHorizontalPodAutoscaler },
  // ValidatePodDisruptionBudget (policy/v1)
  "policy/poddisruptionbudgets": { spec: validatePodDisruptionBudget },
  // ValidateStorageClass, ValidateVolumeAttachment(V1)
  // The strategy runs ValidateStorageClass, then ValidateStorageClassUpdate.
  "storage.k8s.io/storageclasses": {
    spec: validateStorageClass,
    update: validateStorageClassUpdate,
    order: "create,metaUpdate,update",
  },
  "storage.k8s.io/volumeattachments": { spec: validateVolumeAttachment },
  // ValidateRuntimeClass
  // The strategy runs ValidateRuntimeClass, then ValidateRuntimeClassUpdate.
  "node.k8s.io/runtimeclasses": {
    spec: validateRuntimeClass,
    update: validateRuntimeClassUpdate,
    order: "create,metaUpdate,update",
  },
  // ValidatePriorityClass / ValidatePriorityClassUpdate
  "scheduling.k8s.io/priorityclasses": {
    spec: validatePriorityClass,
    update: validatePriorityClassUpdate,
  },
  // ValidateLease
  "coordination.k8s.io/leases": { spec: validateLease },
  // ValidateCertificateSigningRequestCreate
  "certificates.k8s.io/certificatesigningrequests": { spec: validateCertificateSigningRequest },
  // ValidateValidatingWebhookConfiguration / ValidateMutatingWebhookConfiguration
  "admissionregistration.k8s.io/validatingwebhookconfigurations": {
    spec: (configuration, minor) => validateWebhookConfiguration(configuration, false, minor),
  },
  "admissionregistration.k8s.io/mutatingwebhookconfigurations": {
    spec: (configuration, minor) => validateWebhookConfiguration(configuration, true, minor),
  },
  // ValidateCSIDriver, ValidateValidatingAdmissionPolicy, ValidateFlowSchema
  "storage.k8s.io/csidrivers": { spec: validateCSIDriver },
  "admissionregistration.k8s.io/validatingadmissionpolicies": { spec: validateAdmissionPolicy },
  "flowcontrol.apiserver.k8s.io/flowschemas": { spec: validateFlowSchema },
  // ValidateRole(Update), ValidateClusterRole(Update): ValidateRole, then the metadata update
  "rbac.authorization.k8s.io/roles": {
    spec: (role) => validateRole(role, true),
    order: "create,metaUpdate,update",
  },
  "rbac.authorization.k8s.io/clusterroles": {
    spec: (role) => validateRole(role, false),
    order: "create,metaUpdate,update",
  },
  // ValidateRoleBinding(Update), ValidateClusterRoleBinding(Update)
  "rbac.authorization.k8s.io/rolebindings": {
    spec: (binding) => validateBinding(binding, true),
    update: validateBindingUpdate,
    order: "create,metaUpdate,update",
  },
  "rbac.authorization.k8s.io/clusterrolebindings": {
    spec: (binding) => validateBinding(binding, false),
    update: validateBindingUpdate,
    order: "create,metaUpdate,update",
  },
};

/**
 * Kinds whose strategy refuses unconditional updates (`AllowUnconditionalUpdate() == false` in
 * k8s.io/kubernetes pkg/registry, v1.33): an update must carry `metadata.resourceVersion`.
 */
export const CONDITIONAL_UPDATE_ONLY: ReadonlySet<string> = new Set([
  "coordination.k8s.io/leases",
  "policy/poddisruptionbudgets",
  "storage.k8s.io/csidrivers",
  "storage.k8s.io/csinodes",
  "storage.k8s.io/csistoragecapacities",
  "storage.k8s.io/volumeattachments",
  "admissionregistration.k8s.io/mutatingwebhookconfigurations",
  "admissionregistration.k8s.io/validatingwebhookconfigurations",
  "certificates.k8s.io/clustertrustbundles",
  "node.k8s.io/runtimeclasses",
]);
