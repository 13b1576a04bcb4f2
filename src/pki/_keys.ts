// Private keys: PKCS#1, SEC1 and PKCS#8 in; PKCS#1 (RSA) and SEC1 (EC) out, as Go writes them.
import { encodePem, type PemBlock } from "./_pem.ts";
import { type Bytes, children, encodeTlv, fromHex, OID, readSequence, TAG, toHex } from "./_der.ts";

/** The key types a CA may have: ECDSA (P-256 when generated) or RSA-2048. */
export type KeyAlgorithm = "ecdsa" | "rsa";

/** A key pair ready to sign, with the parameters Web Crypto and x509 need. */
export interface SigningKey {
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  readonly keyAlgorithm: KeyAlgorithm;
  readonly signingAlgorithm: Algorithm | EcdsaParams;
}

const RSA = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
const CURVES: Record<string, string> = { [OID.p256]: "P-256", [OID.p384]: "P-384" };
const INT_1 = new Uint8Array([TAG.integer, 1, 1]);

/** A fresh key pair: ECDSA P-256 (cheap) or RSA-2048 (tens to hundreds of ms; never on a hot path). */
export async function generateKey(keyAlgorithm: KeyAlgorithm): Promise<SigningKey> {
  const params = keyAlgorithm === "rsa"
    ? { ...RSA, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }
    : { name: "ECDSA", namedCurve: "P-256" };
  const pair = await crypto.subtle.generateKey(params, true, ["sign", "verify"]) as CryptoKeyPair;
  return signingKey(pair.privateKey, pair.publicKey, keyAlgorithm);
}

/** Imports a PKCS#1, SEC1 or PKCS#8 private key block; throws a plain Error saying what is wrong. */
export async function importPrivateKey(block: PemBlock): Promise<SigningKey> {
  const pkcs8 = block.label === "RSA PRIVATE KEY"
    ? wrapPkcs8(algorithmId(OID.rsaEncryption), block.der)
    : block.label === "EC PRIVATE KEY"
    ? sec1ToPkcs8(block.der)
    : block.der;
  const [oid, param] = children(readSequence(pkcs8)[1].value);
  let params: RsaHashedImportParams | EcKeyImportParams;
  if (toHex(oid.value) === OID.rsaEncryption) params = RSA;
  else if (toHex(oid.value) === OID.ecPublicKey && param?.tag === TAG.oid) {
    const namedCurve = CURVES[toHex(param.value)];
    if (!namedCurve) throw new Error("unsupported elliptic curve (want P-256 or P-384)");
    params = { name: "ECDSA", namedCurve };
  } else throw new Error("unsupported key algorithm (want RSA or ECDSA)");
  const privateKey = await crypto.subtle.importKey("pkcs8", pkcs8, params, true, ["sign"]);
  // Web Crypto cannot derive a public key directly; its JWK minus the private members is one.
  const { kty, crv, x, y, n, e } = await crypto.subtle.exportKey("jwk", privateKey);
  const publicKey = await crypto.subtle.importKey("jwk", { kty, crv, x, y, n, e }, params, true, [
    "verify",
  ]);
  return signingKey(privateKey, publicKey, params.name === "ECDSA" ? "ecdsa" : "rsa");
}

/** PEM of a private key in Go's traditional formats: "RSA PRIVATE KEY" (PKCS#1) or "EC PRIVATE KEY" (SEC1). */
export async function exportPrivateKeyPem(key: SigningKey): Promise<string> {
  if (key.keyAlgorithm === "rsa") {
    const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", key.privateKey));
    return encodePem("RSA PRIVATE KEY", readSequence(pkcs8)[2].value);
  }
  // Go's ParseECPrivateKey needs the curve inside the SEC1 structure, which a PKCS#8 export leaves out.
  const { crv, d, x, y } = await crypto.subtle.exportKey("jwk", key.privateKey);
  const curveOid = crv === "P-384" ? OID.p384 : OID.p256;
  const point = new Uint8Array([0, 4, ...base64url(x!), ...base64url(y!)]);
  return encodePem(
    "EC PRIVATE KEY",
    encodeTlv(
      TAG.sequence,
      INT_1,
      encodeTlv(TAG.octetString, base64url(d!)),
      encodeTlv(TAG.context0, encodeTlv(TAG.oid, fromHex(curveOid))),
      encodeTlv(TAG.context1, encodeTlv(TAG.bitString, point)),
    ),
  );
}

/** True when `spki` (a certificate's public key) is the public half of `key`. */
export async function matchesPublicKey(key: SigningKey, spki: ArrayBuffer): Promise<boolean> {
  let theirs: CryptoKey;
  try {
    theirs = await crypto.subtle.importKey("spki", spki, key.publicKey.algorithm, true, ["verify"]);
  } catch {
    return false; // another algorithm or curve
  }
  const [a, b] = await Promise.all(
    [key.publicKey, theirs].map((k) => crypto.subtle.exportKey("jwk", k)),
  );
  return a.n === b.n && a.e === b.e && a.x === b.x && a.y === b.y;
}

function signingKey(
  privateKey: CryptoKey,
  publicKey: CryptoKey,
  keyAlgorithm: KeyAlgorithm,
): SigningKey {
  const curve = (privateKey.algorithm as EcKeyAlgorithm).namedCurve;
  const signingAlgorithm = keyAlgorithm === "rsa"
    ? { name: RSA.name }
    : { name: "ECDSA", hash: curve === "P-384" ? "SHA-384" : "SHA-256" };
  return { privateKey, publicKey, keyAlgorithm, signingAlgorithm };
}

// SEC1 names its curve in an optional [0]; PKCS#8 moves it into the AlgorithmIdentifier.
function sec1ToPkcs8(sec1: Bytes): Bytes {
  const params = readSequence(sec1).find((t) => t.tag === TAG.context0);
  if (!params) throw new Error("the EC key does not name its curve");
  return wrapPkcs8(algorithmId(OID.ecPublicKey, params.value), sec1);
}

function algorithmId(oid: string, params: Uint8Array = new Uint8Array([TAG.null, 0])): Bytes {
  return encodeTlv(TAG.sequence, encodeTlv(TAG.oid, fromHex(oid)), params);
}

function wrapPkcs8(algId: Uint8Array, key: Uint8Array): Bytes {
  return encodeTlv(
    TAG.sequence,
    new Uint8Array([TAG.integer, 1, 0]),
    algId,
    encodeTlv(TAG.octetString, key),
  );
}

function base64url(s: string): Uint8Array {
  return Uint8Array.from(atob(s.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
}
