// Leaf certificates signed by a CA: serving certificates for the fake API servers, client certificates for users.
import { publicKeyInfo, signCertificate } from "./_certificate.ts";
import type { Bytes } from "./_der.ts";
import {
  CLIENT_AUTH,
  LEAF_BASIC_CONSTRAINTS,
  LEAF_KEY_USAGE,
  SERVER_AUTH,
  subjectKeyIdentifier,
} from "./_extensions.ts";
import { exportKeyPair, generateKey } from "./_keys.ts";
import { encodeName, type Rdn } from "./_name.ts";
import { encodePem } from "./_pem.ts";
import type { CertificateAuthority } from "./certificate_authority.ts";
import { PkiError } from "./pki_error.ts";
import { subjectAltName } from "./_subject_alt_name.ts";

/** A certificate and its private key, both PEM; the key is SEC1 "EC PRIVATE KEY" (ECDSA P-256). */
export interface KeyPairPem {
  certPem: string;
  keyPem: string;
}

/** Issues a TLS server certificate (serverAuth) for the given DNS names and IPv4/IPv6 addresses, 365 days by default. */
export async function issueServingCertificate(
  ca: CertificateAuthority,
  o: {
    commonName: string;
    dnsNames: string[];
    ipAddresses: string[];
    now: Date;
    validityDays?: number;
  },
): Promise<KeyPairPem> {
  let san: Bytes[];
  try {
    san = servingSan(o.dnsNames, o.ipAddresses);
  } catch (cause) {
    throw new PkiError(`Cannot issue serving certificate: ${(cause as Error).message}`, { cause });
  }
  return await issue(ca, [["CN", o.commonName]], SERVER_AUTH, o, san);
}

// Every cluster's serving certificate names the same hosts (listener_control.ts): the SAN
// extension is encoded once per list of names (the encodings are never written to).
const SAN_LIMIT = 64;
const sanByNames = new Map<string, Bytes[]>();

function servingSan(dnsNames: string[], ipAddresses: string[]): Bytes[] {
  const key = JSON.stringify([dnsNames, ipAddresses]);
  let san = sanByNames.get(key);
  if (san === undefined) {
    san = subjectAltName(dnsNames, ipAddresses);
    if (sanByNames.size >= SAN_LIMIT) sanByNames.clear();
    sanByNames.set(key, san);
  }
  return san;
}

/** Issues a TLS client certificate (clientAuth) whose CN is the user and each O a group, e.g. system:masters. */
export function issueClientCertificate(
  ca: CertificateAuthority,
  o: { commonName: string; organizations: string[]; now: Date; validityDays?: number },
): Promise<KeyPairPem> {
  // Kubernetes reads CN as the user name and every O as a group; Go orders O before CN.
  const subject: Rdn[] = [...o.organizations.map((org): Rdn => ["O", org]), ["CN", o.commonName]];
  return issue(ca, subject, CLIENT_AUTH, o, []);
}

async function issue(
  ca: CertificateAuthority,
  subject: Rdn[],
  usage: Bytes,
  o: { now: Date; validityDays?: number },
  san: Bytes[],
): Promise<KeyPairPem> {
  // Always P-256, even under an RSA CA: RSA key generation is far too slow for a hot path.
  const key = await generateKey("ecdsa");
  const { spki, keyPem } = await exportKeyPair(key);
  const { keyId } = publicKeyInfo(spki);
  // The order x509 wrote them in before; nothing depends on it, but the bytes stay comparable.
  const extensions = [
    LEAF_BASIC_CONSTRAINTS,
    LEAF_KEY_USAGE,
    usage,
    subjectKeyIdentifier(keyId),
    ...san,
  ];
  if (ca.signer.authorityKeyId) extensions.push(ca.signer.authorityKeyId);
  const { der } = await signCertificate({
    subject: encodeName(subject),
    issuer: ca.signer.subject,
    spki,
    signer: await ca.signer.key,
    now: o.now,
    validityDays: o.validityDays ?? 365,
    extensions,
  });
  return { certPem: encodePem("CERTIFICATE", der), keyPem };
}
