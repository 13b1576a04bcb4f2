// Seeded generators of hostile requests for the fuzz test: paths, query strings, bodies and patches,
// mostly mutations of valid Kubernetes requests so that they reach deep into the handlers.
import { stringify as toYaml } from "yaml";
import { encodeKubernetesProtobuf } from "../../src/protobuf/mod.ts";

/** A number in [0, 1), from a seeded generator. */
export type Random = () => number;

/** One generated request for a cluster endpoint. */
export interface FuzzRequest {
  readonly method: string;
  readonly target: string;
  readonly headers: Record<string, string>;
  readonly body: Uint8Array;
}

const encoder = new TextEncoder();
const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)];
const chance = (random: Random, p: number) => random() < p;
const int = (random: Random, max: number) => Math.floor(random() * max);

// The namespace of the objects the fuzzer must never reach; no generator names it.
export const KEPT_NAMESPACE = "kept";
const NAMESPACES = ["fuzz", "default", "kube-system", "fuzz-2", "", "KUBE", "a.b"];
const NAMES = ["a", "fuzz-1", "x", "coredns", "kube-proxy", "", "-", "A", "n".repeat(300)];
const RESOURCES = [
  ["", "v1", "configmaps", true],
  ["", "v1", "secrets", true],
  ["", "v1", "pods", true],
  ["", "v1", "services", true],
  ["", "v1", "events", true],
  ["", "v1", "serviceaccounts", true],
  ["", "v1", "nodes", false],
  ["", "v1", "namespaces", false],
  ["apps", "v1", "deployments", true],
  ["apps", "v1", "daemonsets", true],
  ["coordination.k8s.io", "v1", "leases", true],
  ["rbac.authorization.k8s.io", "v1", "clusterrolebindings", false],
  ["rbac.authorization.k8s.io", "v1", "roles", true],
  ["apiextensions.k8s.io", "v1", "customresourcedefinitions", false],
  ["policy", "v1", "poddisruptionbudgets", true],
  ["storage.k8s.io", "v1", "volumeattachments", false],
  ["apps", "v1", "statefulsets", true],
  ["authorization.k8s.io", "v1", "selfsubjectaccessreviews", false],
  ["authorization.k8s.io", "v1", "localsubjectaccessreviews", true],
  ["authorization.k8s.io", "v1", "selfsubjectrulesreviews", false],
  ["authentication.k8s.io", "v1", "tokenreviews", false],
] as const;
const SUBRESOURCES = [
  "status",
  "eviction",
  "scale",
  "token",
  "log",
  "exec",
  "portforward",
  "proxy",
  "x",
];
// Identities a request may ask for: impersonated users (always with a user: groups alone are
// kube-apiserver's own 500) and bearer tokens, which a certificate client's request ignores.
const IMPERSONATED = [
  "alice",
  "system:serviceaccount:fuzz:a",
  "system:serviceaccount::",
  "system:anonymous",
  "system:serviceaccount:kept:x",
  "%zz",
];
const BEARERS = [
  "Bearer x",
  "Bearer a.b.c",
  "bearer  ",
  "Basic Zm9vOmJhcg==",
  "Bearer eyJhbGciOiJub25lIn0.e30.",
];
const FIXED_PATHS = [
  "/",
  "/api",
  "/apis",
  "/api/v1",
  "/apis/apps/v1",
  "/version",
  "/healthz",
  "/livez",
  "/readyz",
  "/openapi/v2",
  "/openapi/v3",
  "/openapi/v3/api/v1",
  "/metrics",
];
const PATH_MUTATIONS = ["..", ".", "%2e%2e", "%ZZ", "%", "%ff", "%00", "", "%C3%A9", "a/b", "%2F"];
const QUERY_KEYS = [
  "labelSelector",
  "fieldSelector",
  "limit",
  "continue",
  "resourceVersion",
  "resourceVersionMatch",
  "timeoutSeconds",
  "watch",
  "allowWatchBookmarks",
  "sendInitialEvents",
  "propagationPolicy",
  "gracePeriodSeconds",
  "orphanDependents",
  "dryRun",
  "fieldManager",
  "fieldValidation",
  "force",
  "pretty",
  "container",
  "tailLines",
  "%ZZ",
  "",
];
const QUERY_VALUES = [
  "",
  "1",
  "0",
  "-1",
  "true",
  "True",
  "false",
  "x",
  "99999999999999999999",
  "1e3",
  "a=b",
  "a in (b,c)",
  "!a",
  "a!=",
  "((",
  "a=b,c notin (d)",
  "metadata.name=x",
  "spec.nodeName=n",
  "metadata.namespace!=fuzz",
  "=",
  "All",
  "Background",
  "Orphan",
  "Foreground",
  "Strict",
  "Warn",
  "NotOlderThan",
  "Exact",
  "%ZZ",
  "%",
  "eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6MSwic3RhcnQiOiJhIn0",
  "x".repeat(2000),
];

