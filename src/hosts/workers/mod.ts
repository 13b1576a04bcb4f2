// The worker-thread placement: the message protocol, the worker's server and the main thread's host.

export {
  fromWireError,
  HOST_METHODS,
  type HostChannel,
  type HostMessage,
  type HostMethod,
  isUrgent,
  plainFields,
  type RestoredAddress,
  toWireError,
  type WireError,
  type WorkerLogLevel,
} from "./host_channel.ts";
export { serveClusterHost, type ServedJournal } from "./host_server.ts";
export { WorkerClusterHost, type WorkerClusterHostOptions, workerIndexOf } from "./worker_host.ts";
