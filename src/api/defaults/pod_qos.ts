// A new Pod's `status.qosClass`, as the Pod registry strategy computes it (pkg/apis/core/helper/qos).

// deno-lint-ignore no-explicit-any
type Loose = any;

// Only CPU and memory decide the class (qos.supportedQoSComputeResources).
const QOS_RESOURCES = ["cpu", "memory"] as const;

const SUFFIXES: Readonly<Record<string, number>> = {
  "": 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** A quantity's value (`500m` → 0.5, `1Gi` → 2^30), NaN when it does not parse. */
export function quantityValue(quantity: unknown): number {
  if (typeof quantity === "number") return quantity;
  if (typeof quantity !== "string") return NaN;
  const match = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|([a-zA-Z]*))$/.exec(quantity);
  if (!match) return NaN;
  const [, number, exponent, suffix = ""] = match;
  if (exponent) return Number(number + exponent);
  const scale = SUFFIXES[suffix];
  return scale === undefined ? NaN : Number(number) * scale;
}

/**
 * Guaranteed when every container limits CPU and memory and the summed requests equal the summed
 * limits; BestEffort when nothing requests or limits either; Burstable otherwise.
 */
export function podQOSClass(pod: Loose, minor: number): "Guaranteed" | "Burstable" | "BestEffort" {
  const spec = pod?.spec ?? {};
  const requests = new Map<string, number>();
  const limits = new Map<string, number>();
  let guaranteed = true;
  const containers: Loose[] = [];
  // Loops, not flatMap/every with callbacks: every Pod create computes its class, and those
  // builtins' call sites are megamorphic in the server.
  addAll(containers, spec.initContainers);
  addAll(containers, spec.containers);
  // PodLevelResources (on by default from 1.34): pod-level resources replace the containers'.
  const sources = minor >= 34 && spec.resources && typeof spec.resources === "object"
    ? [spec]
    : containers;
  for (const source of sources) {
    const resources = source?.resources ?? {};
    for (const name of QOS_RESOURCES) {
      const request = quantityValue(resources.requests?.[name]);
      if (request > 0) requests.set(name, (requests.get(name) ?? 0) + request);
      const limit = quantityValue(resources.limits?.[name]);
      if (limit > 0) limits.set(name, (limits.get(name) ?? 0) + limit);
    }
    const limited = source === spec && !resources.limits ? true : limitsEvery(resources);
    if (!limited) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return "BestEffort";
  if (!guaranteed || requests.size !== limits.size) return "Burstable";
  // Sums of parsed decimals: equal within rounding, as Quantity.Cmp is exact.
  for (const [name, value] of requests) {
    const limit = limits.get(name);
    if (limit === undefined || Math.abs(limit - value) > 1e-9 * Math.max(limit, value)) {
      return "Burstable";
    }
  }
  return "Guaranteed";
}

function addAll(to: Loose[], list: unknown): void {
  if (!Array.isArray(list)) return;
  for (let i = 0; i < list.length; i++) to.push(list[i]);
}

// Whether `resources` limits every QoS resource.
function limitsEvery(resources: Loose): boolean {
  for (const name of QOS_RESOURCES) {
    if (!(quantityValue(resources.limits?.[name]) > 0)) return false;
  }
  return true;
}
