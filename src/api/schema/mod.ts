// Public face of src/api/schema: the generated schema source of built-in kinds and the checks it drives.
export { builtinSchemas, SchemaSource, type StructSchema } from "./schema_source.ts";
export {
  checkTypes,
  type DecodeDialect,
  type NumberLiteralsByHolder,
  type TypeCheckResult,
} from "./type_check.ts";
export { goFormat } from "./go_values.ts";
export { goShaped, goShapedKind, type ShapedKind } from "./go_shape.ts";
export { isGoEmpty } from "./go_shape_plan.ts";
export { goZeroObject } from "./go_zero.ts";
export { goSortedUnstructured } from "./unstructured_order.ts";
export type { FieldEntry, FieldFacts, StructEntry } from "./schema_table.ts";
export { kindDefinition, openApiComponent, openApiComponents } from "./openapi_components.ts";
export { type OpenApiSchema, V3_REF_PREFIX } from "./openapi_component.ts";
