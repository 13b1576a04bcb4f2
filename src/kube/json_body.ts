// JSON of stored objects, serialized once per object version and shared by every request that sends it.

import type { ResourceType } from "../resources/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import { forList, readView } from "./object_view.ts";
import { objectGoJson } from "../api/apply/mod.ts";
import { ListTextCache } from "./list_text_cache.ts";

// The store never mutates an object it handed out: a new version is a new object, so the
// object's identity stands for its content (as kube-apiserver's cachingObject does per event).
const asItem = new WeakMap<object, string>();
const asObject = new WeakMap<object, string>();

/** The JSON of an object as a response body, ending with a newline (GET, write answers, watch events). */
export function objectJson(object: KubeObject): string {
  let json = asObject.get(object);
  if (json === undefined) {
    // Kept with the encoder's closing newline, as GET and write answers send it: adding it per
    // answer made every one copy the whole text (a rope the Response must flatten first).
    asObject.set(object, json = `${objectGoJson(object)}\n`);
  }
  return json;
}

/** The JSON `objectJson` made of an object already, or undefined (never serializes: no new cache entries). */
export function cachedObjectJson(object: KubeObject): string | undefined {
  return asObject.get(object);
}

// At most 256 lists and 8 Mi characters (a list over 1 Mi is never kept): a few MiB at most,
// whatever the number of clusters.
const recentLists = new ListTextCache(256, 8 * 1024 * 1024);

/**
 * The answer text of a built-in `<Kind>List` (with the encoder's closing newline), the same text
 * as the last identical LIST's when nothing in it changed: same resource, envelope and objects.
 */
export function listAnswerJson(
  resource: ResourceType,
  envelope: { kind: string; apiVersion: string; metadata: Record<string, unknown> },
  items: readonly KubeObject[],
): string {
  // Custom resources are listed through their schema's read view: not cached.
  if (resource.custom || items.length === 0) return `${listJson(resource, envelope, items)}\n`;
  // Items are compared by identity; the key only narrows (uids tell clusters apart).
  const key = `${resource.key}\u0000${envelope.kind}\u0000${envelope.apiVersion}\u0000${
    JSON.stringify(envelope.metadata)
  }\u0000${items[0].metadata.uid ?? ""}`;
  let text = recentLists.get(key, items);
  if (text === undefined) {
    text = `${listJson(resource, envelope, items)}\n`;
    recentLists.set(key, items, text);
  }
  return text;
}

/** A `<Kind>List` body whose items are serialized once per stored object version. */
export function listJson(
  resource: ResourceType,
  envelope: { kind: string; apiVersion: string; metadata: Record<string, unknown> },
  items: readonly KubeObject[],
): string {
  const parts = items.map((stored) => {
    // A custom resource is listed as read (defaults its CRD gained since), in the version
    // asked for: only the item as stored-and-served is cached, so another served version or a
    // later default never reuses a stale text.
    const item = resource.custom ? readView(resource, stored) : stored;
    let json = asItem.get(item);
    if (json === undefined) {
      const shown = forList(resource, item);
      json = objectGoJson(shown);
      if (!resource.custom || shown === item) asItem.set(item, json);
    }
    return json;
  });
  const kind = JSON.stringify(envelope.kind);
  const apiVersion = JSON.stringify(envelope.apiVersion);
  if (resource.custom) {
    // An UnstructuredList: its keys sorted too, and `continue` always set (empty at the end), as
    // the storage layer's SetContinue writes it into the map.
    const { continue: next, remainingItemCount, resourceVersion } = envelope.metadata;
    const metadata = JSON.stringify({
      continue: next ?? "",
      ...(remainingItemCount !== undefined ? { remainingItemCount } : {}),
      resourceVersion,
    });
    return `{"apiVersion":${apiVersion},"items":[${
      parts.join(",")
    }],"kind":${kind},"metadata":${metadata}}`;
  }
  return `{"kind":${kind},"apiVersion":${apiVersion},"metadata":${
    JSON.stringify(envelope.metadata)
  },"items":[${parts.join(",")}]}`;
}
