// The disruption controller (PodDisruptionBudget status) of one fake cluster.

export { DisruptionController } from "./disruption_controller.ts";
