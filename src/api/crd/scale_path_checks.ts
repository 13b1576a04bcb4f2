// CRD write checks of `subresources.scale`: the replica and selector paths are dot paths under .spec or .status.
//
// Source: k8s.io/apiextensions-apiserver pkg/apis/apiextensions/validation/validation.go at v0.36.0
// (`ValidateCustomResourceDefinitionSubresources`, `validateSimpleJSONPath`). Subresources equal
// in every version are named `spec.subresources` (upstream's internal conversion hoists them, as
// it hoists a shared schema to `spec.validation`).

import type { FieldError } from "./field_error.ts";
import { deepEqual } from "./values.ts";
import { isRecord } from "./schema_props.ts";

/** The field errors of every version's `subresources.scale`. */
export function scalePathErrors(versions: readonly Record<string, unknown>[]): FieldError[] {
  const all = versions.map((v) => v.subresources);
  const hoisted = all.length > 0 && all.every((s) => deepEqual(s, all[0]));
  const errors: FieldError[] = [];
  (hoisted ? [all[0]] : all).forEach((subresources, i) => {
    const scale = isRecord(subresources) ? subresources.scale : undefined;
    if (!isRecord(scale)) return;
    const at = `${hoisted ? "spec" : `spec.versions[${i}]`}.subresources.scale`;
    check(scale.specReplicasPath, `${at}.specReplicasPath`, [".spec."], ".spec", true, errors);
    check(
      scale.statusReplicasPath,
      `${at}.statusReplicasPath`,
      [".status."],
      ".status",
      true,
      errors,
    );
    check(
      scale.labelSelectorPath,
      `${at}.labelSelectorPath`,
      [".spec.", ".status."],
      "either .spec or .status",
      false,
      errors,
    );
  });
  return errors;
}

function check(
  path: unknown,
  field: string,
  prefixes: string[],
  under: string,
  required: boolean,
  errors: FieldError[],
): void {
  if (typeof path !== "string" || path === "") {
    if (required) errors.push({ type: "FieldValueRequired", field });
    return;
  }
  if (path[0] !== ".") {
    errors.push({
      type: "FieldValueInvalid",
      field,
      value: path,
      detail: "must be a simple json path starting with .",
    });
  } else if (!prefixes.some((prefix) => path.startsWith(prefix))) {
    errors.push({
      type: "FieldValueInvalid",
      field,
      value: path,
      detail: `should be a json path under ${under}`,
    });
  }
}
