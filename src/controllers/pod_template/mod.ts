// Pods made from workload templates, with what admission adds.

export {
  controllerRef,
  type PodFromTemplate,
  podFromTemplate,
  type PodTemplate,
  qosClass,
} from "./pod_from_template.ts";
