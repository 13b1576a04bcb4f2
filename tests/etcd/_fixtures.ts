// Test helpers: an etcd CA with client certificates, a raw gRPC call over node:http2, response decoders.
import http2 from "node:http2";
import type { TLSSocket } from "node:tls";
import { BinaryReader } from "@bufbuild/protobuf/wire";
import {
  type CertificateAuthority,
  createCertificateAuthority,
  issueClientCertificate,
  type KeyPairPem,
} from "../../src/pki/mod.ts";
import { encodeFrame, FrameReader } from "../../src/etcd/grpc_framing.ts";

/** The etcd CA, a client certificate it signed (KCP's), and one from a stranger CA. */
export async function createEtcdPki(): Promise<
  { ca: CertificateAuthority; client: KeyPairPem; stranger: KeyPairPem }
> {
  const now = new Date();
  const ca = await createCertificateAuthority({
    commonName: "c1-etcd",
    keyAlgorithm: "ecdsa",
    now,
  });
  const other = await createCertificateAuthority({
    commonName: "other",
    keyAlgorithm: "ecdsa",
    now,
  });
  const user = { commonName: "cluster-api.x-k8s.io", organizations: [], now };
  return {
    ca,
    client: await issueClientCertificate(ca, user),
    stranger: await issueClientCertificate(other, user),
  };
}

/** What one gRPC call returned. */
export interface GrpcResult {
  status: number;
  message?: string;
  messages: Uint8Array[];
  /** The CN of the certificate the server presented. */
  serverCn?: string;
}

/** Makes one unary gRPC call on a fresh HTTP/2 connection to 127.0.0.1:port. */
export function grpcCall(
  port: number,
  o: {
    serverName?: string;
    caPem: string;
    client?: KeyPairPem;
    path: string;
    request?: Uint8Array;
  },
): Promise<GrpcResult> {
  return new Promise((resolve, reject) => {
    const session = http2.connect(`https://127.0.0.1:${port}`, {
      // Without a name, the IP host means no SNI at all (an empty servername breaks Deno's client).
      ...(o.serverName ? { servername: o.serverName } : {}),
      ca: o.caPem,
      cert: o.client?.certPem,
      key: o.client?.keyPem,
      // Only the name check is ours to skip: the chain is still verified against the etcd CA.
      checkServerIdentity: () => undefined,
    });
    session.on("error", reject);
    const stream = session.request({
      ":method": "POST",
      ":path": o.path,
      "content-type": "application/grpc",
      te: "trailers",
    });
    const reader = new FrameReader();
    const result: GrpcResult = { status: -1, messages: [] };
    session.on("connect", () => {
      const cert = (session.socket as TLSSocket).getPeerCertificate();
      result.serverCn = [cert?.subject?.CN ?? []].flat()[0];
    });
    stream.on("response", (headers) => readStatus(headers, result));
    stream.on("trailers", (headers) => readStatus(headers, result));
    stream.on("data", (chunk: Uint8Array) => result.messages.push(...reader.push(chunk)));
    stream.on("error", reject);
    stream.on("close", () => {
      session.close();
      resolve(result);
    });
    stream.end(encodeFrame(o.request ?? new Uint8Array(0)));
  });
}

function readStatus(headers: http2.IncomingHttpHeaders, result: GrpcResult) {
  const status = headers["grpc-status"];
  if (status !== undefined) result.status = Number(status);
  const message = headers["grpc-message"];
  if (typeof message === "string") result.message = decodeURIComponent(message);
}

/** The ResponseHeader plus the `members` (field 2) of a Cluster response or the `leader` (field 4) of a StatusResponse. */
export function decodeResponse(bytes: Uint8Array, kind: "members" | "status" = "members") {
  const out = {
    clusterId: 0n,
    memberId: 0n,
    raftTerm: 0n,
    members: [] as { id: bigint; name: string; isLearner: boolean }[],
    leader: 0n,
  };
  const reader = new BinaryReader(bytes);
  while (reader.pos < reader.len) {
    const [no, wireType] = reader.tag();
    if (no === 1) {
      const header = new BinaryReader(reader.bytes());
      while (header.pos < header.len) {
        const [field] = header.tag();
        const value = BigInt(header.uint64());
        if (field === 1) out.clusterId = value;
        if (field === 2) out.memberId = value;
        if (field === 4) out.raftTerm = value;
      }
    } else if (no === 2 && kind === "members") {
      const m = new BinaryReader(reader.bytes());
      const member = { id: 0n, name: "", isLearner: false };
      while (m.pos < m.len) {
        const [field, type] = m.tag();
        if (field === 1) member.id = BigInt(m.uint64());
        else if (field === 2) member.name = m.string();
        else if (field === 5) member.isLearner = m.bool();
        else m.skip(type);
      }
      out.members.push(member);
    } else if (no === 4 && kind === "status") out.leader = BigInt(reader.uint64());
    else reader.skip(wireType);
  }
  return out;
}
