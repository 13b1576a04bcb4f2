// A cluster's service-account signing key: RS256 over RSA-2048 as kubeadm's `sa.key`, signing
// TokenRequest JWTs and published as the cluster's JWKS (k8s.io/kubernetes pkg/serviceaccount
// jwt.go `JWTTokenGenerator`, openidmetadata.go). Web Crypto only.

import { AuthError } from "./auth_error.ts";
import { base64UrlBytes, base64UrlText, fromBase64Url } from "./_base64url.ts";

const ALGORITHM = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as const;

/** One key of `/openid/v1/jwks`, fields in go-jose's order. */
export interface PublicJwk {
  readonly use: "sig";
  readonly kty: "RSA";
  readonly kid: string;
  readonly alg: "RS256";
  readonly n: string;
  readonly e: string;
}

/** A JWT whose signature this key verified: its claims, not yet checked for time or audience. */
export type VerifiedClaims = Record<string, unknown>;

/** A signing key pair with its key ID, made once per cluster on first use. */
export class ServiceAccountKey {
  private constructor(
    readonly keyId: string,
    readonly jwk: PublicJwk,
    private readonly privateKey: CryptoKey,
    private readonly publicKey: CryptoKey,
  ) {}

  /** Generates a fresh RSA-2048 key; the key ID is kube's: base64url(SHA-256(PKIX DER)). */
  static async generate(): Promise<ServiceAccountKey> {
    try {
      const pair = await crypto.subtle.generateKey(
        { ...ALGORITHM, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
        true,
        ["sign", "verify"],
      ) as CryptoKeyPair;
      const spki = new Uint8Array(await crypto.subtle.exportKey("spki", pair.publicKey));
      const keyId = base64UrlBytes(new Uint8Array(await crypto.subtle.digest("SHA-256", spki)));
      const { n, e } = await crypto.subtle.exportKey("jwk", pair.publicKey);
      const jwk: PublicJwk = { use: "sig", kty: "RSA", kid: keyId, alg: "RS256", n: n!, e: e! };
      // The private half never leaves Web Crypto once made.
      const privateKey = await crypto.subtle.importKey(
        "jwk",
        await crypto.subtle.exportKey("jwk", pair.privateKey),
        ALGORITHM,
        false,
        ["sign"],
      );
      return new ServiceAccountKey(keyId, jwk, privateKey, pair.publicKey);
    } catch (error) {
      throw new AuthError(`Cannot generate the service account key: ${error}`, { cause: error });
    }
  }

  /** Signs claims as a compact JWS with kube's header `{"alg":"RS256","kid":...}`. */
  async sign(claims: object): Promise<string> {
    const input = `${base64UrlText(JSON.stringify({ alg: "RS256", kid: this.keyId }))}.${
      base64UrlText(JSON.stringify(claims))
    }`;
    const signature = await crypto.subtle.sign(
      ALGORITHM,
      this.privateKey,
      new TextEncoder().encode(input),
    );
    return `${input}.${base64UrlBytes(new Uint8Array(signature))}`;
  }

  /**
   * Verifies a compact JWS signed with this key and answers its claims; throws AuthError with
   * go-jose's words when the signature does not verify.
   */
  async verify(token: string): Promise<VerifiedClaims> {
    const parts = token.split(".");
    const signature = parts.length === 3 ? fromBase64Url(parts[2]) : undefined;
    const claims = parts.length === 3 ? unverifiedClaims(token) : undefined;
    if (!signature || !claims) {
      throw new AuthError("go-jose/go-jose: compact JWS format must have three parts");
    }
    const valid = await crypto.subtle.verify(
      ALGORITHM,
      this.publicKey,
      signature,
      new TextEncoder().encode(`${parts[0]}.${parts[1]}`),
    );
    if (!valid) throw new AuthError("go-jose/go-jose: error in cryptographic primitive");
    return claims;
  }
}

/** The payload of a compact JWT without checking its signature (to see its issuer first). */
export function unverifiedClaims(token: string): VerifiedClaims | undefined {
  const parts = token.split(".");
  if (parts.length !== 3) return undefined;
  const payload = fromBase64Url(parts[1]);
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(payload));
    return typeof claims === "object" && claims !== null && !Array.isArray(claims)
      ? claims
      : undefined;
  } catch {
    return undefined;
  }
}
