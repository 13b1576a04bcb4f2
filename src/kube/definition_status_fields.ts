// The managedFields entry of a CRD's establishing controllers: kube-apiserver's own
// apiextensions controllers write the accepted names and the NamesAccepted/Established
// conditions through the status subresource, so kube-apiserver records an `Update` of manager
// `kube-apiserver`, subresource `status`, owning them (not storedVersions, which the registry sets).

import {
  builtinType,
  type Json,
  managedFieldsAfterUpdate,
  TypedValueError,
} from "../api/apply/mod.ts";
import { builtinSchemas } from "../api/schema/mod.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

const API_VERSION = "apiextensions.k8s.io/v1";

/**
 * Sets `crd`'s managedFields to what they are once its controllers wrote its status over
 * `before` (undefined on create: the zero status kube-apiserver stores first).
 */
export function recordEstablishingWrite(
  crd: Loose,
  before: Loose,
  kubernetesVersion: string,
  now: Date,
): void {
  const type = builtinType(
    builtinSchemas(kubernetesVersion),
    "apiextensions.k8s.io",
    "v1",
    "CustomResourceDefinition",
  );
  if (!type || !crd?.metadata) return;
  const status = crd.status ?? {};
  // The registry's storedVersions are no controller's: the same on both sides.
  const previous = {
    acceptedNames: before?.acceptedNames ?? { plural: "", kind: "" },
    conditions: before?.conditions ?? null,
    storedVersions: status.storedVersions,
  };
  try {
    const entries = managedFieldsAfterUpdate(
      { ...crd, status: previous } as Json,
      crd as Json,
      {
        type,
        apiVersion: API_VERSION,
        manager: "kube-apiserver",
        subresource: "status",
        now: now.getTime(),
      },
    );
    if (entries.length > 0) crd.metadata.managedFields = entries;
  } catch (error) {
    // As kube-apiserver: a failed managedFields update leaves the list as it was.
    if (!(error instanceof TypedValueError)) throw error;
  }
}
