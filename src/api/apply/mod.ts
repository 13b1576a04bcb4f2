// Public face of src/api/apply: server-side apply and managedFields after structured-merge-diff.
export { FieldSet } from "./field_set.ts";
export { decodeFieldsV1, encodeFieldsV1, FieldsV1Error, fieldsV1Object } from "./fields_v1.ts";
export {
  fieldElement,
  indexElement,
  type Json,
  keyElement,
  type PathElement,
  pathString,
  valueElement,
} from "./path_element.ts";
export { builtinType, crdType, deducedType, type JsonSchemaProps, type TypeRef } from "./types.ts";
export { compare, type Comparison } from "./compare.ts";
export { merge } from "./merge.ts";
export { removeItems } from "./remove.ts";
export { toFieldSet } from "./to_field_set.ts";
export { TypedValueError } from "./list_items.ts";
export { typedValueErrors } from "./typed_validation.ts";
export {
  apply,
  type ApplyResult,
  type Conflict,
  ConflictError,
  excludePrefixes,
  type Managers,
  type ManagerSet,
  update,
} from "./updater.ts";
export {
  capUpdateManagers,
  conflictStatus,
  decodeManagedFields,
  encodeManagedFields,
  isResetManagedFields,
  type ManagedFieldsEntry,
  ManagedFieldsError,
  managedFieldsTime,
  managerIdentifier,
  printManager,
} from "./managed_fields.ts";
export {
  type ApplyOutcome,
  applyWithManagedFields,
  type FieldManagerRequest,
  managedFieldsAfterCreate,
  managedFieldsAfterUpdate,
} from "./field_manager.ts";
export { seededManagedFields, type SeedKind, type SeedWriter } from "./seeded_fields.ts";
export { objectGoJson } from "./managed_fields_json.ts";
export { componentCreateEntries } from "./component_fields.ts";
