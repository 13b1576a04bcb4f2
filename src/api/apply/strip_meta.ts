// Fields no manager owns (structured-merge-diff's stripMetaManager): apiVersion, kind, server-set metadata.

import { FieldSet } from "./field_set.ts";
import { fieldElement } from "./path_element.ts";
import type { Managers } from "./updater.ts";

/** stripMetaManager's top-level members: no manager owns them. */
export const STRIPPED_TOP: ReadonlySet<string> = new Set(["apiVersion", "kind", "metadata"]);

/** stripMetaManager's members of `metadata`: the server sets them, no manager owns them. */
export const STRIPPED_META: ReadonlySet<string> = new Set([
  "name",
  "namespace",
  "creationTimestamp",
  "selfLink",
  "uid",
  "clusterName",
  "generation",
  "managedFields",
  "resourceVersion",
]);

/** stripMetaManager: fields the server sets, never owned by anyone. */
export const STRIP: FieldSet = (() => {
  const set = new FieldSet();
  for (const name of STRIPPED_TOP) set.insert([fieldElement(name)]);
  for (const name of STRIPPED_META) set.insert([fieldElement("metadata"), fieldElement(name)]);
  return set;
})();

// Sets stripMeta produced: a manager this write left alone keeps its stripped set, so it is not
// walked again.
const stripped = new WeakSet<FieldSet>();

/** The managers without the fields the server sets; managers left with none are dropped. */
export function stripMeta(managers: Managers): Managers {
  const out: Managers = new Map();
  for (const [id, entry] of managers) {
    if (stripped.has(entry.set)) {
      out.set(id, entry);
      continue;
    }
    const set = entry.set.difference(STRIP);
    stripped.add(set);
    if (!set.empty()) out.set(id, set === entry.set ? entry : { ...entry, set });
  }
  return out;
}
