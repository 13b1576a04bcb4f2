// Public face of src/patch: the three Kubernetes patch types, pure functions over parsed JSON.
export { applyMergePatch, requireMergePatchObject } from "./merge_patch.ts";
export { applyJsonPatch } from "./json_patch.ts";
export { applyStrategicMergePatch } from "./strategic_merge.ts";
export { strategicSchemaFor } from "./builtin_schemas.ts";
export type { FieldPatchMeta, PatchSchema, PatchStrategy } from "./patch_schema.ts";
export { PatchError, type PatchErrorReason } from "./patch_error.ts";
