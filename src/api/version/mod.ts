// Public face of src/api/version: reading the Kubernetes version a cluster reports.
export { kubernetesMinor } from "./kubernetes_minor.ts";
