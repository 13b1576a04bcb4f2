// The status conditions the namespace controller reports while a namespace's content is removed.

/** What is left in a namespace being deleted: objects per resource storage key, per finalizer. */
export interface RemainingContent {
  readonly resources: ReadonlyMap<string, number>;
  readonly finalizers: ReadonlyMap<string, number>;
}

/** A `status.conditions[]` entry of a Namespace. */
export interface NamespaceCondition {
  type: string;
  status: "True" | "False";
  lastTransitionTime: string;
  reason: string;
  message: string;
}

// Upstream pkg/controller/namespace/deletion/status_condition_utils.go, as clusters report it.
const OK: [type: string, reason: string, message: string][] = [
  [
    "NamespaceDeletionDiscoveryFailure",
    "ResourcesDiscovered",
    "All resources successfully discovered",
  ],
  [
    "NamespaceDeletionGroupVersionParsingFailure",
    "ParsedGroupVersions",
    "All legacy kube types successfully parsed",
  ],
  [
    "NamespaceDeletionContentFailure",
    "ContentDeleted",
    "All content successfully deleted, may be waiting on finalization",
  ],
  ["NamespaceContentRemaining", "ContentRemoved", "All content successfully removed"],
  [
    "NamespaceFinalizersRemaining",
    "ContentHasNoFinalizers",
    "All content-preserving finalizers finished",
  ],
];

/**
 * The five deletion conditions for what remains, merged into `previous` as upstream
 * `updateConditions` does: other conditions are kept; a transition time changes with status only.
 */
export function namespaceDeletionConditions(
  remaining: RemainingContent,
  previous: readonly NamespaceCondition[],
  now: string,
): NamespaceCondition[] {
  const wanted = OK.map(([type, reason, message]): NamespaceCondition => ({
    type,
    status: "False",
    lastTransitionTime: now,
    reason,
    message,
  }));
  const resources = listed(remaining.resources, (key) => `${displayName(key)} has`);
  if (resources) {
    Object.assign(wanted[3], {
      status: "True",
      reason: "SomeResourcesRemain",
      message: `Some resources are remaining: ${resources}`,
    });
  }
  const finalizers = listed(remaining.finalizers, (name) => `${name} in`);
  if (finalizers) {
    Object.assign(wanted[4], {
      status: "True",
      reason: "SomeFinalizersRemain",
      message: `Some content in the namespace has finalizers remaining: ${finalizers}`,
    });
  }
  const merged = previous.map((condition) => ({ ...condition }));
  for (const condition of wanted) {
    const old = merged.find((c) => c.type === condition.type);
    if (!old) merged.push(condition);
    else if (old.status !== condition.status) Object.assign(old, condition);
    else Object.assign(old, { reason: condition.reason, message: condition.message });
  }
  return merged;
}

function listed(counts: ReadonlyMap<string, number>, label: (key: string) => string): string {
  return [...counts].filter(([, n]) => n > 0).map(([key, n]) =>
    `${label(key)} ${n} resource instances`
  )
    .sort().join(", ");
}

// `apps/deployments` → `deployments.apps`; core resources keep the trailing dot (`pods.`).
function displayName(storageKey: string): string {
  const slash = storageKey.lastIndexOf("/");
  return `${storageKey.slice(slash + 1)}.${slash < 0 ? "" : storageKey.slice(0, slash)}`;
}
