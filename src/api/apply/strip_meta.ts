// Fields no manager owns (structured-merge-diff's stripMetaManager): apiVersion, kind, server-set metadata.

import { FieldSet } from "./field_set.ts";
import { fieldElement } from "./path_element.ts";
import type { Managers } from "./updater.ts";

/** stripMetaManager: fields the server sets, never owned by anyone. */
export const STRIP: FieldSet = (() => {
  const set = new FieldSet();
  set.insert([fieldElement("apiVersion")]);
  set.insert([fieldElement("kind")]);
  set.insert([fieldElement("metadata")]);
  for (
    const name of [
      "name",
      "namespace",
      "creationTimestamp",
      "selfLink",
      "uid",
      "clusterName",
      "generation",
      "managedFields",
      "resourceVersion",
    ]
  ) set.insert([fieldElement("metadata"), fieldElement(name)]);
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
