// Test helpers: CAs self-signed here for keys node:crypto made, and a DER peek at certificates' raw names.
import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { children, readSequence } from "../../src/pki/_der.ts";
import { x509 } from "../../src/pki/_x509.ts";

/** A key pair from node:crypto: RSA-2048, or EC on "prime256v1" / "secp384r1". */
export function nodeKeyPair(kind: "rsa" | "prime256v1" | "secp384r1") {
  return kind === "rsa"
    ? generateKeyPairSync("rsa", { modulusLength: 2048 })
    : generateKeyPairSync("ec", { namedCurve: kind });
}

/** The same private key in every PEM format the loader accepts. */
export function exportFormats(privateKey: KeyObject): Record<string, string> {
  const traditional = privateKey.asymmetricKeyType === "rsa" ? "pkcs1" : "sec1";
  return {
    [traditional]: privateKey.export({ type: traditional, format: "pem" }) as string,
    pkcs8: privateKey.export({ type: "pkcs8", format: "pem" }) as string,
  };
}

/** A self-signed certificate for a node:crypto key pair, a CA unless `ca` is false; CN is UTF8String like openssl writes. */
export async function selfSign(
  pair: { privateKey: KeyObject; publicKey: KeyObject },
  ca = true,
): Promise<string> {
  const curve = pair.privateKey.asymmetricKeyDetails?.namedCurve;
  const alg = pair.privateKey.asymmetricKeyType === "rsa"
    ? { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }
    : { name: "ECDSA", namedCurve: curve === "secp384r1" ? "P-384" : "P-256", hash: "SHA-256" };
  const der = (k: KeyObject, type: "pkcs8" | "spki") =>
    new Uint8Array(k.export({ type, format: "der" } as { type: "pkcs8"; format: "der" }));
  const keys = {
    privateKey: await crypto.subtle.importKey("pkcs8", der(pair.privateKey, "pkcs8"), alg, false, [
      "sign",
    ]),
    publicKey: await crypto.subtle.importKey("spki", der(pair.publicKey, "spki"), alg, true, [
      "verify",
    ]),
  };
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: new x509.Name([{ CN: [{ utf8String: "test-ca" }] }]),
    keys,
    signingAlgorithm: alg,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + 86_400_000),
    extensions: [
      new x509.BasicConstraintsExtension(ca, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.digitalSignature,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return cert.toString("pem");
}

/** Hex of a certificate's raw issuer and subject Names, as Go compares them when building chains. */
export function rawNames(certPem: string): { issuer: string; subject: string } {
  const der = new Uint8Array(new x509.X509Certificate(certPem).rawData);
  const tbs = readSequence(der)[0];
  // TBSCertificate: [0] version, serialNumber, signature, issuer, validity, subject, ...
  const fields = children(tbs.value);
  const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return { issuer: hex(fields[3].value), subject: hex(fields[5].value) };
}
