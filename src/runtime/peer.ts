// Who is on the other end of a TLS connection: the verified client certificate's identity.
import type { TLSSocket } from "node:tls";

/** The client of one connection, as the HTTP layer needs it for authentication. */
export interface Peer {
  /** True when the client presented a certificate that chains to the endpoint's client CA. */
  authorized: boolean;
  /** The client certificate's subject CN (the Kubernetes user name), if any. */
  commonName?: string;
  /** The client certificate's subject O values (the Kubernetes groups). */
  organizations: string[];
  /** SHA-256 of the client certificate's DER, lower-case hex (its credential ID since 1.32). */
  certificateSha256?: string;
  /** The protocol chosen by ALPN; connections without ALPN count as HTTP/1.1. */
  alpn: "h2" | "http/1.1";
  /** The client's IP address. */
  remoteAddress: string;
}

/** Reads the peer of a freshly established TLS connection (once: parsing the certificate is not free). */
export function peerOf(socket: TLSSocket): Peer {
  // Repeated attributes (several O=) arrive as an array; an anonymous client has no subject.
  const certificate = socket.getPeerCertificate();
  const subject = certificate?.subject as unknown as
    | Record<string, string | string[] | undefined>
    | undefined;
  const commonName = [subject?.CN ?? []].flat()[0];
  // `AB:CD:...` as node:tls prints it; absent (or empty) without a certificate.
  const fingerprint = certificate?.fingerprint256;
  return {
    authorized: socket.authorized === true,
    commonName,
    organizations: [subject?.O ?? []].flat(),
    ...(fingerprint ? { certificateSha256: fingerprint.replaceAll(":", "").toLowerCase() } : {}),
    alpn: socket.alpnProtocol === "h2" ? "h2" : "http/1.1",
    remoteAddress: socket.remoteAddress ?? "",
  };
}
