// pod-template-hash: a stable hash of a pod template, and template equality that ignores it.

import { fnv32a } from "../../encoding/mod.ts";
import { safeEncode } from "../scheduling/mod.ts";

/** The label a Deployment's ReplicaSets and pods carry (apps/v1 DefaultDeploymentUniqueLabelKey). */
export const POD_TEMPLATE_HASH = "pod-template-hash";

/**
 * The hash of a template and the Deployment's collisionCount, in rand.SafeEncodeString's
 * alphabet like upstream `controller.ComputeHash` (which hashes Go's printed struct; this hashes
 * the canonical JSON, so values differ from a real cluster's but keep their shape).
 */
export function templateHash(template: unknown, collisionCount = 0): string {
  const text = canonicalTemplate(template) + (collisionCount > 0 ? `#${collisionCount}` : "");
  return safeEncode(fnv32a(text));
}

/** Whether two templates are equal apart from the pod-template-hash label (upstream EqualIgnoreHash). */
export function equalIgnoringHash(a: unknown, b: unknown): boolean {
  return canonicalWithoutHash(a) === canonicalWithoutHash(b);
}

/** The template without the pod-template-hash label. */
export function withoutHash(template: unknown): unknown {
  const t = (template ?? {}) as { metadata?: { labels?: Record<string, string> } };
  const labels = t.metadata?.labels;
  if (!labels || !(POD_TEMPLATE_HASH in labels)) return template;
  const rest = { ...labels };
  delete rest[POD_TEMPLATE_HASH];
  return { ...t, metadata: { ...t.metadata, labels: rest } };
}

// Canonical JSON per template object (as it is, and without the hash label): the templates
// hashed and compared are stored objects' (never changed in place), and a DaemonSet's is hashed
// again, a Deployment's compared again, on every change of every node.
const canonicalTemplates = new WeakMap<object, string>();
const canonicalWithoutHashes = new WeakMap<object, string>();
// The texts themselves, one string per distinct text: thousands of clusters run the same
// CoreDNS and kube-proxy templates, and each cluster's own copy of a ~2 KB text (a rope of
// hundreds of pieces until read) cost ~6 KiB per cluster (issue 17). Cleared when full.
const MAX_TEXTS = 1_024;
const texts = new Map<string, string>();

function interned(text: string): string {
  const known = texts.get(text);
  if (known !== undefined) return known;
  if (texts.size >= MAX_TEXTS) texts.clear();
  texts.set(text, text);
  return text;
}

function canonicalWithoutHash(template: unknown): string {
  if (template === null || typeof template !== "object") {
    return canonicalJson(withoutHash(template));
  }
  let text = canonicalWithoutHashes.get(template);
  if (text === undefined) {
    canonicalWithoutHashes.set(template, text = interned(canonicalJson(withoutHash(template))));
  }
  return text;
}

function canonicalTemplate(template: unknown): string {
  if (template === null || typeof template !== "object") return canonicalJson(template);
  let text = canonicalTemplates.get(template);
  if (text === undefined) {
    canonicalTemplates.set(template, text = interned(canonicalJson(template)));
  }
  return text;
}

// JSON with object keys sorted, so equal templates hash alike whatever order their keys came in;
// empty label maps count as absent, as Go's nil and empty maps compare in DeepEqual-based checks.
function canonicalJson(value: unknown): string {
  // A frozen part is shared and never changes (a seeded template's spec, held by every
  // cluster's Deployment and ReplicaSets): its text is made once.
  if (value !== null && typeof value === "object" && Object.isFrozen(value)) {
    let text = frozenTexts.get(value);
    if (text === undefined) frozenTexts.set(value, text = canonicalParts(value));
    return text;
  }
  return canonicalParts(value);
}

const frozenTexts = new WeakMap<object, string>();

function canonicalParts(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && v !== null)
      .filter(([, v]) =>
        !(v && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 0)
      )
      .sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
