// Endpoints and EndpointSlices of Services with selectors, for one fake cluster.

export { EndpointsController } from "./endpoints_controller.ts";
export { podAddresses, targetPort } from "./service_endpoints.ts";
