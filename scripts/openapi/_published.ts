// Reads kube-apiserver's published OpenAPI v3 `paths` of one group version as a default server of
// that release serves them, and lists where another `paths` object differs.
//
// The published files (k8s.io/kubernetes@<release> api/openapi-spec/v3) come from a server run
// with AllAlpha, AllBeta and every API on (hack/update-openapi-spec.sh): the CBOR media types its
// CBORServingAndStorage gate adds are removed, and so are the paths of resources and subresources
// the given catalog (what a default server serves) lacks.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";
import type { Catalog } from "../../src/resources/mod.ts";

// deno-lint-ignore no-explicit-any
type Json = any;

/** Where the published spec of a release lives, if its module is in the Go module cache. */
export function publishedSpecDir(release: string): string | undefined {
  const roots = [process.env.GOMODCACHE, process.env.HOME && join(process.env.HOME, "go/pkg/mod")]
    .concat(["/root/go/pkg/mod"]);
  for (const root of roots) {
    const dir = root && join(root, `k8s.io/kubernetes@${release}`, "api/openapi-spec/v3");
    if (dir && existsSync(dir)) return dir;
  }
  return undefined;
}

/** The published `paths` of a document (`api/v1`, `apis/<group>/<version>`, `apis`...), as a default server serves them. */
export function readPublishedPaths(dir: string, groupVersionPath: string, catalog: Catalog): Json {
  const file = join(dir, `${groupVersionPath.replaceAll("/", "__")}_openapi.json`);
  const paths: Json = JSON.parse(readFileSync(file, "utf8")).paths;
  // Root documents (`api`, `apis`, `apis/<group>`, `version`, OIDC) are served whole.
  if (!/^(api\/[^/]+|apis\/[^/]+\/[^/]+)$/.test(groupVersionPath)) return withoutCbor(paths);
  const [group, version] = groupVersionPath.startsWith("api/")
    ? ["", groupVersionPath.slice(4)]
    : groupVersionPath.slice(5).split("/");
  const out: Json = {};
  for (const [path, item] of Object.entries<Json>(paths)) {
    if (served(catalog, group, version, path)) out[path] = withoutCbor(item);
  }
  return out;
}

function served(catalog: Catalog, group: string, version: string, path: string): boolean {
  const prefix = group ? `/apis/${group}/${version}/` : `/api/${version}/`;
  let rest = path.slice(prefix.length);
  if (rest === "") return true;
  rest = rest.replace(/^watch\//, "").replace(/^namespaces\/\{namespace\}\//, "");
  const [name, , sub] = rest.split("/");
  const resource = catalog.find(group, version, name);
  if (!resource) return false;
  return sub === undefined || resource.subresources.some((s) => s.name === sub);
}

function withoutCbor(value: Json): Json {
  if (Array.isArray(value)) return value.map(withoutCbor);
  if (!value || typeof value !== "object") return value;
  const out: Json = {};
  for (const [key, inner] of Object.entries(value)) {
    if (!key.includes("cbor")) out[key] = withoutCbor(inner);
  }
  return out;
}

/** Where `actual` differs from `expected`: missing or extra keys, different values, by JSON path. */
export function pathDifferences(expected: Json, actual: Json, at = ""): string[] {
  if (Array.isArray(expected) || Array.isArray(actual)) {
    if (!Array.isArray(expected) || !Array.isArray(actual)) return [`${at}: type differs`];
    if (expected.length !== actual.length) {
      const names = (list: Json[]) => list.map((x) => x?.name ?? JSON.stringify(x)).join(",");
      return [`${at}: [${names(expected)}] expected, [${names(actual)}] served`];
    }
    return expected.flatMap((e, i) => pathDifferences(e, actual[i], `${at}/${i}`));
  }
  if (expected && typeof expected === "object" && actual && typeof actual === "object") {
    const out: string[] = [];
    for (const key of Object.keys(expected)) {
      if (!(key in actual)) out.push(`${at}/${key}: missing`);
      else out.push(...pathDifferences(expected[key], actual[key], `${at}/${key}`));
    }
    for (const key of Object.keys(actual)) if (!(key in expected)) out.push(`${at}/${key}: extra`);
    return out;
  }
  if (expected !== actual) {
    const short = (v: Json) => JSON.stringify(v)?.slice(0, 80);
    return [`${at}: ${short(expected)} expected, ${short(actual)} served`];
  }
  return [];
}
