// The scale subresource of a custom resource: its replica paths read into an autoscaling/v1 Scale, and checked on write.
//
// Source: k8s.io/apiextensions-apiserver pkg/registry/customresource/etcd.go (`scaleFromCustomResource`,
// `scaleUpdatedObjectInfo`) and validator.go (`ValidateScaleSpec`, `ValidateScaleStatus`) at
// v0.36.0. Serving `<name>/scale` is the REST layer's; these functions are what it needs.

import type { FieldError } from "./field_error.ts";
import { isRecord } from "./schema_props.ts";
import { putOwn } from "../../encoding/mod.ts";

/** A version's `subresources.scale`. */
export interface ScalePaths {
  readonly specReplicasPath: string;
  readonly statusReplicasPath: string;
  readonly labelSelectorPath?: string;
}

const MAX_INT32 = 2147483647;

/** The scale paths of a version's `subresources.scale`, or undefined when none is declared. */
export function scalePathsOf(subresources: unknown): ScalePaths | undefined {
  const scale = isRecord(subresources) ? subresources.scale : undefined;
  if (!isRecord(scale) || typeof scale.specReplicasPath !== "string") return undefined;
  return {
    specReplicasPath: scale.specReplicasPath,
    statusReplicasPath: typeof scale.statusReplicasPath === "string"
      ? scale.statusReplicasPath
      : "",
    ...(typeof scale.labelSelectorPath === "string"
      ? { labelSelectorPath: scale.labelSelectorPath }
      : {}),
  };
}

function fieldsOf(path: string): string[] {
  return path.replace(/^\./, "").split(".").filter((f) => f !== "");
}

// Own properties only: a CRD's path may name `__proto__` or `constructor` (upstream only asks for
// a dot path under .spec/.status), which must never reach Object.prototype.
function nested(object: Record<string, unknown>, path: string): unknown {
  let value: unknown = object;
  for (const field of fieldsOf(path)) {
    value = isRecord(value) && Object.hasOwn(value, field) ? value[field] : undefined;
  }
  return value;
}

/** The replicas at the spec path, or undefined when the object has none there. */
export function specReplicasOf(
  paths: ScalePaths,
  object: Record<string, unknown>,
): number | undefined {
  const replicas = nested(object, paths.specReplicasPath);
  return typeof replicas === "number" ? replicas : undefined;
}

/** The autoscaling/v1 Scale of a custom resource, as `scaleFromCustomResource` builds it. */
export function scaleOf(
  paths: ScalePaths,
  object: Record<string, unknown>,
): Record<string, unknown> {
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  const spec = specReplicasOf(paths, object);
  const status = paths.statusReplicasPath ? nested(object, paths.statusReplicasPath) : undefined;
  const selector = paths.labelSelectorPath ? nested(object, paths.labelSelectorPath) : undefined;
  const pick = ["name", "namespace", "uid", "resourceVersion", "creationTimestamp"];
  return {
    kind: "Scale",
    apiVersion: "autoscaling/v1",
    metadata: Object.fromEntries(pick.filter((k) => k in metadata).map((k) => [k, metadata[k]])),
    // ScaleSpec.replicas is an omitempty int32: zero (or none) prints no field.
    spec: spec ? { replicas: spec } : {},
    status: {
      replicas: typeof status === "number" ? status : 0,
      ...(typeof selector === "string" ? { selector } : {}),
    },
  };
}

/** A copy of `object` with `replicas` written at the spec replicas path (missing parents made). */
export function withScaleReplicas(
  paths: ScalePaths,
  object: Record<string, unknown>,
  replicas: number,
): Record<string, unknown> {
  const copy = structuredClone(object);
  const fields = fieldsOf(paths.specReplicasPath);
  let target = copy;
  for (const field of fields.slice(0, -1)) {
    if (!Object.hasOwn(target, field) || !isRecord(target[field])) putOwn(target, field, {});
    target = target[field] as Record<string, unknown>;
  }
  putOwn(target, fields.at(-1)!, replicas);
  return copy;
}

/** `ValidateScaleSpec` and `ValidateScaleStatus`: replicas non-negative int32s, the selector a string. */
export function validateScale(
  paths: ScalePaths,
  object: Record<string, unknown>,
  checkSpec: boolean,
): FieldError[] {
  const errors: FieldError[] = [];
  const checks = [
    ...(checkSpec ? [paths.specReplicasPath] : []),
    ...(paths.statusReplicasPath ? [paths.statusReplicasPath] : []),
  ];
  for (const path of checks) {
    const value = nested(object, path);
    if (value === undefined) continue;
    const shown = `.${fieldsOf(path).join(".")}`;
    if (typeof value !== "number" || !Number.isInteger(value)) {
      const goType = typeof value === "number" ? "float64" : goTypeOf(value);
      errors.push({
        type: "FieldValueInvalid",
        field: path,
        value: 0,
        detail: `${shown} accessor error: ${
          goValue(value)
        } is of the type ${goType}, expected int64`,
      });
    } else if (value < 0) {
      errors.push({
        type: "FieldValueInvalid",
        field: path,
        value,
        detail: "should be a non-negative integer",
      });
    } else if (value > MAX_INT32) {
      errors.push({
        type: "FieldValueInvalid",
        field: path,
        value,
        detail: `should be less than or equal to ${MAX_INT32}`,
      });
    }
  }
  if (paths.labelSelectorPath) {
    const selector = nested(object, paths.labelSelectorPath);
    if (selector !== undefined && typeof selector !== "string") {
      const shown = `.${fieldsOf(paths.labelSelectorPath).join(".")}`;
      errors.push({
        type: "FieldValueInvalid",
        field: paths.labelSelectorPath,
        value: "",
        detail: `${shown} accessor error: ${goValue(selector)} is of the type ${
          goTypeOf(selector)
        }, expected string`,
      });
    }
  }
  return errors;
}

function goTypeOf(value: unknown): string {
  if (typeof value === "string") return "string";
  if (typeof value === "boolean") return "bool";
  if (Array.isArray(value)) return "[]interface {}";
  if (isRecord(value)) return "map[string]interface {}";
  return "<nil>";
}

function goValue(value: unknown): string {
  if (value === null) return "<nil>";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}
