// Seeded objects that clusters have in common, held once: each seeding slot keeps a frozen model
// whose equal parts every cluster's object there points at.

import { deepFreeze } from "../encoding/mod.ts";
import { type KubeObject, shareFrom } from "../store/mod.ts";

// Slots are the seeding shapes (release, resource, name or role): a few hundred in practice. The
// bound keeps shapes that clients vary (node labels they report) from growing it without end.
const MAX_SLOTS = 4_096;
const models = new Map<string, KubeObject>();

/**
 * `object`, about to be seeded in the slot `slot`, with every part equal to the same part of the
 * slot's model shared with it: GET, LIST, watch and protobuf answers are the same bytes, the
 * parts are held once. The model is the slot's first object as `complete` leaves a copy of it:
 * `complete` applies what a later write fills in place (decode-time defaults), so the parts it
 * would change differ from the model and stay each object's own, and what is shared (frozen) is
 * never written to. The top-level object and its metadata are always the caller's own.
 */
export function shareSeeded(
  slot: string,
  object: KubeObject,
  complete: (copy: KubeObject) => void = () => {},
): KubeObject {
  let model = models.get(slot);
  if (model === undefined) {
    if (models.size >= MAX_SLOTS) return object;
    const copy = structuredClone(object);
    try {
      complete(copy);
    } catch {
      return object; // a model the write path would refuse is no model
    }
    models.set(slot, model = deepFreeze(copy));
  }
  const shared = shareFrom(model, object);
  return { ...shared, metadata: { ...shared.metadata } };
}
