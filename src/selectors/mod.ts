// Kubernetes label and field selectors: parse once per request, match each object with plain loops.

export { SelectorError } from "./selector_error.ts";
export { EVERYTHING, type LabelSelector, NOTHING } from "./label_selector.ts";
export { parseLabelSelector } from "./parse_label_selector.ts";
export { labelSelectorFromObject, type LabelSelectorObject } from "./label_selector_object.ts";
export type { LabelOperator, LabelRequirement } from "./label_requirement.ts";
export { type FieldRequirement, type FieldSelector, parseFieldSelector } from "./field_selector.ts";
export {
  FIELD_ALIASES,
  FIELD_LABELS,
  type FieldExtractor,
  METADATA_ONLY_BUILTINS,
  WITHOUT_NAMESPACE_FIELD,
} from "./field_labels.ts";