/** A path aimed at the API, sometimes broken in the ways a file server would "fix". */
export function fuzzPath(random: Random): string {
  if (chance(random, 0.1)) return pick(random, FIXED_PATHS) + (chance(random, 0.3) ? "/" : "");
  const [group, version, resource, namespaced] = pick(random, RESOURCES);
  const segments = group === "" ? ["api", version] : ["apis", group, version];
  if (namespaced && chance(random, 0.8)) segments.push("namespaces", pick(random, NAMESPACES));
  segments.push(resource);
  if (chance(random, 0.6)) segments.push(pick(random, NAMES));
  if (chance(random, 0.2)) segments.push(pick(random, SUBRESOURCES));
  for (let n = int(random, 3); n > 0; n--) {
    segments.splice(int(random, segments.length + 1), 0, pick(random, PATH_MUTATIONS));
  }
  return "/" + segments.join("/") + (chance(random, 0.1) ? "/" : "");
}

/** A query string of known and unknown options with hostile values. */
export function fuzzQuery(random: Random): string {
  const parts: string[] = [];
  for (let n = int(random, 4); n > 0; n--) {
    parts.push(`${pick(random, QUERY_KEYS)}=${encodeValue(random, pick(random, QUERY_VALUES))}`);
  }
  return parts.length === 0 ? "" : "?" + parts.join("&");
}

function encodeValue(random: Random, value: string): string {
  return chance(random, 0.2) ? value : encodeURIComponent(value);
}

/** A valid object of some kind, in namespace `fuzz`, to mutate. */
export function validObject(random: Random): Record<string, unknown> {
  const name = pick(random, ["fuzz-1", "fuzz-2", "x"]);
  const metadata = { name, namespace: "fuzz", labels: { app: "fuzz" } };
  const templates: Record<string, unknown>[] = [
    { apiVersion: "v1", kind: "ConfigMap", metadata, data: { a: "b" } },
    { apiVersion: "v1", kind: "Secret", metadata, type: "Opaque", data: { a: "Yg==" } },
    {
      apiVersion: "v1",
      kind: "Pod",
      metadata,
      spec: { containers: [{ name: "c", image: "busybox", ports: [{ containerPort: 80 }] }] },
    },
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata,
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: "fuzz" } },
        template: {
          metadata: { labels: { app: "fuzz" } },
          spec: { containers: [{ name: "c", image: "busybox" }] },
        },
      },
    },
    {
      apiVersion: "v1",
      kind: "Node",
      metadata: { name, labels: { a: "b" } },
      spec: { taints: [{ key: "k", effect: "NoSchedule" }] },
    },
    { apiVersion: "v1", kind: "Namespace", metadata: { name: `fuzz-${int(random, 3)}` } },
    {
      apiVersion: "coordination.k8s.io/v1",
      kind: "Lease",
      metadata,
      spec: { holderIdentity: "h", leaseDurationSeconds: 40 },
    },
  ];
  return structuredClone(pick(random, templates));
}

/** A hostile value: wrong types, deep nesting, big strings and arrays, prototype keys. */
export function hostileValue(random: Random): unknown {
  switch (int(random, 12)) {
    case 0:
      return [1, 2];
    case 1:
      return { a: 1 };
    case 2:
      return null;
    case 3:
      return true;
    case 4:
      return -1.5e308;
    case 5:
      return "x".repeat(int(random, 200_000));
    case 6:
      return Array.from({ length: int(random, 5_000) }, (_, i) => i);
    case 7:
      return JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": 1}}');
    case 8:
      return deepValue(random, 5 + int(random, 30));
    case 9:
      return { "": "", "a/b": "c", "$patch": "delete", "\u0000": "nul" };
    case 10:
      return "\ud800";
    default:
      return String(random());
  }
}

