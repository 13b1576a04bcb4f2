// The Deployment controller of one fake cluster.

export { DeploymentController } from "./deployment_controller.ts";
export { deploymentStatus } from "./deployment_status.ts";
export { resolveFenceposts } from "./rollout_numbers.ts";
export { equalIgnoringHash, POD_TEMPLATE_HASH, templateHash } from "./template_hash.ts";
