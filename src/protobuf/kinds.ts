// The apiVersion/kind pairs fkas decodes, and the compiled message descriptors behind them.

import { compileMessages, type MessageDescriptor } from "./descriptor.ts";
import { APPS_V1 } from "./messages/apps_v1.ts";
import { COORDINATION_V1 } from "./messages/coordination_v1.ts";
import { CORE_V1 } from "./messages/core_v1.ts";
import { CORE_V1_POD } from "./messages/core_v1_pod.ts";
import { META_V1 } from "./messages/meta_v1.ts";
import { POLICY_V1 } from "./messages/policy_v1.ts";
import { RBAC_V1 } from "./messages/rbac_v1.ts";
import { SPECIAL_CODECS } from "./special_types.ts";

/** Kinds with a protobuf decoder, by apiVersion; each kind's message has the kind's name. */
export const SUPPORTED_KINDS: Readonly<Record<string, readonly string[]>> = {
  v1: [
    "Secret",
    "ConfigMap",
    "Namespace",
    "Node",
    "Pod",
    "Service",
    "ServiceAccount",
    "Endpoints",
    "Event",
    "DeleteOptions",
  ],
  "rbac.authorization.k8s.io/v1": ["Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding"],
  "policy/v1": ["Eviction", "PodDisruptionBudget"],
  "apps/v1": ["Deployment", "DaemonSet"],
  "coordination.k8s.io/v1": ["Lease"],
  "meta.k8s.io/v1": ["DeleteOptions"],
};

const MESSAGES = compileMessages(
  [META_V1, CORE_V1, CORE_V1_POD, RBAC_V1, POLICY_V1, APPS_V1, COORDINATION_V1],
  SPECIAL_CODECS,
);

/** The descriptor for a top-level apiVersion/kind, or undefined when fkas has no decoder for it. */
export function kindMessage(apiVersion: string, kind: string): MessageDescriptor | undefined {
  // metav1.AddToGroupVersion registers DeleteOptions in every group version, so a typed client
  // deleting an apps/v1 object may label the body "apps/v1 DeleteOptions".
  if (
    kind === "DeleteOptions" ||
    (Object.hasOwn(SUPPORTED_KINDS, apiVersion) && SUPPORTED_KINDS[apiVersion].includes(kind))
  ) {
    return MESSAGES.get(kind);
  }
  return undefined;
}
