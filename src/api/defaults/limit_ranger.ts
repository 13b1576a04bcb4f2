// kube-apiserver's LimitRanger admission (on by default), its mutating half: a new Pod's containers
// get the default limits and requests of the Container items of every LimitRange in the namespace
// where they set none, and the Pod says so in the `kubernetes.io/limit-ranger` annotation.
// Source: k8s.io/kubernetes plugin/pkg/admission/limitranger/admission.go (v1.29–v1.36 alike):
// `defaultContainerResourceRequirements`, `mergeContainerResources`,
// `mergePodResourceRequirements`. Pod updates are not admitted (containers cannot change).

// deno-lint-ignore no-explicit-any
type Loose = any;

const ANNOTATION = "kubernetes.io/limit-ranger";

/** Applies each LimitRange of the Pod's namespace to its containers and init containers. */
export function admitLimitRanges(pod: Loose, limitRanges: readonly Loose[]): void {
  const namespace = pod.metadata?.namespace;
  for (const limitRange of limitRanges) {
    if (limitRange?.metadata?.namespace !== namespace) continue;
    mergePod(pod, containerDefaults(limitRange));
  }
}

// Later Container items win, as they overwrite one map upstream.
function containerDefaults(limitRange: Loose): { requests: Loose; limits: Loose } {
  const requests: Loose = {};
  const limits: Loose = {};
  const items = Array.isArray(limitRange.spec?.limits) ? limitRange.spec.limits : [];
  for (const item of items) {
    if (item?.type !== "Container") continue;
    Object.assign(requests, plain(item.defaultRequest));
    Object.assign(limits, plain(item.default));
  }
  return { requests, limits };
}

function mergePod(pod: Loose, defaults: { requests: Loose; limits: Loose }): void {
  const spec = pod.spec;
  if (!spec || typeof spec !== "object") return;
  const notes: string[] = [];
  for (const container of list(spec.containers)) merge(container, defaults, "container", notes);
  for (const container of list(spec.initContainers)) {
    merge(container, defaults, "init container", notes);
  }
  if (notes.length === 0) return;
  const metadata = pod.metadata ??= {};
  metadata.annotations = {
    ...metadata.annotations,
    [ANNOTATION]: `LimitRanger plugin set: ${notes.join("; ")}`,
  };
}

function merge(
  container: Loose,
  defaults: { requests: Loose; limits: Loose },
  prefix: string,
  notes: string[],
): void {
  if (!container || typeof container !== "object") return;
  const resources = container.resources && typeof container.resources === "object"
    ? container.resources
    : (container.resources = {});
  const fill = (field: "limits" | "requests", from: Loose): string[] => {
    const names = Object.keys(from);
    if (names.length === 0) return [];
    const current = plain(resources[field]);
    const set = names.filter((name) => !Object.hasOwn(current, name));
    if (set.length === 0) return [];
    const merged = { ...current };
    for (const name of set) merged[name] = from[name];
    resources[field] = merged;
    // Go's sort.Strings: byte order.
    return set.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  };
  const limits = fill("limits", defaults.limits);
  const requests = fill("requests", defaults.requests);
  if (requests.length > 0) {
    notes.push(`${requests.join(", ")} request for ${prefix} ${container.name}`);
  }
  if (limits.length > 0) notes.push(`${limits.join(", ")} limit for ${prefix} ${container.name}`);
}

function list(value: unknown): Loose[] {
  return Array.isArray(value) ? value : [];
}

function plain(value: unknown): Loose {
  return value && typeof value === "object" && !Array.isArray(value) ? value : {};
}
