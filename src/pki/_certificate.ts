// What every certificate fkas signs has in common: the TBSCertificate, hand-encoded DER, signed with Web Crypto.
import { type Bytes, encodeTlv, readSequence, TAG } from "./_der.ts";
import type { SigningKey } from "./_keys.ts";
import { sign, signatureAlgorithm } from "./_signature.ts";
import { sha1, sha256 } from "../runtime/mod.ts";

/** Everything that differs between the certificates fkas signs; names and extensions already DER. */
export interface CertificateParams {
  subject: Bytes;
  issuer: Bytes;
  spki: Bytes;
  signer: SigningKey;
  now: Date;
  validityDays: number;
  extensions: Bytes[];
}

/** A signed certificate (DER) and its notAfter, whole seconds as the certificate holds it. */
export interface SignedCertificate {
  der: Bytes;
  notAfter: Date;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const V3 = new Uint8Array([TAG.context0, 3, TAG.integer, 1, 2]);

/** Signs an X.509 v3 certificate: random positive serial, valid from a minute before `now` to tolerate clock skew. */
export async function signCertificate(p: CertificateParams): Promise<SignedCertificate> {
  const notBefore = wholeSeconds(p.now.getTime() - MINUTE_MS);
  const notAfter = wholeSeconds(p.now.getTime() + p.validityDays * DAY_MS);
  const algorithm = signatureAlgorithm(p.signer);
  const tbs = encodeTlv(
    TAG.sequence,
    V3,
    randomSerialNumber(),
    algorithm,
    p.issuer,
    encodeTlv(TAG.sequence, encodeTime(notBefore), encodeTime(notAfter)),
    p.subject,
    p.spki,
    encodeTlv(TAG.context3, encodeTlv(TAG.sequence, ...p.extensions)),
  );
  const signature = await sign(p.signer, tbs);
  const der = encodeTlv(
    TAG.sequence,
    tbs,
    algorithm,
    encodeTlv(TAG.bitString, NO_UNUSED_BITS, signature),
  );
  return { der, notAfter: new Date(notAfter) };
}

const NO_UNUSED_BITS = new Uint8Array(1);

/** A public key as DER SubjectPublicKeyInfo, with its RFC 5280 key identifier. */
export interface PublicKeyInfo {
  spki: Bytes;
  keyId: Bytes;
}

/** The key identifier of a SubjectPublicKeyInfo, for SubjectKeyIdentifier and the AKI of what it signs. */
export function publicKeyInfo(spki: Bytes): PublicKeyInfo {
  // RFC 5280 4.2.1.2 method 1, as Go computes it: SHA-1 of the subjectPublicKey BIT STRING minus its
  // unused-bits byte.
  const bits = readSequence(spki)[1].value.subarray(1);
  return { spki, keyId: sha1(bits) };
}

/** SHA-256 of a DER certificate as openssl prints it: "AB:CD:...". */
export function fingerprintSha256(der: Bytes): string {
  const digest = sha256(der);
  let text = HEX_PAIRS[digest[0]];
  for (let i = 1; i < digest.length; i++) text += ":" + HEX_PAIRS[digest[i]];
  return text;
}

// "00" to "FF": a fingerprint is two table reads per byte, not a string conversion and a pad.
const HEX_PAIRS = Array.from(
  { length: 256 },
  (_, b) => b.toString(16).padStart(2, "0").toUpperCase(),
);

function wholeSeconds(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

// RFC 5280 4.1.2.5: UTCTime (YYMMDDHHMMSSZ) through 2049, GeneralizedTime (YYYYMMDDHHMMSSZ) from 2050;
// both in UTC with seconds and no fractions.
function encodeTime(ms: number): Bytes {
  const iso = new Date(ms).toISOString(); // 2026-03-01T10:00:00.000Z
  const digits = iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10) + iso.slice(11, 13) +
    iso.slice(14, 16) + iso.slice(17, 19) + "Z";
  const year = new Date(ms).getUTCFullYear();
  return year < 2050
    ? encodeTlv(TAG.utcTime, ascii(digits.slice(2)))
    : encodeTlv(TAG.generalizedTime, ascii(digits));
}

function ascii(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

// 16 random bytes with the top bits set to 01: positive (Go rejects negative serials) and never padded.
function randomSerialNumber(): Bytes {
  const serial = new Uint8Array(18);
  serial[0] = TAG.integer;
  serial[1] = 16;
  crypto.getRandomValues(serial.subarray(2));
  serial[2] = (serial[2] & 0x7f) | 0x40;
  return serial;
}
