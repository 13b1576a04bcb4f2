// A port-forward session as client-go and etcdctl make one: SPDY/3.1 upgrade on the cluster's TLS
// port, error + data streams for port 2379, TLS inside the data stream, then unary etcd gRPC calls
// (Status, MemberList, Alarm GET) over node:http2. Runs on Deno and Bun.
import { Buffer } from "node:buffer";
import http2 from "node:http2";
import { Duplex } from "node:stream";
import tls from "node:tls";
import { BinaryReader, BinaryWriter, WireType } from "@bufbuild/protobuf/wire";
import {
  Flag,
  GoawayStatus,
  SPDY_DICTIONARY,
  SpdyFramer,
  spdyHeaders,
  type SpdyMessage,
} from "../../src/portforward/mod.ts";
import { createHeaderCompression } from "../../src/runtime/spdy_zlib.ts";

/** Where a session goes and with which certificates (all PEM). */
export interface PortForwardTarget {
  host: string;
  /** The cluster's TLS port. */
  port: number;
  /** The cluster CA and the admin client certificate (from the kubeconfig). */
  caPem: string;
  certPem: string;
  keyPem: string;
  /** The etcd CA and a client certificate it signed (as KCP makes one). */
  etcdCaPem: string;
  etcdCertPem: string;
  etcdKeyPem: string;
  /** The control-plane node whose `etcd-<node>` pod is forwarded. */
  node: string;
}

/** Where a session stops on purpose, without closing anything (the socket is destroyed). */
export type AbortPoint =
  | "after-upgrade"
  | "after-streams"
  | "after-inner-handshake"
  | "after-first-call";

/** What one session saw. */
export interface SessionResult {
  /** The member names MemberList returned, sorted. */
  members: string[];
  /** StatusResponse.version. */
  version: string;
  /** StatusResponse.leader (decimal). */
  leader: string;
  /** AlarmResponse.alarms count. */
  alarms: number;
  /** Set when the session was aborted on purpose (no calls after that point). */
  aborted?: AbortPoint;
}

const ETCD_PORT = 2379;
const MAX_DATA = 32 * 1024;

/** Rejects when `promise` does not settle within `ms`. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Cannot ${what}: no answer in ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Opens the cluster TLS connection (no ALPN, as kubectl's upgrade requests) with the admin certificate. */
function connectOuter(target: PortForwardTarget): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host: target.host,
      port: target.port,
      servername: "localhost",
      ca: target.caPem,
      cert: target.certPem,
      key: target.keyPem,
    }, () => {
      socket.off("error", reject);
      socket.setNoDelay(true);
      resolve(socket);
    });
    socket.once("error", reject);
  });
}

/** Sends the SPDY upgrade request and resolves with the bytes after the 101's head. */
function upgrade(socket: tls.TLSSocket, node: string): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    let buffer = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      const end = buffer.indexOf("\r\n\r\n");
      if (end < 0) return;
      cleanup();
      const head = buffer.toString("latin1", 0, end);
      if (!/^HTTP\/1\.1 101 /.test(head)) {
        return reject(
          new Error(`Cannot upgrade: ${head.split("\r\n")[0]}: ${buffer.subarray(end)}`),
        );
      }
      resolve(new Uint8Array(buffer.subarray(end + 4)));
    };
    const onClose = () => (cleanup(), reject(new Error("Cannot upgrade: connection closed")));
    const onError = (error: Error) => (cleanup(), reject(error));
    const cleanup = () => {
      socket.off("data", onData);
      socket.off("close", onClose);
      socket.off("error", onError);
    };
    socket.on("data", onData);
    socket.on("close", onClose);
    socket.on("error", onError);
    socket.write(
      `POST /api/v1/namespaces/kube-system/pods/etcd-${node}/portforward HTTP/1.1\r\n` +
        "Host: localhost\r\nUser-Agent: fkas-bench\r\nContent-Length: 0\r\n" +
        "Connection: Upgrade\r\nUpgrade: SPDY/3.1\r\n" +
        "X-Stream-Protocol-Version: portforward.k8s.io\r\n\r\n",
    );
  });
}

/** One client stream: its reply, the data it got, its FIN or RST. */
interface ClientStream {
  readonly id: number;
  readonly replied: Promise<void>;
  readonly ended: Promise<void>;
  onData?: (bytes: Uint8Array) => void;
  onEnd?: () => void;
  onReset?: (status: number) => void;
  resolveReply(): void;
  rejectReply(error: Error): void;
  resolveEnd(): void;
  received: Uint8Array[];
}