function deepValue(random: Random, depth: number): unknown {
  let value: unknown = "leaf";
  for (let i = 0; i < depth; i++) value = chance(random, 0.5) ? [value] : { a: value };
  return value;
}

/** Sets `value` at a random place of `object` (an existing key or a new one). */
export function mutate(random: Random, object: Record<string, unknown>): Record<string, unknown> {
  for (let n = 1 + int(random, 3); n > 0; n--) {
    let node: Record<string, unknown> = object;
    for (let depth = 0; depth < 4; depth++) {
      const keys = Object.keys(node);
      const key = keys.length > 0 && chance(random, 0.8)
        ? pick(random, keys)
        : `f${int(random, 9)}`;
      const child = node[key];
      if (child && typeof child === "object" && !Array.isArray(child) && chance(random, 0.6)) {
        node = child as Record<string, unknown>;
        continue;
      }
      node[key] = hostileValue(random);
      break;
    }
  }
  return object;
}

/** JSON text nested `depth` levels deep, built without recursion. */
export function deepJson(depth: number, open = "[", close = "]"): string {
  return open.repeat(depth) + close.repeat(depth);
}

/** A body and its content type for a write or a patch. */
export function fuzzBody(random: Random, method: string): { type: string; body: Uint8Array } {
  if (method === "PATCH") return fuzzPatch(random);
  const object = chance(random, 0.7) ? mutate(random, validObject(random)) : validObject(random);
  switch (int(random, 10)) {
    case 0:
      return { type: "application/yaml", body: encoder.encode(toYaml(object)) };
    case 1:
      return {
        type: "application/json",
        body: encoder.encode(deepJson(1_000 + int(random, 60_000))),
      };
    case 2:
      return { type: "application/vnd.kubernetes.protobuf", body: protobufBody(random) };
    case 3:
      return { type: "application/json", body: randomBytes(random, int(random, 512)) };
    case 4:
      return { type: "application/yaml", body: encoder.encode(yamlBomb()) };
    case 5:
      return {
        type: pick(random, ["text/plain", "", "application/json; charset=x"]),
        body: json(object),
      };
    default:
      return { type: "application/json", body: json(object) };
  }
}

function json(value: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(value));
}

/** JSON patch operations whose copies double a value each time: 2^n KB from a small body. */
export function copyBomb(doublings: number): unknown[] {
  const ops: unknown[] = [{ op: "add", path: "/metadata/bomb", value: ["x".repeat(1000)] }];
  for (let i = 0; i < doublings; i++) {
    ops.push({ op: "copy", from: "/metadata/bomb", path: "/metadata/bomb/-" });
  }
  return ops;
}

function fuzzPatch(random: Random): { type: string; body: Uint8Array } {
  const object = mutate(random, validObject(random));
  switch (int(random, 7)) {
    case 0: {
      const ops = Array.from({ length: 1 + int(random, 4) }, () => ({
        op: pick(random, ["add", "remove", "replace", "move", "copy", "test", "x"]),
        path: pick(random, ["/data/a", "/metadata/labels/x", "/spec", "/-", "", "/a/~2", "/0"]),
        from: pick(random, ["/data", "/metadata", "/x"]),
        value: hostileValue(random),
      }));
      return { type: "application/json-patch+json", body: json(ops) };
    }
    case 1:
      return { type: "application/merge-patch+json", body: json(object) };
    case 2: {
      const directives = {
        ...object,
        "$patch": pick(random, ["replace", "delete", "merge", "x"]),
        "$retainKeys": hostileValue(random),
        "$setElementOrder/containers": hostileValue(random),
        "$deleteFromPrimitiveList/finalizers": hostileValue(random),
      };
      return { type: "application/strategic-merge-patch+json", body: json(directives) };
    }
    case 3:
      return { type: "application/apply-patch+yaml", body: encoder.encode(toYaml(object)) };
    case 4:
      return {
        type: "application/merge-patch+json",
        body: encoder.encode(
          deepJson(5_000 + int(random, 50_000), '{"a":', "}").replace(/}$/, "1}"),
        ),
      };
    case 5:
      return { type: "application/json-patch+json", body: json(copyBomb(20 + int(random, 40))) };
    default:
      return { type: "application/strategic-merge-patch+json", body: json(object) };
  }
}

