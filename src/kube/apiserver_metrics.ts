// `/metrics` of a fake cluster: kube-apiserver's Prometheus text (legacyregistry through promhttp,
// text format 0.0.4) with the families a fake cluster can report honestly: its stored objects per
// resource, its build and its start time. Wording, order and headers are kube-apiserver v1.36.3's
// (read from its /metrics); the hundreds of families about Go, etcd and request latencies that
// only a real process has are left out.

import type { Catalog } from "../resources/mod.ts";
import type { ObjectStore } from "../store/mod.ts";
import { kubernetesMinor } from "../api/version/mod.ts";
import { versionInfo } from "./version_info.ts";

/** promhttp's Content-Type for the text format (client_golang with escaping by underscores). */
export const METRICS_CONTENT_TYPE =
  "text/plain; version=0.0.4; charset=utf-8; escaping=underscores";

const OBJECTS_HELP =
  "Number of stored objects at the time of last check split by kind. In case of a fetching error, the value will be -1.";
const BUILD_HELP =
  "A metric with a constant '1' value labeled by major, minor, git version, git commit, git tree state, build date, Go version, and compiler from which Kubernetes was built, and platform on which it is running.";
// Core events and events.k8s.io events are one storage: kube-apiserver counts them as "".
const SHARED_STORAGE = new Set(["events.k8s.io"]);
// Listable but never stored: componentstatuses are probed when asked for.
const UNSTORED = new Set(["componentstatuses"]);

/** What the text reports about one cluster. */
export interface MetricsSource {
  readonly catalog: Catalog;
  readonly store: Pick<ObjectStore, "count">;
  readonly kubernetesVersion: string;
  /** When the cluster's API started serving, in seconds since the epoch. */
  readonly startedAtSeconds: number;
}

/** The metrics text, families sorted by name as the Prometheus gatherer sorts them. */
export function apiserverMetricsText(source: MetricsSource): string {
  const counts = objectCounts(source);
  const minor = kubernetesMinor(source.kubernetesVersion) ?? 36;
  const resourceObjects = [...counts].sort(([a], [b]) => compare(a, b));
  let text = "";
  if (minor >= 34) {
    text += family("apiserver_resource_objects", `[ALPHA] ${OBJECTS_HELP}`, "gauge");
    for (const [key, count] of resourceObjects) {
      const [group, resource] = splitKey(key);
      text += `apiserver_resource_objects{group="${group}",resource="${resource}"} ${count}\n`;
    }
  }
  const deprecated = minor >= 34
    ? "[STABLE] (Deprecated since 1.34.0) [DEPRECATED, consider using apiserver_resource_objects instead] "
    : "[STABLE] ";
  text += family("apiserver_storage_objects", deprecated + OBJECTS_HELP, "gauge");
  const storageObjects = resourceObjects.map(([key, count]) => {
    const [group, resource] = splitKey(key);
    return [group ? `${resource}.${group}` : resource, count] as const;
  }).sort(([a], [b]) => compare(a, b));
  for (const [name, count] of storageObjects) {
    text += `apiserver_storage_objects{resource="${name}"} ${count}\n`;
  }
  const info = versionInfo(source.kubernetesVersion);
  text += family("kubernetes_build_info", `[BETA] ${BUILD_HELP}`, "gauge");
  text += `kubernetes_build_info{build_date="${info.buildDate}",compiler="${info.compiler}",` +
    `git_commit="${info.gitCommit}",git_tree_state="${info.gitTreeState}",` +
    `git_version="${info.gitVersion}",go_version="${info.goVersion}",major="${info.major}",` +
    `minor="${info.minor}",platform="${info.platform}"} 1\n`;
  text += family(
    "process_start_time_seconds",
    "Start time of the process since unix epoch in seconds.",
    "gauge",
  );
  text += `process_start_time_seconds ${goFloat(source.startedAtSeconds)}\n`;
  return text;
}

function family(name: string, help: string, type: string): string {
  return `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n`;
}

// Stored objects per storage key (`group/resource`), every listable resource once.
function objectCounts(source: MetricsSource): Map<string, number> {
  const counts = new Map<string, number>();
  for (const resource of source.catalog.all()) {
    // Reviews and the like are never stored (no list).
    if (!resource.verbs.includes("list") || UNSTORED.has(resource.name)) continue;
    const group = SHARED_STORAGE.has(resource.group) ? "" : resource.group;
    const key = `${group}/${resource.name}`;
    if (counts.has(key) && !SHARED_STORAGE.has(resource.group)) continue; // another version
    counts.set(key, (counts.get(key) ?? 0) + source.store.count(resource));
  }
  return counts;
}

function splitKey(key: string): [string, string] {
  const at = key.indexOf("/");
  return [key.slice(0, at), key.slice(at + 1)];
}

// Go sorts label values as bytes.
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * strconv.FormatFloat(v, 'g', -1, 64), as the text format writes values: the shortest digits, in
 * exponent form (two exponent digits at least) when the exponent is below -4 or at least 6.
 */
export function goFloat(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf";
  if (value === 0) return Object.is(value, -0) ? "-0" : "0";
  const [mantissa, power] = value.toExponential().split("e"); // shortest round-trip digits
  const exp = Number(power);
  if (exp >= -4 && exp < 6) return String(value);
  return `${mantissa}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
}