/** The client side of one SPDY connection on the outer TLS socket. */
class SpdyClient {
  readonly #socket: tls.TLSSocket;
  readonly #compression = createHeaderCompression(SPDY_DICTIONARY);
  readonly #framer: SpdyFramer;
  readonly #streams = new Map<number, ClientStream>();
  #nextId = 1;
  #failure?: Error;

  constructor(socket: tls.TLSSocket, head: Uint8Array) {
    this.#socket = socket;
    this.#framer = new SpdyFramer({
      write: (bytes) => {
        if (!socket.destroyed && socket.writable) socket.write(bytes);
      },
      compression: this.#compression,
      onMessage: (message) => this.#handle(message),
      onError: (error) => this.#fail(error as Error),
    });
    socket.on("data", (chunk: Buffer) => this.#framer.receive(new Uint8Array(chunk)));
    socket.on("close", () => this.#fail(new Error("SPDY connection closed")));
    socket.on("error", (error: Error) => this.#fail(error));
    if (head.length > 0) this.#framer.receive(head);
  }

  send(message: SpdyMessage): void {
    this.#framer.send(message);
  }

  /** SYN_STREAM with these headers. */
  open(headers: Record<string, string>): ClientStream {
    const id = this.#nextId;
    this.#nextId += 2;
    let resolveReply!: () => void;
    let rejectReply!: (error: Error) => void;
    let resolveEnd!: () => void;
    const replied = new Promise<void>((resolve, reject) => {
      resolveReply = resolve;
      rejectReply = reject;
    });
    replied.catch(() => {});
    const ended = new Promise<void>((resolve) => resolveEnd = resolve);
    const stream: ClientStream = {
      id,
      replied,
      ended,
      resolveReply,
      rejectReply,
      resolveEnd,
      received: [],
    };
    this.#streams.set(id, stream);
    if (this.#failure) rejectReply(this.#failure);
    this.send({
      type: "syn_stream",
      streamId: id,
      associatedId: 0,
      priority: 0,
      slot: 0,
      flags: 0,
      headers: spdyHeaders(headers),
    });
    return stream;
  }

  write(stream: ClientStream, bytes: Uint8Array): void {
    for (let at = 0; at < bytes.length; at += MAX_DATA) {
      const data = bytes.slice(at, at + MAX_DATA);
      this.send({ type: "data", streamId: stream.id, flags: 0, data });
    }
  }

  /** Empty DATA with FIN, as spdystream's Close. */
  fin(stream: ClientStream): void {
    this.send({ type: "data", streamId: stream.id, flags: Flag.fin, data: new Uint8Array() });
  }

  /** GOAWAY, then ends the TLS connection and waits for it to close. */
  async close(): Promise<void> {
    const socket = this.#socket;
    const closed = new Promise<void>((resolve) => {
      if (socket.destroyed) return resolve();
      socket.once("close", () => resolve());
    });
    this.send({ type: "goaway", lastGoodStreamId: 0, status: GoawayStatus.ok });
    // The GOAWAY goes out after queued frames (zlib is async); end once it is written.
    this.send({ type: "ping", id: 0x7ffffff1 }); // a marker frame: by then GOAWAY is written
    await new Promise((resolve) => setTimeout(resolve, 0));
    socket.end();
    try {
      await within(closed, 5_000, "close the SPDY connection");
    } finally {
      socket.destroy();
      this.#compression.close();
    }
  }

  /** Destroys the connection without any frame. */
  destroy(): void {
    this.#socket.destroy();
    this.#compression.close();
  }

  #handle(message: SpdyMessage): void {
    if (!("streamId" in message)) return;
    const stream = this.#streams.get(message.streamId);
    if (!stream) return;
    if (message.type === "syn_reply") stream.resolveReply();
    else if (message.type === "rst_stream") {
      stream.rejectReply(new Error(`SPDY stream ${stream.id} reset (status ${message.status})`));
      stream.onReset?.(message.status);
      stream.resolveEnd();
    } else if (message.type === "data") {
      if (message.data.length > 0) {
        if (stream.onData) stream.onData(message.data);
        else stream.received.push(message.data);
      }
      if (message.flags & Flag.fin) {
        stream.onEnd?.();
        stream.resolveEnd();
      }
    }
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    this.#framer.stop();
    for (const stream of this.#streams.values()) {
      stream.rejectReply(error);
      stream.onReset?.(-1);
      stream.resolveEnd();
    }
  }
}

/** A node Duplex over a SPDY data stream: writes become DATA frames, `end()` or `destroy()` a FIN. */
function streamDuplex(client: SpdyClient, stream: ClientStream): Duplex {
  let finSent = false;
  const fin = () => {
    if (finSent) return;
    finSent = true;
    client.fin(stream);
  };
  const duplex = new Duplex({
    read() {},
    write(chunk: Uint8Array, _encoding, callback) {
      client.write(stream, new Uint8Array(chunk));
      callback();
    },
    final(callback) {
      fin();
      callback();
    },
    // Deno's TLSSocket destroys the Duplex under it instead of ending it (runtime-notes): a closed
    // local side still tells the server we are done, as client-go's dataStream.Close() does.
    destroy(error, callback) {
      fin();
      callback(error);
    },
  });
  for (const bytes of stream.received.splice(0)) duplex.push(bytes);
  stream.onData = (bytes) => duplex.push(bytes);
  stream.onEnd = () => duplex.push(null);
  stream.onReset = () => {
    finSent = true; // nothing more to send on a reset stream
    duplex.destroy();
  };
  return duplex;
}

/** TLS inside the data stream, as etcdctl speaks to an endpoint: SNI `etcd-<node>`, ALPN h2. */
function connectInner(target: PortForwardTarget, duplex: Duplex): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      socket: duplex,
      servername: `etcd-${target.node}`,
      ALPNProtocols: ["h2"],
      ca: target.etcdCaPem,
      cert: target.etcdCertPem,
      key: target.etcdKeyPem,
    }, () => {
      socket.off("error", reject);
      if (socket.alpnProtocol !== "h2") {
        socket.destroy();
        return reject(new Error(`Cannot speak HTTP/2: ALPN is ${socket.alpnProtocol}`));
      }
      resolve(socket);
    });
    socket.once("error", reject);
  });
}

