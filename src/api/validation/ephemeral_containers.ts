// `pods/<name>/ephemeralcontainers` writes (kubectl debug): what ValidatePodEphemeralContainersUpdate
// refuses. Source: k8s.io/kubernetes v1.36.3 pkg/apis/core/validation/validation.go: static pods
// take none, and an existing ephemeral container may be neither removed nor changed (matched by
// name, since a patch does not keep their order). Each new one needs a name and an image.

import { type FieldError, forbidden, required } from "./field_error.ts";
import { deepEqual } from "./deep_equal.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

const PATH = "spec.ephemeralContainers";

/** The errors of an ephemeral-containers update of `old` into `pod`. */
export function validateEphemeralContainersUpdate(pod: Loose, old: Loose): FieldError[] {
  if (old?.metadata?.annotations?.["kubernetes.io/config.mirror"] !== undefined) {
    // field.NewPath("") prints as its empty index.
    return [forbidden("[]", "static pods do not support ephemeral containers")];
  }
  const now: Loose[] = Array.isArray(pod?.spec?.ephemeralContainers)
    ? pod.spec.ephemeralContainers
    : [];
  const was: Loose[] = Array.isArray(old?.spec?.ephemeralContainers)
    ? old.spec.ephemeralContainers
    : [];
  const errors: FieldError[] = [];
  now.forEach((container, i) => {
    if (!container?.name) errors.push(required(`${PATH}[${i}].name`));
    if (!container?.image) errors.push(required(`${PATH}[${i}].image`));
  });
  const byName = new Map(now.map((container) => [container?.name, container]));
  for (const before of was) {
    const after = byName.get(before?.name);
    if (after === undefined) {
      errors.push(
        forbidden(
          PATH,
          `existing ephemeral containers ${JSON.stringify(before?.name)} may not be removed\n`,
        ),
      );
    } else if (!deepEqual(before, after)) {
      errors.push(
        forbidden(
          PATH,
          `existing ephemeral containers ${JSON.stringify(before?.name)} may not be changed\n`,
        ),
      );
    }
  }
  return errors;
}
