// The warnings of a pod's volumes whose files land on the same path (pkg/api/pod/warnings.go
// warningsForOverlappingVirtualPaths, from v1.32): two keys written to one file, or a file where
// another wants a directory, in one configMap, secret, downwardAPI or projected volume.
//
// Source: k8s.io/kubernetes v1.36.3 pkg/api/pod/warnings.go (v1.32.13 has it without podCertificate
// sources, which came in v1.34; v1.31.14 has none of it).

import { goQuote } from "../encoding/mod.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

/**
 * A file's path and, in a projected volume, the source that writes it: its kind ("" outside
 * projected volumes) and the object it names (quoted only when a warning shows it).
 */
interface PathAndSource {
  readonly path: string;
  readonly kind: string;
  readonly name?: string;
}

// Upstream compares every path with every earlier one of its volume; a client's thousands of
// items would make that quadratic work (and its warnings) a denial of service, so comparisons
// past this budget per pod are skipped, each warning found costing WARNING_COST of it: at most
// 1,000 warnings. No real pod comes near; the Warning header carries ~100 texts at most anyway.
const COMPARISON_BUDGET = 200_000;
const WARNING_COST = 200;

/** The comparisons a pod's volumes may still spend. */
interface Budget {
  left: number;
}

const list = (value: unknown): Loose[] => Array.isArray(value) ? value : [];

// pathAndSource.String.
const show = (p: PathAndSource) =>
  p.kind === ""
    ? goQuote(p.path)
    : `${goQuote(p.path)} (${p.name === undefined ? p.kind : `${p.kind} ${goQuote(p.name)}`})`;

// The projection sources kube-apiserver knows (an object with none of them is "no sources").
const PROJECTION_SOURCES = [
  "configMap",
  "secret",
  "downwardAPI",
  "serviceAccountToken",
  "clusterTrustBundle",
  "podCertificate",
];

/** The overlapping paths of every volume, in the cluster's `minor` (none before v1.32). */
export function volumePathWarnings(volumes: Loose, minor: number): string[] {
  if (minor < 32) return [];
  const warnings: string[] = [];
  const budget: Budget = { left: COMPARISON_BUDGET };
  const all = list(volumes);
  for (let i = 0; i < all.length; i++) {
    const volume = all[i];
    const configMap = volume?.configMap, secret = volume?.secret;
    const downwardAPI = volume?.downwardAPI, projected = volume?.projected;
    if (Array.isArray(configMap?.items)) {
      for (const body of mappingOverlaps(pathsOf(configMap.items, ""), budget)) {
        warnings.push(overlap(volume, `ConfigMap ${goQuote(String(configMap.name ?? ""))}`, body));
      }
    }
    if (Array.isArray(secret?.items)) {
      for (const body of mappingOverlaps(pathsOf(secret.items, ""), budget)) {
        warnings.push(overlap(volume, `Secret ${goQuote(String(secret.secretName ?? ""))}`, body));
      }
    }
    if (Array.isArray(downwardAPI?.items)) {
      for (const body of mappingOverlaps(pathsOf(downwardAPI.items, ""), budget)) {
        warnings.push(overlap(volume, "DownwardAPI", body));
      }
    }
    if (projected != null) {
      // A frozen source never changes (every Pod's token volume shares one): once it gave no
      // warning, it gives none, at the cost in comparisons it had (so the budget runs as it did).
      const frozen = typeof projected === "object" && Object.isFrozen(projected);
      const known = frozen ? quietFrozen(minor).get(projected) : undefined;
      if (known !== undefined && budget.left > known) {
        budget.left -= known;
        continue;
      }
      const before = warnings.length, left = budget.left;
      projectedWarnings(projected, minor, budget, warnings, volume);
      // Remembered only when the budget lasted throughout (then it answers alike when it lasts).
      if (frozen && warnings.length === before && budget.left > 0) {
        quietFrozen(minor).set(projected, left - budget.left);
      }
    }
  }
  return warnings;
}

// A volume's overlap warning (no closure per volume and write: every Pod create and update
// comes through here, most with one token volume that never warns).
function overlap(volume: Loose, description: string, body: string): string {
  return `volume ${
    goQuote(String(volume?.name ?? ""))
  } (${description}): overlapping paths: ${body}`;
}

// Per minor, frozen projected sources that gave no warning, with the comparisons they cost.
const QUIET_FROZEN = new Map<number, WeakMap<object, number>>();