/** Opens an HTTP/2 session on the inner TLS socket. */
function connectHttp2(socket: tls.TLSSocket, node: string): Promise<http2.ClientHttp2Session> {
  return new Promise((resolve, reject) => {
    const session = http2.connect(`https://etcd-${node}:${ETCD_PORT}`, {
      createConnection: () => socket,
    });
    session.once("connect", () => {
      session.off("error", reject);
      session.on("error", () => {});
      resolve(session);
    });
    session.once("error", reject);
  });
}

/** One unary gRPC call; resolves with the response message, rejects on a non-zero grpc-status. */
function unary(
  session: http2.ClientHttp2Session,
  path: string,
  message: Uint8Array,
): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const stream = session.request({
      ":method": "POST",
      ":path": path,
      "content-type": "application/grpc",
      te: "trailers",
    });
    const chunks: Buffer[] = [];
    let status: string | undefined;
    let grpcMessage = "";
    stream.on("response", (headers) => {
      // A trailers-only answer carries grpc-status in the headers.
      if (headers["grpc-status"] !== undefined) status = String(headers["grpc-status"]);
    });
    stream.on("trailers", (trailers) => {
      status = String(trailers["grpc-status"]);
      grpcMessage = String(trailers["grpc-message"] ?? "");
    });
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("error", reject);
    stream.on("close", () => {
      if (status !== "0") {
        return reject(new Error(`Cannot call ${path}: grpc-status ${status} ${grpcMessage}`));
      }
      const body = Buffer.concat(chunks);
      if (body.length < 5 || body[0] !== 0 || body.readUInt32BE(1) !== body.length - 5) {
        return reject(new Error(`Cannot call ${path}: bad gRPC framing (${body.length} bytes)`));
      }
      resolve(new Uint8Array(body.subarray(5)));
    });
    const frame = new Uint8Array(5 + message.length);
    new DataView(frame.buffer).setUint32(1, message.length);
    frame.set(message, 5);
    stream.end(frame);
  });
}

/** Reads the length-delimited and varint fields of a message. */
function fields(bytes: Uint8Array, read: (no: number, r: BinaryReader) => boolean): void {
  const reader = new BinaryReader(bytes);
  while (reader.pos < reader.len) {
    const [no, wireType] = reader.tag();
    if (!read(no, reader)) reader.skip(wireType, no);
  }
}

/** StatusResponse{version = 2, leader = 4}. */
export function decodeStatus(bytes: Uint8Array): { version: string; leader: string } {
  const out = { version: "", leader: "0" };
  fields(bytes, (no, r) => {
    if (no === 2) out.version = r.string();
    else if (no === 4) out.leader = String(r.uint64());
    else return false;
    return true;
  });
  return out;
}

