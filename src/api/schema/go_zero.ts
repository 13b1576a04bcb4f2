// A built-in kind's zero object as kube-apiserver's field manager sees it: the Go zero value of the
// kind's struct, converted to unstructured (non-pointer structs present, non-omitempty fields present
// with their zero encoding, everything else absent).

import { deepFreeze } from "../../encoding/mod.ts";
import { goShapedKind, type ShapedKind } from "./go_shape.ts";

// Per release and kind; a few hundred entries at most (the built-in kinds of the minors served).
const zeros = new Map<string, Readonly<Record<string, unknown>>>();
// The same, found from the kind's own (long-lived) object and the release, as every create asks:
// no key text made and hashed per create; a kind without a zero object is remembered too.
const byType = new WeakMap<ShapedKind, Map<string, Readonly<Record<string, unknown>> | null>>();

/**
 * The zero object of `type` in `kubernetesVersion` (frozen, shared), which a create is compared
 * against to find the fields its writer owns; undefined for custom resources and unknown kinds.
 */
export function goZeroObject(
  kubernetesVersion: string,
  type: ShapedKind,
): Readonly<Record<string, unknown>> | undefined {
  if (type.custom) return undefined;
  let releases = byType.get(type);
  if (releases === undefined) byType.set(type, releases = new Map());
  let known = releases.get(kubernetesVersion);
  if (known === undefined) {
    releases.set(kubernetesVersion, known = zeroOf(kubernetesVersion, type) ?? null);
  }
  return known ?? undefined;
}

function zeroOf(
  kubernetesVersion: string,
  type: ShapedKind,
): Readonly<Record<string, unknown>> | undefined {
  const key = `${kubernetesVersion}\u0000${type.group}/${type.version}/${type.kind}`;
  let zero = zeros.get(key);
  if (zero === undefined) {
    const empty = {};
    const shaped = goShapedKind(kubernetesVersion, type, empty);
    // An unknown kind comes back as it went in: no zero known.
    if (shaped === empty) return undefined;
    zero = deepFreeze(shaped);
    zeros.set(key, zero);
  }
  return zero;
}
