// Public face of src/api/defaults: kube-apiserver's defaulting, registry allocation and Pod admission.
export {
  applySchemeDefaults,
  defaultOnCreate,
  defaultOnUpdate,
  type DefaultsTarget,
  registryOnCreate,
  registryOnUpdate,
} from "./apply_defaults.ts";
export type { DefaultsContext } from "./defaults_context.ts";
export { type DefaultsCause, DefaultsError } from "./defaults_error.ts";
export { defaultPullPolicy } from "./image_pull_policy.ts";
export { NODE_PORT_RANGE } from "./service_allocation.ts";
export { tokenVolumeName } from "./pod_admission.ts";
export { podQOSClass, quantityValue } from "./pod_qos.ts";
export { podStatusOnCreate } from "./pod_status.ts";
