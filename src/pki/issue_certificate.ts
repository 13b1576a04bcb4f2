// Leaf certificates signed by a CA: serving certificates for the fake API servers, client certificates for users.
import { x509 } from "./_x509.ts";
import { type CertName, publicKeyInfo, signCertificate } from "./_certificate.ts";
import { exportPrivateKeyPem, generateKey } from "./_keys.ts";
import { encodePem } from "./_pem.ts";
import type { CertificateAuthority } from "./certificate_authority.ts";
import { PkiError } from "./pki_error.ts";
import { subjectAltName } from "./_subject_alt_name.ts";

/** A certificate and its private key, both PEM; the key is SEC1 "EC PRIVATE KEY" (ECDSA P-256). */
export interface KeyPairPem {
  certPem: string;
  keyPem: string;
}

// Extensions every leaf shares, encoded once: x509 serializes ASN.1 in each constructor.
const NOT_A_CA = new x509.BasicConstraintsExtension(false, undefined, true);
// Only digitalSignature: RFC 5480 does not allow keyEncipherment with an EC key.
const DIGITAL_SIGNATURE = new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true);
const SERVER_AUTH = new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]);
const CLIENT_AUTH = new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]);

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
  let san: x509.Extension[];
  try {
    san = subjectAltName(o.dnsNames, o.ipAddresses);
  } catch (cause) {
    throw new PkiError(`Cannot issue serving certificate: ${(cause as Error).message}`, { cause });
  }
  return await issue(ca, [{ CN: [o.commonName] }], SERVER_AUTH, o, san);
}

/** Issues a TLS client certificate (clientAuth) whose CN is the user and each O a group, e.g. system:masters. */
export function issueClientCertificate(
  ca: CertificateAuthority,
  o: { commonName: string; organizations: string[]; now: Date; validityDays?: number },
): Promise<KeyPairPem> {
  // Kubernetes reads CN as the user name and every O as a group; Go orders O before CN.
  const subject = [...o.organizations.map((org) => ({ O: [org] })), { CN: [o.commonName] }];
  return issue(ca, subject, CLIENT_AUTH, o, []);
}

async function issue(
  ca: CertificateAuthority,
  subject: CertName,
  usage: x509.Extension,
  o: { now: Date; validityDays?: number },
  extra: x509.Extension[],
): Promise<KeyPairPem> {
  // Always P-256, even under an RSA CA: RSA key generation is far too slow for a hot path.
  const key = await generateKey("ecdsa");
  const publicKey = await publicKeyInfo(key.publicKey);
  const extensions = [
    NOT_A_CA,
    DIGITAL_SIGNATURE,
    usage,
    new x509.SubjectKeyIdentifierExtension(publicKey.keyId),
    ...extra,
  ];
  if (ca.signer.authorityKeyId) extensions.push(ca.signer.authorityKeyId);
  const cert = await signCertificate({
    subject,
    issuer: ca.signer.subject,
    publicKey,
    signer: ca.signer.key,
    now: o.now,
    validityDays: o.validityDays ?? 365,
    extensions,
  });
  return {
    certPem: encodePem("CERTIFICATE", cert.rawData),
    keyPem: await exportPrivateKeyPem(key),
  };
}
