// Certificate authorities: created fresh (self-signed) or loaded from the PEMs of a CAPI/kubeadm secret.
import { x509 } from "./_x509.ts";
import { fingerprintSha256, publicKeyInfo, signCertificate } from "./_certificate.ts";
import { type Bytes, children, fromHex, readSequence, TAG } from "./_der.ts";
import {
  authorityKeyIdentifier,
  CA_BASIC_CONSTRAINTS,
  CA_KEY_USAGE,
  subjectKeyIdentifier,
} from "./_extensions.ts";
import {
  exportKeyPair,
  exportPrivateKeyPem,
  generateKey,
  importPrivateKey,
  type KeyAlgorithm,
  matchesPublicKey,
  type SigningKey,
} from "./_keys.ts";
import { encodeName } from "./_name.ts";
import { decodePem, encodePem } from "./_pem.ts";
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
  /** A promise where the key is imported only once something is issued (a restored CA). */
  readonly key: SigningKey | Promise<SigningKey>;
  /** The CA's subject Name exactly as its certificate encodes it: Go matches issuer to subject by bytes. */
  readonly subject: Bytes;
  /** The AKI extension for what it issues; absent when the CA has no SubjectKeyIdentifier (Go then leaves it out too). */
  readonly authorityKeyId?: Bytes;
}

const PRIVATE_KEY_LABELS = ["RSA PRIVATE KEY", "EC PRIVATE KEY", "PRIVATE KEY"];

/** Creates a self-signed CA with a new ECDSA P-256 or RSA-2048 key, valid 3650 days by default. */
export async function createCertificateAuthority(
  o: { commonName: string; keyAlgorithm: KeyAlgorithm; now: Date; validityDays?: number },
): Promise<CertificateAuthority> {
  const key = await generateKey(o.keyAlgorithm);
  const { spki, keyPem } = await exportKeyPair(key);
  const { keyId } = publicKeyInfo(spki);
  const name = encodeName([["CN", o.commonName]]);
  const authorityKeyId = authorityKeyIdentifier(keyId);
  const { der, notAfter } = await signCertificate({
    subject: name,
    issuer: name,
    spki,
    signer: key,
    now: o.now,
    validityDays: o.validityDays ?? 3650,
    extensions: [CA_BASIC_CONSTRAINTS, CA_KEY_USAGE, subjectKeyIdentifier(keyId), authorityKeyId],
  });
  return {
    certPem: encodePem("CERTIFICATE", der),
    keyPem,
    commonName: o.commonName,
    keyAlgorithm: key.keyAlgorithm,
    fingerprintSha256: fingerprintSha256(der),
    notAfter,
    signer: { key, subject: name, authorityKeyId },
  };
}

/** Loads a CA from its certificate and RSA or ECDSA key (PKCS#1, SEC1 or PKCS#8), checking they belong together. */
export async function loadCertificateAuthority(
  certPem: string,
  keyPem: string,
): Promise<CertificateAuthority> {
  const certBlock = decodePem(certPem);
  if (certBlock?.label !== "CERTIFICATE") fail("tls.crt is not a PEM certificate");
  // Parsing stays with @peculiar/x509: loading is rare, and a secret's certificate may hold anything.
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
  const keyId = cert.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId;
  return {
    certPem: encodePem("CERTIFICATE", certBlock.der),
    keyPem: await exportPrivateKeyPem(key),
    commonName: cert.subjectName.getField("CN")[0] ?? "",
    keyAlgorithm: key.keyAlgorithm,
    fingerprintSha256: fingerprintSha256(certBlock.der),
    notAfter: cert.notAfter,
    signer: {
      key,
      subject: rawSubject(certBlock.der),
      authorityKeyId: keyId ? authorityKeyIdentifier(fromHex(keyId)) : undefined,
    },
  };
}

/** The subject Name element of a certificate, tag and length included, copied byte for byte. */
export function rawSubject(der: Bytes): Bytes {
  const tbs = readSequence(der)[0].value;
  const fields = children(tbs);
  // TBSCertificate: [0] version (absent in v1), serialNumber, signature, issuer, validity, subject.
  const validity = fields[fields[0].tag === TAG.context0 ? 4 : 3];
  const subject = fields[fields[0].tag === TAG.context0 ? 5 : 4];
  return tbs.slice(validity.end, subject.end);
}

function fail(reason: string, cause?: unknown): never {
  throw new PkiError(`Cannot load CA: ${reason}`, cause === undefined ? undefined : { cause });
}
