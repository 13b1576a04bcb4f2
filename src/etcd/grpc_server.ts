// Serves unary etcd gRPC calls on HTTP/2 streams: read one framed request, dispatch on :path, answer with trailers.
import type { GrpcStream } from "../runtime/mod.ts";
import type { UnaryMethod } from "./_call.ts";
import { clusterMethods } from "./cluster_service.ts";
import type { EtcdCluster } from "./etcd_cluster.ts";
import { EtcdError, EtcdErrors, GrpcCode } from "./etcd_error.ts";
import { encodeFrame, FrameReader } from "./grpc_framing.ts";
import { kvMethods } from "./kv_service.ts";
import { maintenanceMethods } from "./maintenance_service.ts";

const SERVICES: Record<string, Record<string, UnaryMethod>> = {
  "etcdserverpb.Cluster": clusterMethods,
  "etcdserverpb.Maintenance": maintenanceMethods,
  "etcdserverpb.KV": kvMethods,
};
// What a learner answers itself (etcd's isRPCSupportedForLearner); Range checks `serializable`.
const LEARNER_METHODS = new Set([
  "etcdserverpb.Maintenance/Status",
  "etcdserverpb.Cluster/MemberList",
  "etcdserverpb.KV/Range",
]);
const RESPONSE_HEADERS = { "content-type": "application/grpc" };

/** Who called: whether the TLS client certificate verified, and the SNI name it asked for. */
export interface EtcdCaller {
  readonly authorized: boolean;
  readonly serverName?: string;
}

/** Serves one gRPC stream against `cluster`; failures other than EtcdError reach `onError` and answer Unknown. */
export type EtcdGrpcHandler = (stream: GrpcStream, caller: EtcdCaller) => Promise<void>;

/** The member an SNI name addresses: `etcd-<node>` → `<node>`; other names (localhost, none) → undefined, the leader. */
export function memberNameOf(serverName: string | undefined): string | undefined {
  return serverName?.startsWith("etcd-") ? serverName.slice("etcd-".length) : undefined;
}

/** Creates the gRPC handler of one fake etcd cluster. */
export function createEtcdGrpcHandler(
  cluster: EtcdCluster,
  o: { onError?: (error: unknown) => void } = {},
): EtcdGrpcHandler {
  return async (stream, caller) => {
    let request: Uint8Array;
    try {
      // Refuse before reading: a streaming call (Watch, LeaseKeepAlive) would never end its body.
      const { method, member } = route(cluster, stream.path, caller);
      try {
        request = await readUnaryRequest(stream.body);
      } catch (error) {
        if (error instanceof EtcdError) throw error;
        return; // the client reset the stream: nobody is left to answer
      }
      const response = method(request, { cluster, member });
      stream.respond(RESPONSE_HEADERS);
      stream.write(encodeFrame(response));
      stream.end({ "grpc-status": "0" });
    } catch (error) {
      if (!(error instanceof EtcdError)) o.onError?.(error);
      const code = error instanceof EtcdError ? error.code : GrpcCode.Unknown;
      stream.respond(RESPONSE_HEADERS);
      stream.end({
        "grpc-status": String(code),
        "grpc-message": encodeGrpcMessage((error as Error)?.message ?? String(error)),
      });
    }
  };
}

/** Checks the caller and finds the method and the member that answers; throws the EtcdError to answer otherwise. */
function route(cluster: EtcdCluster, path: string, caller: EtcdCaller) {
  if (!caller.authorized) {
    const message = "etcdserver: a client certificate signed by the etcd CA is required";
    throw new EtcdError(GrpcCode.Unauthenticated, message);
  }
  const [service, name] = path.slice(1).split("/");
  const method = SERVICES[service]?.[name];
  if (!method) throw unimplemented(service, name);
  const member = cluster.servingMember(memberNameOf(caller.serverName));
  if (member.isLearner && !LEARNER_METHODS.has(`${service}/${name}`)) {
    throw EtcdErrors.notSupportedForLearner();
  }
  return { method, member };
}

/** grpc-go's wording: "unknown service X" for unregistered services, "unknown method Y for service X" otherwise. */
function unimplemented(service: string, name: string): EtcdError {
  const message = SERVICES[service] === undefined
    ? `unknown service ${service}`
    : `unknown method ${name} for service ${service}`;
  return new EtcdError(GrpcCode.Unimplemented, message);
}

/** Reads the whole request body and returns its single message. */
async function readUnaryRequest(body: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const reader = new FrameReader();
  const messages: Uint8Array[] = [];
  for await (const chunk of body) messages.push(...reader.push(chunk));
  if (messages.length !== 1 || reader.pending > 0) {
    const message = `grpc: a unary call needs exactly one request message, got ${messages.length}`;
    throw new EtcdError(GrpcCode.Internal, message);
  }
  return messages[0];
}

/** Percent-encodes a grpc-message value as the gRPC HTTP/2 spec asks (bytes outside 0x20–0x7E, and "%"). */
export function encodeGrpcMessage(message: string): string {
  let out = "";
  for (const byte of new TextEncoder().encode(message)) {
    out += byte >= 0x20 && byte <= 0x7e && byte !== 0x25
      ? String.fromCharCode(byte)
      : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}
