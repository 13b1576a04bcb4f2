// The worker-thread placement: the message protocol, the worker's server and the main thread's host.

export {
  fromWireError,
  HOST_METHODS,
  type HostChannel,
  type HostMessage,
  type HostMethod,
  plainFields,
  toWireError,
  type WireError,
  type WorkerLogLevel,
} from "./host_channel.ts";
export { serveClusterHost } from "./host_server.ts";
export { WorkerClusterHost, type WorkerClusterHostOptions } from "./worker_host.ts";
