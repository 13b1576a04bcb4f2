// PEM text in and out: the first block of a file, and Go's layout when writing.
import type { Bytes } from "./_der.ts";

/** One PEM block: its label ("RSA PRIVATE KEY", "CERTIFICATE", ...) and DER content. */
export interface PemBlock {
  label: string;
  der: Bytes;
}

/** The first PEM block of `text`, or undefined when there is none or it is encrypted. */
export function decodePem(text: string): PemBlock | undefined {
  const m = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/.exec(text);
  // A ":" means RFC 1421 headers ("Proc-Type: 4,ENCRYPTED"): nothing we can read without a password.
  if (!m || m[2].includes(":")) return undefined;
  try {
    return {
      label: m[1],
      der: Uint8Array.from(atob(m[2].replace(/\s+/g, "")), (c) => c.charCodeAt(0)),
    };
  } catch {
    return undefined;
  }
}

/** PEM text of `der` under `label`, 64 columns and a final newline like Go's pem.Encode. */
export function encodePem(label: string, der: Uint8Array | ArrayBuffer): string {
  const bytes = der instanceof Uint8Array ? der : new Uint8Array(der);
  // The typed array's own base64 (ES2026; both runtimes have it): a fifth of the CPU of a binary
  // string through btoa, for the half-dozen PEMs of a cluster.
  const base64 = bytes.toBase64();
  // Joined, not concatenated: a PEM is kept for the cluster's life, and a concatenation would
  // stay a rope of its lines.
  const lines: string[] = [];
  for (let i = 0; i < base64.length; i += 64) lines.push(base64.slice(i, i + 64));
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}
