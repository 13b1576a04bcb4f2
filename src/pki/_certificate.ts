// What every certificate fkas signs has in common: serial, validity window, signing, fingerprint.
import { x509 } from "./_x509.ts";
import { readSequence, toHex } from "./_der.ts";
import type { SigningKey } from "./_keys.ts";

/** Subject or issuer of a certificate, as x509 takes it. */
export type CertName = x509.JsonName | x509.Name;

/** Everything that differs between the certificates fkas signs. */
export interface CertificateParams {
  subject: CertName;
  issuer: CertName;
  publicKey: PublicKeyInfo;
  signer: SigningKey;
  now: Date;
  validityDays: number;
  extensions: x509.Extension[];
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** Signs a certificate: random positive serial, valid from a minute before `now` to tolerate clock skew. */
export function signCertificate(p: CertificateParams): Promise<x509.X509Certificate> {
  return x509.X509CertificateGenerator.create({
    serialNumber: randomSerialNumber(),
    subject: p.subject,
    issuer: p.issuer,
    notBefore: new Date(p.now.getTime() - MINUTE_MS),
    notAfter: new Date(p.now.getTime() + p.validityDays * DAY_MS),
    publicKey: p.publicKey.spki,
    signingKey: p.signer.privateKey,
    signingAlgorithm: p.signer.signingAlgorithm,
    extensions: p.extensions,
  });
}

/** A public key as DER SubjectPublicKeyInfo, with its RFC 5280 key identifier (hex). */
export interface PublicKeyInfo {
  spki: ArrayBuffer;
  keyId: string;
}

/** Exports a public key once for both the certificate and its SubjectKeyIdentifier. */
export async function publicKeyInfo(key: CryptoKey): Promise<PublicKeyInfo> {
  const spki = await crypto.subtle.exportKey("spki", key);
  // RFC 5280 4.2.1.2 method 1, as Go computes it: SHA-1 of the subjectPublicKey BIT STRING minus its
  // unused-bits byte. Done here because x509's SubjectKeyIdentifierExtension.create costs ~0.6 ms.
  const bits = readSequence(new Uint8Array(spki))[1].value.subarray(1);
  return { spki, keyId: toHex(new Uint8Array(await crypto.subtle.digest("SHA-1", bits))) };
}

/** SHA-256 of a DER certificate as openssl prints it: "AB:CD:...". */
export async function fingerprintSha256(der: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", der));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0").toUpperCase()).join(":");
}

// 16 random bytes with the top bits set to 01: positive (Go rejects negative serials) and never padded.
function randomSerialNumber(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] & 0x7f) | 0x40;
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