function quietFrozen(minor: number): WeakMap<object, number> {
  let quiet = QUIET_FROZEN.get(minor);
  if (quiet === undefined) QUIET_FROZEN.set(minor, quiet = new WeakMap());
  return quiet;
}

// checkProjectedVolumeSources: each source's paths against the ones before them.
function projectedWarnings(
  projected: Loose,
  minor: number,
  budget: Budget,
  warnings: string[],
  volume: Loose,
): void {
  const seen: PathAndSource[] = [];
  for (const source of list(projected.sources)) {
    if (!PROJECTION_SOURCES.some((key) => source?.[key] != null)) {
      warnings.push(
        `volume ${goQuote(String(volume?.name ?? ""))} (Projected) has no sources provided`,
      );
      continue;
    }
    for (const found of sourcePaths(source, minor)) {
      const needle = { path: trimSlashes(found.path), kind: found.kind, name: found.name };
      for (const other of overlapsWith(seen, needle, budget)) {
        warnings.push(overlap(volume, "Projected", `${show(needle)} with ${show(other)}`));
      }
      seen.push(needle);
    }
  }
}

// The first source kind a projection names, in upstream's switch order.
function sourcePaths(source: Loose, minor: number): PathAndSource[] {
  const { configMap, secret, downwardAPI, serviceAccountToken, clusterTrustBundle } = source;
  if (Array.isArray(configMap?.items)) {
    return pathsOf(configMap.items, "ConfigMap", String(configMap.name ?? ""));
  }
  if (Array.isArray(secret?.items)) {
    return pathsOf(secret.items, "Secret", String(secret.name ?? ""));
  }
  if (Array.isArray(downwardAPI?.items)) return pathsOf(downwardAPI.items, "DownwardAPI");
  if (serviceAccountToken != null) {
    return [{ path: String(serviceAccountToken.path ?? ""), kind: "ServiceAccountToken" }];
  }
  if (clusterTrustBundle != null) {
    const name = String(clusterTrustBundle.name ?? clusterTrustBundle.signerName ?? "");
    return [{ path: String(clusterTrustBundle.path ?? ""), kind: "ClusterTrustBundle", name }];
  }
  const certificate = source.podCertificate;
  if (minor < 34 || certificate == null) return [];
  const paths: PathAndSource[] = [];
  const add = (path: unknown, what: string) => {
    if (typeof path === "string" && path !== "") {
      paths.push({ path, kind: `PodCertificate ${what}` });
    }
  };
  add(certificate.certificateChainPath, "chain");
  add(certificate.keyPath, "key");
  add(certificate.credentialBundlePath, "credential bundle");
  return paths;
}

function pathsOf(items: Loose[], kind: string, name?: string): PathAndSource[] {
  return items.map((item) => ({ path: String(item?.path ?? ""), kind, name }));
}

// strings.TrimRight(path, "/").
function trimSlashes(path: string): string {
  if (path.charCodeAt(path.length - 1) !== 0x2f) return path;
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 0x2f) end--;
  return path.slice(0, end);
}

// checkVolumeMappingForOverlap: each path against the ones before it.
function mappingOverlaps(paths: PathAndSource[], budget: Budget): string[] {
  const bodies: string[] = [];
  const seen: PathAndSource[] = [];
  for (const found of paths) {
    const needle = { path: trimSlashes(found.path), kind: found.kind, name: found.name };
    for (const other of overlapsWith(seen, needle, budget)) {
      bodies.push(`${show(needle)} with ${show(other)}`);
    }
    seen.push(needle);
  }
  return bodies;
}

// checkForOverlap: the same path and source, or one path a directory of the other ("/" always).
function overlapsWith(
  haystack: PathAndSource[],
  needle: PathAndSource,
  budget: Budget,
): PathAndSource[] {
  if (needle.path === "" || budget.left <= 0) return [];
  budget.left -= haystack.length;
  const found: PathAndSource[] = [];
  for (const item of haystack) {
    if (item.path === "") continue;
    // `item == needle`, or one path plus "/" a prefix of the other plus "/".
    if (
      (item.path === needle.path && item.kind === needle.kind && item.name === needle.name) ||
      within(item.path, needle.path) || within(needle.path, item.path)
    ) {
      found.push(item);
      budget.left -= WARNING_COST;
    }
  }
  return found;
}

// strings.HasPrefix(inner+"/", outer+"/") without building either string.
function within(inner: string, outer: string): boolean {
  return inner === outer ||
    (inner.startsWith(outer) && inner.charCodeAt(outer.length) === 0x2f);
}
