// The X.509 v3 extensions fkas writes, as DER: constants where every certificate shares the bytes.
import { type Bytes, encodeTlv, fromHex, TAG } from "./_der.ts";

const CRITICAL = new Uint8Array([TAG.boolean, 1, 0xff]);

/** One Extension: SEQUENCE { extnID, critical (only when TRUE, as DER wants), extnValue OCTET STRING }. */
export function encodeExtension(oidHex: string, critical: boolean, value: Uint8Array): Bytes {
  const oid = encodeTlv(TAG.oid, fromHex(oidHex));
  const octets = encodeTlv(TAG.octetString, value);
  return critical
    ? encodeTlv(TAG.sequence, oid, CRITICAL, octets)
    : encodeTlv(TAG.sequence, oid, octets);
}

const BASIC_CONSTRAINTS = "551d13";
const KEY_USAGE = "551d0f";
const EXT_KEY_USAGE = "551d25";
const SUBJECT_KEY_ID = "551d0e";
const AUTHORITY_KEY_ID = "551d23";

/** basicConstraints, critical: cA TRUE with no path length limit. */
export const CA_BASIC_CONSTRAINTS = encodeExtension(BASIC_CONSTRAINTS, true, fromHex("30030101ff"));
/** basicConstraints, critical: an empty SEQUENCE, i.e. cA FALSE (a DEFAULT, so left out). */
export const LEAF_BASIC_CONSTRAINTS = encodeExtension(BASIC_CONSTRAINTS, true, fromHex("3000"));
// keyUsage BIT STRINGs drop trailing zero bits: the first byte counts the unused ones.
/** keyUsage, critical: digitalSignature, keyCertSign and cRLSign (bits 0, 5, 6). */
export const CA_KEY_USAGE = encodeExtension(KEY_USAGE, true, fromHex("03020186"));
/** keyUsage, critical: digitalSignature only; RFC 5480 does not allow keyEncipherment with an EC key. */
export const LEAF_KEY_USAGE = encodeExtension(KEY_USAGE, true, fromHex("03020780"));
/** extKeyUsage: serverAuth (1.3.6.1.5.5.7.3.1). */
export const SERVER_AUTH = encodeExtension(
  EXT_KEY_USAGE,
  false,
  fromHex("300a06082b06010505070301"),
);
/** extKeyUsage: clientAuth (1.3.6.1.5.5.7.3.2). */
export const CLIENT_AUTH = encodeExtension(
  EXT_KEY_USAGE,
  false,
  fromHex("300a06082b06010505070302"),
);

/** subjectKeyIdentifier: the key id as an OCTET STRING. */
export function subjectKeyIdentifier(keyId: Uint8Array): Bytes {
  return encodeExtension(SUBJECT_KEY_ID, false, encodeTlv(TAG.octetString, keyId));
}

/** authorityKeyIdentifier: SEQUENCE { [0] IMPLICIT keyIdentifier }, the issuer's subject key id. */
export function authorityKeyIdentifier(keyId: Uint8Array): Bytes {
  return encodeExtension(AUTHORITY_KEY_ID, false, encodeTlv(TAG.sequence, encodeTlv(0x80, keyId)));
}
