// A CA as plain data and back, for the durability journal: restoring skips the certificate parse
// and key check of `loadCertificateAuthority` (~15 ms each), since fkas itself wrote the data.

import { type CertificateAuthority, rawSubject } from "./certificate_authority.ts";
import { fromHex, toHex } from "./_der.ts";
import { importPrivateKey, type KeyAlgorithm } from "./_keys.ts";
import { decodePem } from "./_pem.ts";
import { PkiError } from "./pki_error.ts";

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

/** A CA saved by `saveCertificateAuthority`: only the key is imported (one Web Crypto call). */
export async function restoreCertificateAuthority(
  saved: SavedCertificateAuthority,
): Promise<CertificateAuthority> {
  const cert = decodePem(saved.certPem);
  const key = decodePem(saved.keyPem);
  if (cert?.label !== "CERTIFICATE" || !key) {
    throw new PkiError(`Cannot restore the CA "${saved.commonName}": its PEM data is damaged`);
  }
  return {
    certPem: saved.certPem,
    keyPem: saved.keyPem,
    commonName: saved.commonName,
    keyAlgorithm: saved.keyAlgorithm,
    fingerprintSha256: saved.fingerprintSha256,
    notAfter: new Date(saved.notAfter),
    signer: {
      key: await importPrivateKey(key),
      subject: rawSubject(cert.der),
      ...(saved.authorityKeyId ? { authorityKeyId: fromHex(saved.authorityKeyId) } : {}),
    },
  };
}
