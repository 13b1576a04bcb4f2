// SetDefaults_* of the smaller groups as data: k8s.io/kubernetes pkg/apis/<group>/<version>/defaults.go.
//
// rbac/v1, storage/v1, networking/v1, discovery/v1, scheduling/v1, autoscaling/v1 and v2,
// admissionregistration/v1, flowcontrol/v1; checked against v1.29.6–v1.36.3.

import type { StructDefaults } from "./defaults_walker.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

const RBAC = "rbac.authorization.k8s.io";
const roleRefGroup: StructDefaults = {
  apply: (binding) => {
    if (binding.roleRef && typeof binding.roleRef === "object") binding.roleRef.apiGroup ||= RBAC;
  },
};

const WEBHOOK_FILL = {
  failurePolicy: "Fail",
  matchPolicy: "Equivalent",
  namespaceSelector: {},
  objectSelector: {},
  timeoutSeconds: 10,
};

// autoscaling/v2 defaultHPAScaleUpRules / defaultHPAScaleDownRules.
const SCALE_UP = {
  stabilizationWindowSeconds: 0,
  selectPolicy: "Max",
  policies: [
    { type: "Pods", value: 4, periodSeconds: 15 },
    { type: "Percent", value: 100, periodSeconds: 15 },
  ],
};
const SCALE_DOWN = {
  selectPolicy: "Max",
  policies: [{ type: "Percent", value: 100, periodSeconds: 15 }],
};

// copyHPAScalingRules: each set field of the given rules replaces the default's.
function scalingRules(given: Loose, defaults: Loose): Loose {
  const rules = structuredClone(defaults);
  if (!given || typeof given !== "object") return rules;
  for (const field of ["selectPolicy", "stabilizationWindowSeconds", "policies", "tolerance"]) {
    if (given[field] != null) rules[field] = given[field];
  }
  return rules;
}

/** The smaller groups' structs' defaulting, by struct reference. */
export const OTHER_DEFAULTS: Readonly<Record<string, StructDefaults>> = {
  "rbac.v1.ClusterRoleBinding": roleRefGroup,
  "rbac.v1.RoleBinding": roleRefGroup,
  "rbac.v1.Subject": {
    apply: (subject) => {
      if (subject.apiGroup) return;
      // A ServiceAccount's group is "", which `omitempty` leaves out of the stored object.
      if (subject.kind === "ServiceAccount") delete subject.apiGroup;
      else if (subject.kind === "User" || subject.kind === "Group") subject.apiGroup = RBAC;
    },
  },
  "storage.v1.StorageClass": { fill: { reclaimPolicy: "Delete", volumeBindingMode: "Immediate" } },
  "storage.v1.CSIDriverSpec": {
    apply: (spec) => {
      spec.attachRequired ??= true;
      spec.podInfoOnMount ??= false;
      spec.storageCapacity ??= false;
      spec.fsGroupPolicy ??= "ReadWriteOnceWithFSType";
      if (!Array.isArray(spec.volumeLifecycleModes) || spec.volumeLifecycleModes.length === 0) {
        spec.volumeLifecycleModes = ["Persistent"];
      }
      spec.requiresRepublish ??= false;
      // SELinuxMountReadWriteOncePod: beta and on by default in every supported release.
      spec.seLinuxMount ??= false;
    },
  },
  "networking.v1.NetworkPolicyPort": { fill: { protocol: "TCP" } },
  "networking.v1.NetworkPolicy": {
    apply: (policy) => {
      const spec = policy.spec;
      if (!spec || typeof spec !== "object") return;
      if (Array.isArray(spec.policyTypes) && spec.policyTypes.length > 0) return;
      spec.policyTypes = Array.isArray(spec.egress) && spec.egress.length > 0
        ? ["Ingress", "Egress"]
        : ["Ingress"];
    },
  },
  "networking.v1.IngressClass": {
    apply: (ingressClass) => {
      const parameters = ingressClass.spec?.parameters;
      if (parameters && typeof parameters === "object") parameters.scope ??= "Cluster";
    },
  },
  "discovery.v1.EndpointPort": {
    apply: (port) => void (port.name ??= "", port.protocol ??= "TCP"),
  },
  "scheduling.v1.PriorityClass": { fill: { preemptionPolicy: "PreemptLowerPriority" } },
  // SetDefaults_FlowSchemaSpec: an unset (zero) precedence is 1000.
  "flowcontrol.v1.FlowSchemaSpec": {
    apply: (spec) => void (spec.matchingPrecedence ||= 1000),
  },
  "autoscaling.v1.HorizontalPodAutoscaler": {
    apply: (hpa) => {
      if (!hpa.spec || typeof hpa.spec !== "object") return;
      hpa.spec.minReplicas ??= 1;
      // Converted to the internal type, a v1 HPA without a CPU target gets the 80 % CPU metric,
      // which converts back as targetCPUUtilizationPercentage.
      hpa.spec.targetCPUUtilizationPercentage ??= 80;
    },
  },
  "autoscaling.v2.HorizontalPodAutoscaler": {
    apply: (hpa) => {
      const spec = hpa.spec;
      if (!spec || typeof spec !== "object") return;
      spec.minReplicas ??= 1;
      if (!Array.isArray(spec.metrics) || spec.metrics.length === 0) {
        spec.metrics = [{
          type: "Resource",
          resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } },
        }];
      }
      if (spec.behavior && typeof spec.behavior === "object") {
        spec.behavior.scaleUp = scalingRules(spec.behavior.scaleUp, SCALE_UP);
        spec.behavior.scaleDown = scalingRules(spec.behavior.scaleDown, SCALE_DOWN);
      }
    },
  },
  "admissionregistration.v1.ValidatingWebhook": { fill: WEBHOOK_FILL },
  "admissionregistration.v1.MutatingWebhook": {
    fill: { ...WEBHOOK_FILL, reinvocationPolicy: "Never" },
  },
  // SetDefaults_Rule, on the Rule that RuleWithOperations inlines.
  "admissionregistration.v1.RuleWithOperations": { fill: { scope: "*" } },
  "admissionregistration.v1.ServiceReference": { fill: { port: 443 } },
  "admissionregistration.v1.ValidatingAdmissionPolicySpec": { fill: { failurePolicy: "Fail" } },
  "admissionregistration.v1.MatchResources": {
    fill: { matchPolicy: "Equivalent", namespaceSelector: {}, objectSelector: {} },
  },
};
