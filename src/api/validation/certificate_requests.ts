// CertificateSigningRequests as kube-apiserver v1.36 checks them past their metadata: the PEM
// request, usages, the signer name, the expiration and the approval conditions.
//
// Source: k8s.io/kubernetes pkg/apis/certificates/validation/validation.go
// (`validateCertificateSigningRequest`, `validateCSR`, `validateConditions`) and
// pkg/apis/core/validation `ValidateSignerName`. The request's DER is checked for its outer
// SEQUENCE only, not parsed and signature-checked as x509.ParseCertificateRequest does.

import { appendErrors, type FieldError, invalid, notSupported, required } from "./field_error.ts";
import { isDNS1123Subdomain } from "./formats.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

// certificates.allValidUsages, as sets.List sorts them.
const USAGES = [
  "any",
  "cert sign",
  "client auth",
  "code signing",
  "content commitment",
  "crl sign",
  "data encipherment",
  "decipher only",
  "digital signature",
  "email protection",
  "encipher only",
  "ipsec end system",
  "ipsec tunnel",
  "ipsec user",
  "key agreement",
  "key encipherment",
  "microsoft sgc",
  "netscape sgc",
  "ocsp signing",
  "s/mime",
  "server auth",
  "signing",
  "timestamping",
];
const PEM_ERROR = "PEM block type must be CERTIFICATE REQUEST";
const SIGNER_FORM =
  "must be a fully qualified domain and path of the form 'example.com/signer-name'";

/** `validateCertificateSigningRequest` past metadata, for a create through certificates.k8s.io/v1. */
export function validateCertificateSigningRequest(csr: Loose): FieldError[] {
  const spec = csr.spec ?? {};
  const errors: FieldError[] = [];
  const request = typeof spec.request === "string" ? spec.request : "";
  // The []byte shows as its base64 text in JSON.
  if (!isCertificateRequestPem(request)) {
    errors.push(invalid("spec.request", { go: "[]uint8{...}", json: request }, PEM_ERROR));
  }
  const usages: unknown[] = Array.isArray(spec.usages) ? spec.usages : [];
  if (usages.length === 0) errors.push(required("spec.usages"));
  const seen = new Set<string>();
  usages.forEach((usage, i) => {
    const value = String(usage);
    if (!USAGES.includes(value)) errors.push(notSupported(`spec.usages[${i}]`, value, USAGES));
    if (seen.has(value)) {
      errors.push({ type: "FieldValueDuplicate", field: `spec.usages[${i}]`, value, detail: "" });
    }
    seen.add(value);
  });
  const signer = typeof spec.signerName === "string" ? spec.signerName : "";
  if (signer === "kubernetes.io/legacy-unknown") {
    errors.push(
      invalid(
        "spec.signerName",
        signer,
        "the legacy signerName is not allowed via this API version",
      ),
    );
  } else appendErrors(errors, signerNameErrors(signer));
  if (typeof spec.expirationSeconds === "number" && spec.expirationSeconds < 600) {
    errors.push(
      invalid(
        "spec.expirationSeconds",
        spec.expirationSeconds,
        "may not specify a duration less than 600 seconds (10 minutes)",
      ),
    );
  }
  appendErrors(errors, approvalConditions(csr));
  return errors;
}

/** The conditions of a CSR's status: Approved and Denied exclude each other, each type once. */
export function approvalConditions(csr: Loose): FieldError[] {
  const conditions: Loose[] = Array.isArray(csr.status?.conditions) ? csr.status.conditions : [];
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  let [approved, denied] = [false, false];
  conditions.forEach((condition, i) => {
    const type = String(condition?.type ?? "");
    const at = `status.conditions[${i}]`;
    if (type === "") errors.push(required(`${at}.type`));
    if (condition?.status === undefined || condition?.status === "") {
      errors.push(required(`${at}.status`));
    } else if (!["True", "False", "Unknown"].includes(String(condition.status))) {
      errors.push(
        notSupported(`${at}.status`, String(condition.status), ["False", "True", "Unknown"]),
      );
    }
    if (type === "Approved" || type === "Denied" || type === "Failed") {
      if (seen.has(type)) {
        errors.push({ type: "FieldValueDuplicate", field: `${at}.type`, value: type, detail: "" });
      }
      seen.add(type);
    }
    if (type === "Approved") approved = true;
    if (type === "Denied") denied = true;
  });
  if (approved && denied) {
    errors.push(
      invalid(
        "status.conditions",
        "Denied",
        "Approved and Denied conditions are mutually exclusive",
      ),
    );
  }
  return errors;
}

// ValidateSignerName: exactly one '/', a fully qualified domain before it.
function signerNameErrors(signer: string): FieldError[] {
  if (signer === "") return [required("spec.signerName")];
  const segments = signer.split("/");
  if (segments.length !== 2) return [invalid("spec.signerName", signer, SIGNER_FORM)];
  const [domain, path] = segments;
  const errors: FieldError[] = [];
  if (domain === "") errors.push(required("spec.signerName", "domain"));
  else if (domain.split(".").length < 2) {
    errors.push(
      invalid(
        "spec.signerName",
        domain,
        "should be a domain with at least two segments separated by dots",
      ),
    );
  } else {
    for (const message of isDNS1123Subdomain(domain)) {
      errors.push(invalid("spec.signerName", domain, message));
    }
  }
  if (path === "") {
    errors.push(
      invalid(
        "spec.signerName",
        signer,
        "validating path portion of signerName: must not be empty",
      ),
    );
  }
  return errors;
}

// pem.Decode of the base64-decoded request: a CERTIFICATE REQUEST block whose DER is a SEQUENCE.
function isCertificateRequestPem(request: string): boolean {
  let pem: string;
  try {
    pem = atob(request);
  } catch {
    return false;
  }
  const match =
    /-----BEGIN CERTIFICATE REQUEST-----\r?\n([A-Za-z0-9+/=\r\n]+)-----END CERTIFICATE REQUEST-----/
      .exec(pem);
  if (!match) return false;
  try {
    return atob(match[1].replace(/[\r\n]/g, "")).charCodeAt(0) === 0x30;
  } catch {
    return false;
  }
}