function protobufBody(random: Random): Uint8Array {
  const prefix = new Uint8Array([0x6b, 0x38, 0x73, 0x00]);
  if (chance(random, 0.5)) {
    const bytes = randomBytes(random, int(random, 256));
    const out = new Uint8Array(prefix.length + bytes.length);
    out.set(prefix);
    out.set(bytes, prefix.length);
    return out;
  }
  const valid = encodeKubernetesProtobuf({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "fuzz-pb", namespace: "fuzz" },
    data: { a: "b" },
  });
  const bytes = new Uint8Array(valid);
  for (let n = 1 + int(random, 4); n > 0; n--) bytes[int(random, bytes.length)] = int(random, 256);
  return bytes;
}

function randomBytes(random: Random, length: number): Uint8Array {
  return Uint8Array.from({ length }, () => int(random, 256));
}

// "Billion laughs": each alias level multiplies the expansion by ten.
function yamlBomb(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  const names = "abcdefghi";
  for (let i = 1; i < names.length; i++) {
    const prev = names[i - 1];
    lines.push(`${names[i]}: &${names[i]} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`);
  }
  return lines.join("\n") + "\n";
}

/** One whole hostile request for a cluster endpoint. */
export function fuzzRequest(random: Random): FuzzRequest {
  const method = pick(random, [
    "GET",
    "GET",
    "GET",
    "POST",
    "POST",
    "PUT",
    "PATCH",
    "PATCH",
    "DELETE",
    "HEAD",
    "OPTIONS",
  ]);
  const headers: Record<string, string> = {};
  if (chance(random, 0.3)) {
    headers["Accept"] = pick(random, [
      "application/vnd.kubernetes.protobuf",
      "application/json;as=Table;v=v1;g=meta.k8s.io",
      "application/yaml",
      "*/*",
      "application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io",
      "x/y;q=abc",
    ]);
  }
  if (chance(random, 0.1)) {
    headers["Impersonate-User"] = pick(random, IMPERSONATED);
    if (chance(random, 0.5)) headers["Impersonate-Group"] = pick(random, ["dev", "system:masters"]);
    if (chance(random, 0.3)) headers["Impersonate-Extra-scopes%zz"] = "a";
  }
  if (chance(random, 0.05)) headers["Authorization"] = pick(random, BEARERS);
  let body: Uint8Array = new Uint8Array();
  if (method === "POST" || method === "PUT" || method === "PATCH" || chance(random, 0.05)) {
    const generated = fuzzBody(random, method);
    headers["Content-Type"] = generated.type;
    body = generated.body;
  }
  return { method, target: fuzzPath(random) + fuzzQuery(random), headers, body };
}

/** A hostile body for a control route: valid shapes with wrong types, or no JSON at all. */
export function fuzzControlBody(random: Random, cluster: string): string {
  const base: Record<string, unknown> = {
    cluster,
    namespace: "fuzz",
    nodeName: `${cluster}-n${int(random, 3)}`,
    labels: { "cluster.x-k8s.io/control-plane": "" },
    k8sversion: "v1.33.1",
    provisioning: { node: { startupDuration: "1ms" } },
    verb: "get",
    resource: "pods",
    errorRate: 0.5,
    status: "False",
  };
  switch (int(random, 5)) {
    case 0:
      return new TextDecoder().decode(randomBytes(random, int(random, 64)));
    case 1:
      return deepJson(1_000 + int(random, 20_000));
    case 2:
      return JSON.stringify({
        ...base,
        provisioning: {
          node: { startupDuration: pick(random, ["1000000h", "-1s", "x", "1e400s"]) },
        },
      });
    default:
      return JSON.stringify(mutate(random, base));
  }
}
