// A derived record read from its JSON text without parsing its patch: start-up reads ~80 derived
// records per cluster and parsing their patches (arrays of paths and values, most of a journal's
// bytes) was most of reading one. The patch stays text until its object is first built.

import type { DerivedRecord } from "./derived_changes.ts";

/** A derived record whose patch is still the JSON text it was written as. */
export type DerivedRecordText = Omit<DerivedRecord, "patch"> & { readonly patch: string };

// The layout `JSON.stringify` gives a `DerivedRecord` (DerivedChanges.derive builds it in this
// key order): the parts between the strings and numbers of its head, in order.
const PREFIX = '{"t":"derived","cluster":"';
const TYPE = '","change":{"type":"';
const RESOURCE = '","resource":"';
const KEY = '","key":"';
const RESOURCE_VERSION = '","resourceVersion":';
const FROM = '},"from":["';
const FROM_KEY = '","';
const PATCH = '"],"patch":';

/**
 * The head of the derived record `text` is, its patch left as text; undefined when `text` is not
 * laid out as the writer lays one out (another record, or a string holding an escape), which is
 * then to be parsed whole. The checksum vouches for the bytes; the patch is checked when parsed.
 */
export function derivedRecordText(text: string): DerivedRecordText | undefined {
  if (!text.startsWith(PREFIX) || text.charCodeAt(text.length - 1) !== 0x7d) return undefined;
  let at = PREFIX.length;
  // Each string runs to the next quote: none holds one, since no escape precedes the patch.
  const string = (after: string): string | undefined => {
    const end = text.indexOf('"', at);
    if (end < 0 || !text.startsWith(after, end)) return undefined;
    const value = text.slice(at, end);
    at = end + after.length;
    return value;
  };
  const cluster = string(TYPE);
  const type = cluster === undefined ? undefined : string(RESOURCE);
  const resource = type === undefined ? undefined : string(KEY);
  const key = resource === undefined ? undefined : string(RESOURCE_VERSION);
  if (key === undefined) return undefined;
  const digits = at;
  while (at < text.length && text.charCodeAt(at) >= 0x30 && text.charCodeAt(at) <= 0x39) at++;
  const resourceVersion = Number(text.slice(digits, at));
  if (at === digits || !Number.isSafeInteger(resourceVersion) || !text.startsWith(FROM, at)) {
    return undefined;
  }
  at += FROM.length;
  const fromCluster = string(FROM_KEY);
  const fromKey = fromCluster === undefined ? undefined : string(PATCH);
  if (fromKey === undefined || text.lastIndexOf("\\", at) >= 0) return undefined;
  return {
    t: "derived",
    cluster: cluster!,
    change: {
      type: type as DerivedRecord["change"]["type"],
      resource: resource!,
      key,
      resourceVersion,
    },
    from: [fromCluster!, fromKey],
    patch: text.slice(at, text.length - 1),
  };
}
