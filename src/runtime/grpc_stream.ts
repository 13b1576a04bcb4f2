// The seam for HTTP/2 streams with content-type application/grpc (the fake etcd).
import type { Http2ServerRequest, Http2ServerResponse } from "node:http2";
import type { Peer } from "./peer.ts";

/** One gRPC call's stream: request headers and body in, response headers, messages and trailers out. */
export interface GrpcStream {
  /** The `:path`, e.g. `/etcdserverpb.Cluster/MemberList`. */
  readonly path: string;
  readonly headers: Headers;
  /** The request body as it arrives (length-prefixed messages, possibly split or merged). */
  readonly body: AsyncIterable<Uint8Array>;
  /** Sends `:status: 200` with these headers. */
  respond(headers: Record<string, string>): void;
  /** Sends DATA bytes. */
  write(data: Uint8Array): void;
  /** Ends the stream with these trailers (`grpc-status`, `grpc-message`). */
  end(trailers: Record<string, string>): void;
}

/** Serves one gRPC stream. */
export type GrpcStreamHandler = (stream: GrpcStream, peer: Peer) => void | Promise<void>;

/** True when an HTTP/2 request is a gRPC call. */
export function isGrpcRequest(incoming: Http2ServerRequest): boolean {
  return incoming.headers["content-type"]?.startsWith("application/grpc") === true;
}

/** Wraps node's HTTP/2 compatibility request/response pair as a GrpcStream (it always waits for trailers, so trailers go through `addTrailers`). */
export function grpcStreamOf(
  incoming: Http2ServerRequest,
  outgoing: Http2ServerResponse,
): GrpcStream {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (!name.startsWith(":") && value !== undefined) headers.set(name, [value].flat().join(", "));
  }
  return {
    path: incoming.url,
    headers,
    body: incoming,
    respond: (responseHeaders) => void outgoing.writeHead(200, responseHeaders),
    write: (data) => void outgoing.write(data),
    end(trailers) {
      outgoing.addTrailers(trailers);
      outgoing.end();
    },
  };
}
