// Compares one answer of kube-apiserver with fkas's to the same request, after blanking what two
// servers can never share (uids, times, resourceVersions, allocated IPs, random name suffixes).

/** One answer as the comparison sees it. */
export interface Answer {
  status: number;
  /** Header names, lower case, sorted; values are compared only for content-type. */
  headers: string[];
  contentType: string;
  /** The parsed JSON body (a list of events for a watch), or the raw text when it is not JSON. */
  body: unknown;
  /** The layout of a JSON body (indented or compact, trailing newline); "text" otherwise. */
  format?: string;
  /** The APF FlowSchema and PriorityLevel uids, replaced by their names before comparing. */
  flow?: (string | undefined)[];
  /** The `Warning` header's texts, in order (one field each from Go, comma-joined from fkas). */
  warnings?: string[];
}

/** One difference: where, and what each server answered there. */
export interface Difference {
  path: string;
  oracle: unknown;
  fkas: unknown;
}

/** Headers whose presence differs legitimately (timing, connection handling) and is not compared. */
const IGNORED_HEADERS = new Set([
  "date",
  "content-length",
  "connection",
  "keep-alive",
  "transfer-encoding",
]);

/** Values that differ between any two servers, by key: compared as present-or-absent only. */
const VOLATILE_KEYS = new Set([
  "uid",
  "creationTimestamp",
  "deletionTimestamp",
  "resourceVersion",
  "time",
  "continue",
  "clusterIP",
  "clusterIPs",
  "startTime",
  "lastTransitionTime",
  "lastUpdateTime",
  "lastHeartbeatTime",
  "remainingItemCount",
]);

const MASK = "<volatile>";

/** Replaces volatile values (and random generateName suffixes) so that only meaning is compared. */
export function normalise(value: unknown, key = ""): unknown {
  if (VOLATILE_KEYS.has(key) && value !== undefined && value !== null && value !== "") return MASK;
  if (Array.isArray(value)) return value.map((item) => normalise(item, key));
  if (value && typeof value === "object") {
    const object = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(object)) out[k] = normalise(v, k);
    if (typeof object.generateName === "string" && typeof object.name === "string") {
      out.name = object.name.startsWith(object.generateName)
        ? `${object.generateName}<random>`
        : object.name;
    }
    return out;
  }
  if (typeof value === "string") {
    // Messages quote resourceVersions, uids and generated names; keep their words, not their numbers.
    return value
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<uid>")
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, "<time>")
      .replace(/ResourceVersion in record \(\d+\)/g, "ResourceVersion in record (<rv>)")
      // The ServiceAccount admission's projected token volume has a random 5-letter suffix.
      .replace(/^kube-api-access-[a-z0-9]{5}$/, "kube-api-access-<random>")
      // The client certificate's fingerprint (a user's credential ID): each server has its own.
      .replace(/X509SHA256=[0-9a-f]{64}/g, "X509SHA256=<fingerprint>");
  }
  return value;
}

/** Every difference between two answers: status, content type, header names, body values, key order. */
export function compareAnswers(oracle: Answer, fkas: Answer): Difference[] {
  const out: Difference[] = [];
  if (oracle.status !== fkas.status) {
    out.push({ path: "(status)", oracle: oracle.status, fkas: fkas.status });
  }
  if (oracle.contentType !== fkas.contentType) {
    out.push({ path: "(content-type)", oracle: oracle.contentType, fkas: fkas.contentType });
  }
  const headers = (answer: Answer) => answer.headers.filter((h) => !IGNORED_HEADERS.has(h));
  const onlyOracle = headers(oracle).filter((h) => !fkas.headers.includes(h));
  const onlyFkas = headers(fkas).filter((h) => !oracle.headers.includes(h));
  if (onlyOracle.length || onlyFkas.length) {
    out.push({ path: "(headers)", oracle: onlyOracle, fkas: onlyFkas });
  }
  if (oracle.format !== fkas.format) {
    out.push({ path: "(body format)", oracle: oracle.format, fkas: fkas.format });
  }
  if (JSON.stringify(oracle.flow) !== JSON.stringify(fkas.flow)) {
    out.push({ path: "(APF classification)", oracle: oracle.flow, fkas: fkas.flow });
  }
  if (JSON.stringify(oracle.warnings ?? []) !== JSON.stringify(fkas.warnings ?? [])) {
    out.push({ path: "(warnings)", oracle: oracle.warnings, fkas: fkas.warnings });
  }
  compareValues(normalise(oracle.body), normalise(fkas.body), "", out);
  return out;
}

function compareValues(a: unknown, b: unknown, path: string, out: Difference[]): void {
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) {
      out.push({ path: `${path}.length`, oracle: a.length, fkas: b.length });
    }
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      compareValues(a[i], b[i], `${path}[${i}]`, out);
    }
    return;
  }
  if (isObject(a) && isObject(b)) {
    const keysA = Object.keys(a);
    const keysB = Object.keys(b);
    for (const key of keysA) {
      if (!(key in b)) out.push({ path: `${path}.${key}`, oracle: a[key], fkas: "(absent)" });
      else compareValues(a[key], b[key], `${path}.${key}`, out);
    }
    for (const key of keysB) {
      if (!(key in a)) out.push({ path: `${path}.${key}`, oracle: "(absent)", fkas: b[key] });
    }
    const shared = (keys: string[], other: Record<string, unknown>) =>
      keys.filter((k) => k in other);
    const orderA = shared(keysA, b).join(",");
    const orderB = shared(keysB, a).join(",");
    if (orderA !== orderB) out.push({ path: `${path} (key order)`, oracle: orderA, fkas: orderB });
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) {
    out.push({ path: path || "(body)", oracle: a, fkas: b });
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
