// kube-apiserver's bootstrap RBAC policy of a minor, read from the generated table.
//
// kube-apiserver's `rbac/bootstrap-roles` post-start hook reconciles these objects at start
// (plugin/pkg/auth/authorizer/rbac/bootstrappolicy, pkg/registry/rbac/rest/storage_rbac.go).
// The parts below metadata (rules, aggregationRule, subjects, roleRef), and the labels and
// annotations, are parsed once per minor and shared, frozen, by every cluster of that minor: the
// store keeps them by reference, so ~130 objects per cluster cost their own metadata only. A
// write replaces an object (patches and updates build new ones), never changes it in place.

import { deepFreeze } from "../encoding/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import { BOOTSTRAP_POLICY_BY_MINOR, BOOTSTRAP_POLICY_OBJECTS } from "./bootstrap_policy_table.ts";
import { kubernetesMinor } from "../api/version/mod.ts";

const API_VERSION = "rbac.authorization.k8s.io/v1";
const AUTOUPDATE = "rbac.authorization.kubernetes.io/autoupdate";
const BOOTSTRAPPING = "kubernetes.io/bootstrapping";
const DEFAULT_MINOR = 33;

/** The minors the table covers, ascending. */
export const BOOTSTRAP_POLICY_MINORS: readonly number[] = Object.keys(BOOTSTRAP_POLICY_BY_MINOR)
  .map(Number).sort((a, b) => a - b);

interface Compact {
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
}

// One object of the table, parsed: what every cluster shares (frozen) and its name.
interface SharedPolicyObject {
  readonly kind: string;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly body: Readonly<Record<string, unknown>>;
}

const parsed = new Map<number, readonly SharedPolicyObject[]>();

/** The minor whose policy a version gets: its own, else the nearest older one, else the oldest. */
export function policyMinor(kubernetesVersion: string): number {
  const minor = kubernetesMinor(kubernetesVersion) ?? DEFAULT_MINOR;
  return BOOTSTRAP_POLICY_MINORS.filter((m) => m <= minor).pop() ?? BOOTSTRAP_POLICY_MINORS[0];
}

/**
 * Every default ClusterRole, ClusterRoleBinding, Role and RoleBinding of the version's minor, in
 * upstream order, with the `autoupdate` annotation and `rbac-defaults` label. Aggregated roles
 * (`admin`, `edit`, `view`, ...) come without rules: the aggregation controller fills them in.
 */
export function renderBootstrapPolicy(kubernetesVersion: string): KubeObject[] {
  return compactObjects(policyMinor(kubernetesVersion)).map(expand);
}

function compactObjects(minor: number): readonly SharedPolicyObject[] {
  let objects = parsed.get(minor);
  if (!objects) {
    objects = BOOTSTRAP_POLICY_BY_MINOR[minor].split(" ").map((index) =>
      share(JSON.parse(BOOTSTRAP_POLICY_OBJECTS[Number(index)]))
    );
    parsed.set(minor, objects);
  }
  return objects;
}

function share(compact: Compact): SharedPolicyObject {
  const { kind, metadata, ...body } = compact;
  return {
    kind,
    metadata: {
      name: metadata.name,
      ...(metadata.namespace ? { namespace: metadata.namespace } : {}),
      // Sorted as Go writes a map: an extra label may sort before the bootstrapping one.
      labels: deepFreeze(sortedRecord({ [BOOTSTRAPPING]: "rbac-defaults", ...metadata.labels })),
      annotations: deepFreeze(sortedRecord({ [AUTOUPDATE]: "true", ...metadata.annotations })),
    },
    body: deepFreeze(body),
  };
}

// A fresh object and metadata per cluster (the store writes uid and resourceVersion into its
// copy of the metadata); labels, annotations and everything below metadata are shared.
function expand(shared: SharedPolicyObject): KubeObject {
  return {
    apiVersion: API_VERSION,
    kind: shared.kind,
    metadata: { ...shared.metadata },
    ...shared.body,
  };
}

function sortedRecord(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a < b ? -1 : 1));
}
