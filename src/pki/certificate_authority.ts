// Certificate authorities: created fresh (self-signed) or loaded from the PEMs of a CAPI/kubeadm secret.
import { x509 } from "./_x509.ts";
import {
  type CertName,
  fingerprintSha256,
  publicKeyInfo,
  signCertificate,
} from "./_certificate.ts";
import { decodePem, encodePem } from "./_pem.ts";
import {
  exportPrivateKeyPem,
  generateKey,
  importPrivateKey,
  type KeyAlgorithm,
  matchesPublicKey,
  type SigningKey,
} from "./_keys.ts";
import { PkiError } from "./pki_error.ts";

/** A CA that can issue certificates; `keyPem` is PKCS#1 (RSA) or SEC1 (EC), as Go writes them. */
export interface CertificateAuthority {
  readonly certPem: string;
  readonly keyPem: string;
  readonly commonName: string;
  readonly keyAlgorithm: KeyAlgorithm;
  readonly fingerprintSha256: string;
  readonly notAfter: Date;
  /** Internal to src/pki: the parsed key and name, so issuing costs one signature. */
  readonly signer: CaSigner;
}

/** What issuing needs from a CA, prepared once. */
export interface CaSigner {
  readonly key: SigningKey;
  readonly subject: CertName;
  /** Absent when the CA certificate has no SubjectKeyIdentifier (Go then leaves it out too). */
  readonly authorityKeyId?: x509.AuthorityKeyIdentifierExtension;
}

const PRIVATE_KEY_LABELS = ["RSA PRIVATE KEY", "EC PRIVATE KEY", "PRIVATE KEY"];
const CA_USAGES = x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign |
  x509.KeyUsageFlags.digitalSignature;

/** Creates a self-signed CA with a new ECDSA P-256 or RSA-2048 key, valid 3650 days by default. */
export async function createCertificateAuthority(
  o: { commonName: string; keyAlgorithm: KeyAlgorithm; now: Date; validityDays?: number },
): Promise<CertificateAuthority> {
  const key = await generateKey(o.keyAlgorithm);
  const name = [{ CN: [o.commonName] }];
  const publicKey = await publicKeyInfo(key.publicKey);
  const cert = await signCertificate({
    subject: name,
    issuer: name,
    publicKey,
    signer: key,
    now: o.now,
    validityDays: o.validityDays ?? 3650,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(CA_USAGES, true),
      new x509.SubjectKeyIdentifierExtension(publicKey.keyId),
      new x509.AuthorityKeyIdentifierExtension(publicKey.keyId),
    ],
  });
  // What we just built need not be parsed back out of the certificate (that is most of the cost).
  return authority(cert, key, await exportPrivateKeyPem(key), {
    commonName: o.commonName,
    keyId: publicKey.keyId,
    subject: name,
  });
}

/** Loads a CA from its certificate and RSA or ECDSA key (PKCS#1, SEC1 or PKCS#8), checking they belong together. */
export async function loadCertificateAuthority(
  certPem: string,
  keyPem: string,
): Promise<CertificateAuthority> {
  const certBlock = decodePem(certPem);
  if (certBlock?.label !== "CERTIFICATE") fail("tls.crt is not a PEM certificate");
  let cert: x509.X509Certificate;
  try {
    cert = new x509.X509Certificate(certBlock.der);
  } catch (cause) {
    fail("tls.crt does not hold a valid X.509 certificate", cause);
  }
  if (!cert.getExtension(x509.BasicConstraintsExtension)?.ca) {
    fail(`the certificate "${cert.subject}" is not a CA (basicConstraints cA is not set)`);
  }
  const keyBlock = decodePem(keyPem);
  if (!keyBlock || !PRIVATE_KEY_LABELS.includes(keyBlock.label)) {
    fail("tls.key is not a PEM private key");
  }
  let key: SigningKey;
  try {
    key = await importPrivateKey(keyBlock);
  } catch (cause) {
    const reason = cause instanceof Error && !(cause instanceof DOMException)
      ? cause.message
      : "malformed";
    fail(`tls.key holds an unusable ${keyBlock.label} (${reason})`, cause);
  }
  if (!(await matchesPublicKey(key, cert.publicKey.rawData))) {
    fail("the key does not match the certificate");
  }
  return authority(cert, key, await exportPrivateKeyPem(key));
}

async function authority(
  cert: x509.X509Certificate,
  key: SigningKey,
  keyPem: string,
  known?: { commonName: string; keyId: string; subject: CertName },
): Promise<CertificateAuthority> {
  const keyId = known ? known.keyId : cert.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId;
  return {
    certPem: encodePem("CERTIFICATE", cert.rawData),
    keyPem,
    commonName: known ? known.commonName : cert.subjectName.getField("CN")[0] ?? "",
    keyAlgorithm: key.keyAlgorithm,
    fingerprintSha256: await fingerprintSha256(cert.rawData),
    notAfter: cert.notAfter,
    signer: {
      key,
      subject: known ? known.subject : cert.subjectName,
      authorityKeyId: keyId ? new x509.AuthorityKeyIdentifierExtension(keyId) : undefined,
    },
  };
}

function fail(reason: string, cause?: unknown): never {
  throw new PkiError(`Cannot load CA: ${reason}`, cause === undefined ? undefined : { cause });
}
