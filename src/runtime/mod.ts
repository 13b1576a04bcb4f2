// The runtime adapter: the only code that touches node:*, Deno.* or Bun.*.
export { startTlsEndpoint, type TlsEndpoint, type TlsEndpointOptions } from "./tls_endpoint.ts";
export * from "./sni_tls_endpoint.ts";
export { ConnectionBudget, descriptorReserve } from "./connection_budget.ts";
export { type ConnectionLimits, DEFAULT_CONNECTION_LIMITS } from "./connection_limits.ts";
export { openFileLimit } from "./open_file_limit.ts";
export { dialTcp, type TcpStream } from "./tcp_dial.ts";
export { createHeaderCompression, type HeaderCompression } from "./spdy_zlib.ts";
export { type HttpEndpoint, type HttpEndpointOptions, startHttpEndpoint } from "./http_endpoint.ts";
export type { FetchHandler, ResponseHeaderSink } from "./shared_servers.ts";
export { type BodyPusher, type BodySink, pushedBodyOf, withPushedBody } from "./push_body.ts";
export type { Peer } from "./peer.ts";
export type { UpgradeHandler, UpgradeSocket } from "./upgrade.ts";
export { goHeadAnswer, writeGoAnswer } from "./go_answer.ts";
export type { GrpcStream, GrpcStreamHandler } from "./grpc_stream.ts";
export {
  commandLineArgs,
  environment,
  exitProcess,
  hostName,
  onShutdownSignal,
  processCpuSeconds,
  processId,
  residentMemoryBytes,
  stdoutIsTerminal,
  writeStderr,
  writeStdout,
} from "./process.ts";
export { fileExists, readTextFile, writeTextFile } from "./files.ts";
export { launcherChain, onLauncherGone, startedByPackageScript } from "./launcher_watch.ts";
export { type HttpsCall, httpsStream, httpsText, type StreamedAnswer } from "./https_client.ts";
export { runCommand } from "./command.ts";
export { isPortFree } from "./port_probe.ts";
export { type RuntimeName, runtimeName } from "./runtime_name.ts";
export {
  type DataDir,
  type DataDirContents,
  type FsyncPolicy,
  type JournalFile,
  lockDataDir,
  openDataDir,
  readGeneration,
} from "./journal_files.ts";
export {
  adoptLayout,
  createLayout,
  type DataDirLayout,
  discardLayout,
  layoutDirs,
  readLayout,
  removeOtherLayouts,
  writeLayoutFile,
} from "./data_dir_layout.ts";
export {
  compressSnapshotSlice,
  decompressSnapshotSlice,
  snapshotCompression,
} from "./snapshot_compression.ts";
export { nativeCrc32 } from "./native_crc32.ts";
export { type SignatureDigest, signNatively } from "./native_signature.ts";
export { gzipBytes } from "./http_gzip.ts";
export { heldBodyOf } from "./held_body.ts";
export { sha1, sha256, sha512Hex } from "./content_digest.ts";
export {
  availableCores,
  batchedPost,
  parentThread,
  startWorkerThread,
  type ThreadPort,
  type ThreadPortOptions,
  type WorkerThread,
} from "./worker_threads.ts";
export { tooManyRequests } from "./too_many_requests.ts";
export { BufferBudget, type BufferBudgetLimits } from "./buffer_budget.ts";
export { Tally } from "./tally.ts";
