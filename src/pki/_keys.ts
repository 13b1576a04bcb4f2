// Private keys: PKCS#1, SEC1 and PKCS#8 in; PKCS#1 (RSA) and SEC1 (EC) out, as Go writes them.
import { encodePem, type PemBlock } from "./_pem.ts";
import { type Bytes, children, encodeTlv, fromHex, OID, readSequence, TAG, toHex } from "./_der.ts";

/** The key types a CA may have: ECDSA (P-256 when generated) or RSA-2048. */
export type KeyAlgorithm = "ecdsa" | "rsa";

/** A key pair ready to sign, with the parameters Web Crypto needs. */
export interface SigningKey {
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  readonly keyAlgorithm: KeyAlgorithm;
  readonly signingAlgorithm: Algorithm | EcdsaParams;
}

const RSA = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
const CURVES: Record<string, string> = { [OID.p256]: "P-256", [OID.p384]: "P-384" };
const UNCOMPRESSED = new Uint8Array([0, 4]);

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
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", key.privateKey));
  if (key.keyAlgorithm === "rsa") return encodePem("RSA PRIVATE KEY", readSequence(pkcs8)[2].value);
  return (await ecKeyParts(key, pkcs8)).keyPem;
}

/** A new key's SubjectPublicKeyInfo (DER) and private key PEM; an EC key needs a single export for both. */
export async function exportKeyPair(key: SigningKey): Promise<{ spki: Bytes; keyPem: string }> {
  if (key.keyAlgorithm === "rsa") {
    const [spki, keyPem] = await Promise.all([
      crypto.subtle.exportKey("spki", key.publicKey),
      exportPrivateKeyPem(key),
    ]);
    return { spki: new Uint8Array(spki), keyPem };
  }
  return ecKeyParts(key, new Uint8Array(await crypto.subtle.exportKey("pkcs8", key.privateKey)));
}

// SPKI and SEC1 from an EC key's PKCS#8 export, whose inner ECPrivateKey holds the public point in
// Deno and Bun; a PKCS#8 export is also several times cheaper than a JWK or SPKI one on Deno, and Go's
// ParseECPrivateKey needs the curve inside SEC1, which PKCS#8 moves out, so it goes back in as [0].
async function ecKeyParts(key: SigningKey, pkcs8: Bytes): Promise<{ spki: Bytes; keyPem: string }> {
  const [, algId, wrapped] = readSequence(pkcs8);
  const curve = children(algId.value)[1];
  const [version, secret, ...optional] = readSequence(wrapped.value);
  const publicKey = optional.find((t) => t.tag === TAG.context1);
  // The point as a BIT STRING element: the [1] content, or else rebuilt from the JWK (04||X||Y).
  const point = publicKey ? publicKey.value : await jwkPoint(key);
  const spki = encodeTlv(TAG.sequence, encodeTlv(TAG.sequence, algId.value), point);
  const sec1 = encodeTlv(
    TAG.sequence,
    encodeTlv(TAG.integer, version.value),
    encodeTlv(TAG.octetString, secret.value),
    encodeTlv(TAG.context0, encodeTlv(TAG.oid, curve.value)),
    encodeTlv(TAG.context1, point),
  );
  return { spki, keyPem: encodePem("EC PRIVATE KEY", sec1) };
}

async function jwkPoint(key: SigningKey): Promise<Bytes> {
  const { x, y } = await crypto.subtle.exportKey("jwk", key.publicKey);
  return encodeTlv(TAG.bitString, UNCOMPRESSED, base64url(x!), base64url(y!));
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
  const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