/** MemberListResponse{members = 2 (Member{name = 2})}: the member names. */
export function decodeMemberNames(bytes: Uint8Array): string[] {
  const names: string[] = [];
  fields(bytes, (no, r) => {
    if (no !== 2) return false;
    let name = "";
    fields(r.bytes(), (m, member) => m === 2 && (name = member.string(), true));
    names.push(name);
    return true;
  });
  return names.sort();
}

/** AlarmResponse{alarms = 2}: how many alarms. */
export function decodeAlarmCount(bytes: Uint8Array): number {
  let count = 0;
  fields(bytes, (no, r) => no === 2 && (r.bytes(), count++, true));
  return count;
}

/** AlarmRequest{action = GET (0)}: all defaults, as etcdctl's `alarm list` sends. */
const ALARM_GET = new BinaryWriter().finish();
/** MemberListRequest{linearizable = true}, as clientv3 3.5+ sends. */
const MEMBER_LIST = new BinaryWriter().tag(1, WireType.Varint).bool(true).finish();
const STATUS = new Uint8Array();

/** Waits for a node stream to close (or returns at once when it already has). */
function closedOf(stream: Duplex | tls.TLSSocket): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed) return resolve();
    stream.once("close", () => resolve());
  });
}

/** What a session may be told besides its target. */
export interface SessionOptions {
  /** Stops at this point and destroys the outer socket (no GOAWAY, no FIN). */
  abortAt?: AbortPoint;
  /** Bounds the whole session (default 15 s). */
  timeoutMs?: number;
}

/** Runs one full port-forward session against etcd and closes everything in order. */
export async function runPortForwardSession(
  target: PortForwardTarget,
  options: SessionOptions = {},
): Promise<SessionResult> {
  const outer = await connectOuter(target);
  outer.on("error", () => {});
  let spdy: SpdyClient | undefined;
  let inner: tls.TLSSocket | undefined;
  let session: http2.ClientHttp2Session | undefined;
  const abort = (point: AbortPoint): SessionResult => {
    session?.destroy();
    inner?.destroy();
    outer.destroy();
    spdy?.destroy();
    return { members: [], version: "", leader: "0", alarms: 0, aborted: point };
  };
  try {
    return await within(
      (async () => {
        const head = await upgrade(outer, target.node);
        spdy = new SpdyClient(outer, head);
        if (options.abortAt === "after-upgrade") return abort("after-upgrade");
        const requestId = "0";
        const port = String(ETCD_PORT);
        const error = spdy.open({ streamtype: "error", port, requestid: requestId });
        await error.replied;
        spdy.fin(error); // client-go closes its side of the error stream at once
        const data = spdy.open({ streamtype: "data", port, requestid: requestId });
        await data.replied;
        if (options.abortAt === "after-streams") return abort("after-streams");
        const duplex = streamDuplex(spdy, data);
        inner = await connectInner(target, duplex);
        inner.on("error", () => {});
        if (options.abortAt === "after-inner-handshake") return abort("after-inner-handshake");
        session = await connectHttp2(inner, target.node);
        const status = decodeStatus(
          await unary(session, "/etcdserverpb.Maintenance/Status", STATUS),
        );
        if (options.abortAt === "after-first-call") return abort("after-first-call");
        const members = decodeMemberNames(
          await unary(session, "/etcdserverpb.Cluster/MemberList", MEMBER_LIST),
        );
        const alarms = decodeAlarmCount(
          await unary(session, "/etcdserverpb.Maintenance/Alarm", ALARM_GET),
        );
        // Close in order: GOAWAY, the inner TLS (FIN on the data stream), then the SPDY connection.
        const sessionClosed = new Promise<void>((resolve) => session!.close(() => resolve()));
        await within(sessionClosed, 5_000, "close the HTTP/2 session");
        inner.end();
        await within(data.ended, 5_000, "see the data stream's FIN");
        // Deno's TLSSocket on a Duplex does not pass its end on (runtime-notes): FIN it ourselves.
        if (!duplex.writableEnded && !duplex.destroyed) duplex.end();
        await within(error.ended, 5_000, "see the error stream's FIN");
        inner.destroy();
        duplex.destroy();
        await closedOf(inner);
        if (error.received.length > 0) {
          const text = new TextDecoder().decode(Buffer.concat(error.received));
          throw new Error(`Cannot forward: the error stream says ${text}`);
        }
        await spdy.close();
        return { members, ...status, alarms };
      })(),
      options.timeoutMs ?? 15_000,
      "finish the port-forward session",
    );
  } catch (error) {
    abort("after-upgrade");
    throw error;
  }
}
