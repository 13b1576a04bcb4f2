// A CA as plain data and back, for the durability journal: restoring skips the certificate parse
// and key check of `loadCertificateAuthority` (~15 ms each), since fkas itself wrote the data,
// and defers the key import to the first certificate the CA issues.

import { type CaSigner, type CertificateAuthority, rawSubject } from "./certificate_authority.ts";
import { fromHex, toHex } from "./_der.ts";
import { importPrivateKey, type KeyAlgorithm } from "./_keys.ts";
import { decodePem } from "./_pem.ts";
import { PkiError } from "./pki_error.ts";

const CERTIFICATE_PEM = "-----BEGIN CERTIFICATE-----";

/** What restores a CA without parsing its certificate: the PEMs plus what a parse would find. */
export interface SavedCertificateAuthority {
  readonly certPem: string;
  readonly keyPem: string;
  readonly commonName: string;
  readonly keyAlgorithm: KeyAlgorithm;
  readonly fingerprintSha256: string;
  /** RFC 3339. */
  readonly notAfter: string;
  /** The encoded AuthorityKeyIdentifier extension of what it issues, hex; absent without SKI. */
  readonly authorityKeyId?: string;
}

/** The CA as plain JSON data (private key included: keep it where the CA secrets would be). */
export function saveCertificateAuthority(ca: CertificateAuthority): SavedCertificateAuthority {
  return {
    certPem: ca.certPem,
    keyPem: ca.keyPem,
    commonName: ca.commonName,
    keyAlgorithm: ca.keyAlgorithm,
    fingerprintSha256: ca.fingerprintSha256,
    notAfter: ca.notAfter.toISOString(),
    ...(ca.signer.authorityKeyId ? { authorityKeyId: toHex(ca.signer.authorityKeyId) } : {}),
  };
}

/**
 * A CA saved by `saveCertificateAuthority`. Nothing is parsed or imported until the CA first
 * issues a certificate (then its key is imported, one Web Crypto call): a restart of thousands of
 * clusters pays for the CAs that actually sign something, not for every one.
 */
export function restoreCertificateAuthority(
  saved: SavedCertificateAuthority,
): CertificateAuthority {
  if (!saved.certPem.startsWith(CERTIFICATE_PEM) || !saved.keyPem.startsWith("-----BEGIN ")) {
    throw new PkiError(`Cannot restore the CA "${saved.commonName}": its PEM data is damaged`);
  }
  let signer: CaSigner | undefined;
  return {
    certPem: saved.certPem,
    keyPem: saved.keyPem,
    commonName: saved.commonName,
    keyAlgorithm: saved.keyAlgorithm,
    fingerprintSha256: saved.fingerprintSha256,
    notAfter: new Date(saved.notAfter),
    get signer() {
      return signer ??= restoreSigner(saved);
    },
  };
}

function restoreSigner(saved: SavedCertificateAuthority): CaSigner {
  const cert = decodePem(saved.certPem);
  const key = decodePem(saved.keyPem);
  if (cert?.label !== "CERTIFICATE" || !key) {
    throw new PkiError(`Cannot restore the CA "${saved.commonName}": its PEM data is damaged`);
  }
  return {
    key: importPrivateKey(key),
    subject: rawSubject(cert.der),
    ...(saved.authorityKeyId ? { authorityKeyId: fromHex(saved.authorityKeyId) } : {}),
  };
}
