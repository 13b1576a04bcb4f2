// An object's metadata as a typed ObjectMeta encodes it (PartialObjectMetadata, a Table row's
// object): fields in Go's order and each managedFields entry in ManagedFieldsEntry's. Built-in
// objects are stored so already; custom resources are stored unstructured, with every key sorted.

import { OBJECT_META_FIELDS } from "../store/mod.ts";

// metav1.ManagedFieldsEntry's JSON fields in Go's order.
const ENTRY_FIELDS = [
  "manager",
  "operation",
  "apiVersion",
  "time",
  "fieldsType",
  "fieldsV1",
  "subresource",
] as const;

type Record_ = Record<string, unknown>;

/** `metadata` in ObjectMeta's field order (itself when it is so already). */
export function typedMetadata(metadata: unknown): unknown {
  if (!isRecord(metadata)) return metadata;
  const ordered = inOrder(metadata, OBJECT_META_FIELDS);
  const entries = ordered.managedFields;
  if (!Array.isArray(entries)) return ordered;
  let changed = false;
  const typed = entries.map((entry) => {
    const next = isRecord(entry) ? inOrder(entry, ENTRY_FIELDS) : entry;
    if (next !== entry) changed = true;
    return next;
  });
  if (!changed) return ordered;
  return { ...ordered, managedFields: typed };
}

// The record with `fields` first in that order, others after as they were; itself when in order.
function inOrder(record: Record_, fields: readonly string[]): Record_ {
  const keys = Object.keys(record);
  let at = 0;
  let sorted = true;
  for (const key of keys) {
    const position = fields.indexOf(key);
    if (position === -1) continue;
    if (position < at) {
      sorted = false;
      break;
    }
    at = position;
  }
  if (sorted) return record;
  const out: Record_ = {};
  for (const field of fields) if (Object.hasOwn(record, field)) out[field] = record[field];
  for (const key of keys) if (!Object.hasOwn(out, key)) out[key] = record[key];
  return out;
}

function isRecord(value: unknown): value is Record_ {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
