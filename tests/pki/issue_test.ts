// Issuing serving and client certificates: chain, names, usages, keys, issuer bytes.
import { createPrivateKey, X509Certificate } from "node:crypto";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { x509 } from "../../src/pki/_x509.ts";
import {
  createCertificateAuthority,
  issueClientCertificate,
  issueServingCertificate,
  type KeyAlgorithm,
  loadCertificateAuthority,
  PkiError,
} from "../../src/pki/mod.ts";
import { exportFormats, nodeKeyPair, rawNames, selfSign } from "./_fixtures.ts";

const DAY_MS = 86_400_000;

const serving = (now: Date) => ({
  commonName: "kube-apiserver",
  dnsNames: ["localhost", "kubernetes.default.svc"],
  ipAddresses: ["127.0.0.1", "::1"],
  now,
});
const client = (now: Date) => ({
  commonName: "kubernetes-admin",
  organizations: ["system:masters", "kubeadm:cluster-admins"],
  now,
});

for (const keyAlgorithm of ["ecdsa", "rsa"] as KeyAlgorithm[]) {
  describe(`certificates from a ${keyAlgorithm} CA`, () => {
    const now = new Date("2026-03-01T10:00:00Z");
    const ca = createCertificateAuthority({ commonName: "kubernetes", keyAlgorithm, now });

    it("a serving certificate chains to the CA and carries the SANs, CN and serverAuth", async () => {
      const caCert = new X509Certificate((await ca).certPem);
      const pair = await issueServingCertificate(await ca, serving(now));
      const cert = new X509Certificate(pair.certPem);
      assert.ok(cert.checkIssued(caCert) && cert.verify(caCert.publicKey));
      assert.equal(cert.subject, "CN=kube-apiserver");
      assert.equal(cert.ca, false);
      const sans = new x509.X509Certificate(pair.certPem).getExtension(
        x509.SubjectAlternativeNameExtension,
      );
      assert.deepEqual(sans?.names.toJSON(), [
        { type: "dns", value: "localhost" },
        { type: "dns", value: "kubernetes.default.svc" },
        { type: "ip", value: "127.0.0.1" },
        { type: "ip", value: "::1" },
      ]);
      assert.match(
        cert.subjectAltName ?? "",
        /DNS:localhost, DNS:kubernetes.default.svc, IP Address:127.0.0.1/,
      );
      const eku = new x509.X509Certificate(pair.certPem).getExtension(
        x509.ExtendedKeyUsageExtension,
      );
      assert.deepEqual([...eku?.usages ?? []], [x509.ExtendedKeyUsage.serverAuth]);
      assert.equal(new Date(cert.validTo).getTime(), now.getTime() + 365 * DAY_MS);
    });

    it("a client certificate carries CN and every O, with clientAuth", async () => {
      const caCert = new X509Certificate((await ca).certPem);
      const pair = await issueClientCertificate(await ca, { ...client(now), validityDays: 7 });
      const cert = new X509Certificate(pair.certPem);
      assert.ok(cert.checkIssued(caCert) && cert.verify(caCert.publicKey));
      assert.deepEqual(cert.subject.split("\n"), [
        "O=system:masters",
        "O=kubeadm:cluster-admins",
        "CN=kubernetes-admin",
      ]);
      const eku = new x509.X509Certificate(pair.certPem).getExtension(
        x509.ExtendedKeyUsageExtension,
      );
      assert.deepEqual([...eku?.usages ?? []], [x509.ExtendedKeyUsage.clientAuth]);
      assert.equal(new Date(cert.validTo).getTime(), now.getTime() + 7 * DAY_MS);
    });

    it("leaf keys are ECDSA P-256 in SEC1 and match their certificates", async () => {
      const pair = await issueServingCertificate(await ca, serving(now));
      assert.match(pair.keyPem, /^-----BEGIN EC PRIVATE KEY-----\n/);
      const key = createPrivateKey(pair.keyPem);
      assert.equal(key.asymmetricKeyDetails?.namedCurve, "prime256v1");
      assert.ok(new X509Certificate(pair.certPem).checkPrivateKey(key));
    });

    it("the leaf's authority key id is the CA's subject key id", async () => {
      const caCert = new x509.X509Certificate((await ca).certPem);
      const leaf = new x509.X509Certificate(
        (await issueClientCertificate(await ca, client(now))).certPem,
      );
      const ski = caCert.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId;
      assert.ok(ski);
      assert.equal(leaf.getExtension(x509.AuthorityKeyIdentifierExtension)?.keyId, ski);
      assert.ok(leaf.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId);
      assert.equal(leaf.getExtension(x509.BasicConstraintsExtension)?.critical, true);
      assert.equal(
        leaf.getExtension(x509.KeyUsagesExtension)?.usages,
        x509.KeyUsageFlags.digitalSignature,
      );
    });
  });
}

describe("issuing from a loaded CA", () => {
  for (const kind of ["rsa", "secp384r1"] as const) {
    it(`copies a ${kind} CA's subject into the issuer byte for byte (Go matches names as bytes)`, async () => {
      const pair = nodeKeyPair(kind);
      const keyPem = Object.values(exportFormats(pair.privateKey))[0];
      const ca = await loadCertificateAuthority(await selfSign(pair), keyPem);
      const leaf = await issueServingCertificate(ca, serving(new Date()));
      assert.equal(rawNames(leaf.certPem).issuer, rawNames(ca.certPem).subject);
      assert.ok(
        new X509Certificate(leaf.certPem).verify(new X509Certificate(ca.certPem).publicKey),
      );
    });
  }

  it("rejects a malformed IP address with a PkiError", async () => {
    const ca = await createCertificateAuthority({
      commonName: "ca",
      keyAlgorithm: "ecdsa",
      now: new Date(),
    });
    await assert.rejects(
      issueServingCertificate(ca, { ...serving(new Date()), ipAddresses: ["10.0.0.999"] }),
      (e) =>
        e instanceof PkiError &&
        e.message.startsWith("Cannot issue serving certificate: bad IP address"),
    );
  });
});
