// Public face of src/api/crd: CustomResourceDefinition schemas compiled once, and the checks they drive.
export {
  type CustomResourceCheck,
  type CustomResourceSchema,
  customResourceSchema,
  defaultCustomResource,
  pruneCustomResource,
  validateCustomResource,
} from "./custom_resource_schema.ts";
export { errorBody, type FieldError, invalidMessage } from "./field_error.ts";
export { compiledSchemaCount } from "./schema_node.ts";
export { type SchemaProps, type ValidationRule } from "./schema_props.ts";
export { RUNTIME_CEL_COST_BUDGET } from "./cel_validation.ts";
export { defaultedOnRead } from "./read_defaults.ts";
export { formatAddr, is4In6, parseAddr } from "./net_addresses.ts";
export {
  defaultDefinitionSpec,
  definitionStatus,
  registryDefinitionStatus,
} from "./definition_status.ts";
export { validateDefinition } from "./definition_checks.ts";
export {
  scaleOf,
  type ScalePaths,
  specReplicasOf,
  validateScale,
  withScaleReplicas,
} from "./scale.ts";
