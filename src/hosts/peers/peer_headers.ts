// The headers replicas exchange, and which headers a forward passes on in each direction.

/** Set on a forwarded request: the index of the replica that forwarded it (the owner serves it). */
export const FORWARDED_BY_HEADER = "Fkas-Forwarded-By";
/** Set on a forwarded request: the forwarder's PeerSet fingerprint (both must agree on --peers). */
export const PEERS_HEADER = "Fkas-Peers";

// Hop-by-hop headers (RFC 9110 7.6.1) and those fetch rewrites: a forward sets its own.
const REQUEST_DROPPED = ["connection", "keep-alive", "host", "content-length", "transfer-encoding"];
// fetch decodes a compressed answer but keeps Content-Encoding; the re-sent body is identity.
const RESPONSE_DROPPED = [
  "connection",
  "keep-alive",
  "content-length",
  "transfer-encoding",
  "content-encoding",
];

/** The headers of a request forwarded by replica `from`, marked so the owner serves it. */
export function forwardedRequestHeaders(
  original: Headers,
  from: number,
  fingerprint: string,
): Headers {
  const headers = new Headers(original);
  for (const name of REQUEST_DROPPED) headers.delete(name);
  // The answer is relayed as is: an identity body keeps fetch from decoding it on the way.
  headers.set("accept-encoding", "identity");
  headers.set(FORWARDED_BY_HEADER, String(from));
  headers.set(PEERS_HEADER, fingerprint);
  return headers;
}

/** The owner's response headers as the client should see them. */
export function relayedResponseHeaders(original: Headers): Headers {
  const headers = new Headers(original);
  for (const name of RESPONSE_DROPPED) headers.delete(name);
  return headers;
}
