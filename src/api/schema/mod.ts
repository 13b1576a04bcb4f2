// Public face of src/api/schema: the generated schema source of built-in kinds and the checks it drives.
export { builtinSchemas, SchemaSource, type StructSchema } from "./schema_source.ts";
export { checkTypes, type DecodeDialect, type TypeCheckResult } from "./type_check.ts";
export { goFormat } from "./go_values.ts";
export type { FieldEntry, FieldFacts, StructEntry } from "./schema_table.ts";
