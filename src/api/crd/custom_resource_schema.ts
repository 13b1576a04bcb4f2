// What a served custom resource version checks on write: pruning, defaulting, validation and CEL, in upstream's order.
//
// kube-apiserver prunes and defaults while decoding a custom resource (apiextensions-apiserver
// pkg/apiserver/customresource_handler.go `schemaCoercingDecoder`, `unstructuredDefaulter`), then
// its strategy validates: the schema, embedded resources, list types, then CEL rules unless an
// earlier error blocks them (pkg/registry/customresource/strategy.go `Validate`, `hasBlockingErr`).

import { validateRules } from "./cel_validation.ts";
import { applyDefaults } from "./defaulting.ts";
import { validateEmbedded } from "./embedded_resource.ts";
import type { FieldError } from "./field_error.ts";
import { validateListTypes } from "./list_types.ts";
import { pruneObject } from "./pruning.ts";
import { type ScalePaths, scalePathsOf, validateScale } from "./scale.ts";
import { compileSchema, type SchemaNode } from "./schema_node.ts";
import { isRecord, type SchemaProps } from "./schema_props.ts";
import { validateValue } from "./value_validation.ts";

/** One served version's schema, compiled and shared by every object (and every equal CRD). */
export interface CustomResourceSchema {
  readonly root: SchemaNode;
  /** Unknown fields are kept everywhere (`spec.preserveUnknownFields`, v1beta1 only). */
  readonly preserveUnknownFields: boolean;
  /** The version's `subresources.scale` replica paths, if it serves `/scale`. */
  readonly scale?: ScalePaths;
}

/** The schema of a CRD version, or undefined when it declares none. */
export function customResourceSchema(
  openAPIV3Schema: unknown,
  preserveUnknownFields = false,
  subresources?: unknown,
): CustomResourceSchema | undefined {
  if (!isRecord(openAPIV3Schema)) return undefined;
  const scale = scalePathsOf(subresources);
  return {
    root: compileSchema(openAPIV3Schema as SchemaProps),
    preserveUnknownFields,
    ...(scale ? { scale } : {}),
  };
}

/** Removes unknown fields in place (decode time); answers their paths for Warn and Strict. */
export function pruneCustomResource(
  schema: CustomResourceSchema,
  object: Record<string, unknown>,
): string[] {
  if (schema.preserveUnknownFields) return [];
  return pruneObject(schema.root, object);
}

/** Applies declared defaults in place (decode time, and when read back from storage upstream). */
export function defaultCustomResource(
  schema: CustomResourceSchema,
  object: Record<string, unknown>,
): void {
  applyDefaults(schema.root, object);
}

/** Options of a validation: the Kubernetes minor (wording) and the write's subresource. */
export interface CustomResourceCheck {
  readonly minor: number;
  /** "status" for writes through `/status`: only the status is validated against the schema. */
  readonly subresource?: string;
}

const BLOCKING = new Set([
  "FieldValueNotSupported",
  "FieldValueRequired",
  "FieldValueTooLong",
  "FieldValueTooMany",
  "FieldValueTypeInvalid",
]);

/** Validates a defaulted custom resource (and `old` on update): the field errors of a 422. */
export function validateCustomResource(
  schema: CustomResourceSchema,
  object: Record<string, unknown>,
  old: Record<string, unknown> | undefined,
  check: CustomResourceCheck,
): FieldError[] {
  const errors: FieldError[] = [];
  const root = schema.root;
  if (check.subresource === "status") {
    const statusNode = root.properties?.get("status");
    if (statusNode && Object.hasOwn(object, "status")) {
      validateValue(
        statusNode,
        object.status,
        "status",
        { minor: check.minor, errors },
        old?.status,
      );
    }
  } else validateValue(root, object, "", { minor: check.minor, errors }, old);
  if (schema.scale) {
    errors.push(...validateScale(schema.scale, object, check.subresource !== "status"));
  }
  validateEmbedded(root, object, "", errors);
  validateListTypes(root, object, "", errors);
  if (root.hasRules) {
    if (errors.some((error) => BLOCKING.has(error.type))) {
      errors.push({
        type: "FieldValueInvalid",
        field: "<nil>",
        value: null,
        detail:
          "some validation rules were not checked because the object was invalid; correct the existing errors to complete validation",
      });
    } else errors.push(...validateRules(root, object, old, check.minor));
  }
  return errors;
}
