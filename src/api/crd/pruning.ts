// Drops the fields a structural schema does not specify, as apiextensions-apiserver does when decoding.
//
// Source: k8s.io/apiextensions-apiserver pkg/apiserver/schema/pruning/algorithm.go at v0.36.0:
// unknown fields go unless `x-kubernetes-preserve-unknown-fields` keeps them; apiVersion, kind
// and metadata stay at the root and in embedded resources; the paths of dropped fields are
// reported as strict decoding reports them (`spec.foo`, `spec.items[0].bar`).

import type { SchemaNode } from "./schema_node.ts";
import { isRecord } from "./schema_props.ts";
import { OBJECT_META_FIELDS } from "../../store/mod.ts";

const TYPE_META = new Set(["apiVersion", "kind", "metadata"]);

// apiextensions decodes a resource's metadata as metav1.ObjectMeta, dropping and reporting the
// rest (pkg/apiserver/schema/objectmeta `GetObjectMetaWithOptions`).
const OBJECT_META = new Set(OBJECT_META_FIELDS);

/** Removes unknown fields of a custom resource in place; answers their paths. */
export function pruneObject(root: SchemaNode, object: Record<string, unknown>): string[] {
  const pruned: string[] = [];
  pruneNode(root, object, "", pruned, true);
  return pruned;
}

function pruneNode(
  node: SchemaNode,
  value: unknown,
  path: string,
  pruned: string[],
  resource: boolean,
): void {
  if (Array.isArray(value)) {
    if (!node.items) return;
    for (let i = 0; i < value.length; i++) {
      pruneNode(node.items, value[i], `${path}[${i}]`, pruned, node.items.embedded);
    }
    return;
  }
  if (!isRecord(value)) return;
  for (const key of Object.keys(value)) {
    // apiVersion, kind and metadata of a resource are not the schema's to prune, whatever it
    // declares for them (a `metadata: {type: object}` would otherwise empty the metadata).
    if (resource && TYPE_META.has(key)) {
      if (key === "metadata") {
        pruneObjectMeta(value[key], path === "" ? key : `${path}.${key}`, pruned);
      }
      continue;
    }
    const child = node.properties?.get(key) ?? node.additional;
    const at = path === "" ? key : `${path}.${key}`;
    if (child) pruneNode(child, value[key], at, pruned, child.embedded);
    else if (!node.preserveUnknown) {
      delete value[key];
      pruned.push(at);
    }
  }
}

function pruneObjectMeta(metadata: unknown, path: string, pruned: string[]): void {
  if (!isRecord(metadata)) return;
  for (const key of Object.keys(metadata)) {
    if (OBJECT_META.has(key)) continue;
    delete metadata[key];
    pruned.push(`${path}.${key}`);
  }
}
