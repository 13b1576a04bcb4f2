// Public face of src/pki: CAs and the certificates they issue (Web Crypto, hand-written DER).
export {
  type CertificateAuthority,
  createCertificateAuthority,
  loadCertificateAuthority,
} from "./certificate_authority.ts";
export {
  issueClientCertificate,
  issueServingCertificate,
  type KeyPairPem,
} from "./issue_certificate.ts";
export type { KeyAlgorithm } from "./_keys.ts";
export {
  restoreCertificateAuthority,
  saveCertificateAuthority,
  type SavedCertificateAuthority,
} from "./saved_authority.ts";
export { PkiError } from "./pki_error.ts";
