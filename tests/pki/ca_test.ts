// Creating and loading CAs: round trips, fingerprints, key formats, and the errors a bad secret gives.
import { X509Certificate } from "node:crypto";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  createCertificateAuthority,
  type KeyAlgorithm,
  loadCertificateAuthority,
  PkiError,
} from "../../src/pki/mod.ts";
import { exportFormats, nodeKeyPair, selfSign } from "./_fixtures.ts";

const now = new Date("2026-03-01T10:00:00Z");

describe("createCertificateAuthority", () => {
  for (const keyAlgorithm of ["ecdsa", "rsa"] as KeyAlgorithm[]) {
    it(`makes a ${keyAlgorithm} CA that loads back from its own PEMs`, async () => {
      const ca = await createCertificateAuthority({ commonName: "kubernetes", keyAlgorithm, now });
      const label = keyAlgorithm === "rsa" ? "RSA PRIVATE KEY" : "EC PRIVATE KEY";
      assert.match(ca.keyPem, new RegExp(`^-----BEGIN ${label}-----\n`));
      const loaded = await loadCertificateAuthority(ca.certPem, ca.keyPem);
      assert.equal(loaded.commonName, "kubernetes");
      assert.equal(loaded.keyAlgorithm, keyAlgorithm);
      assert.equal(loaded.fingerprintSha256, ca.fingerprintSha256);
      assert.equal(loaded.keyPem, ca.keyPem);
      assert.equal(loaded.notAfter.getTime(), ca.notAfter.getTime());
    });

    it(`gives a ${keyAlgorithm} CA the fingerprint, validity and extensions node:crypto sees`, async () => {
      const ca = await createCertificateAuthority({
        commonName: "ca",
        keyAlgorithm,
        now,
        validityDays: 10,
      });
      const cert = new X509Certificate(ca.certPem);
      assert.equal(ca.fingerprintSha256, cert.fingerprint256);
      assert.match(ca.fingerprintSha256, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
      assert.ok(cert.ca);
      assert.equal(cert.subject, "CN=ca");
      assert.equal(new Date(cert.validFrom).getTime(), now.getTime() - 60_000);
      assert.equal(new Date(cert.validTo).getTime(), now.getTime() + 10 * 86_400_000);
      assert.equal(ca.notAfter.getTime(), now.getTime() + 10 * 86_400_000);
      assert.ok(cert.checkIssued(cert) && cert.verify(cert.publicKey));
      assert.equal(cert.publicKey.asymmetricKeyType, keyAlgorithm === "rsa" ? "rsa" : "ec");
    });
  }

  it("uses a fresh positive serial number for each CA", async () => {
    const serials = await Promise.all([1, 2, 3].map(async () => {
      const ca = await createCertificateAuthority({ commonName: "ca", keyAlgorithm: "ecdsa", now });
      return new X509Certificate(ca.certPem).serialNumber;
    }));
    assert.equal(new Set(serials).size, 3);
    for (const s of serials) assert.match(s, /^[4-7][0-9A-F]{31}$/);
  });
});

describe("loadCertificateAuthority", () => {
  for (const kind of ["rsa", "prime256v1", "secp384r1"] as const) {
    const pair = nodeKeyPair(kind);
    for (const [format, keyPem] of Object.entries(exportFormats(pair.privateKey))) {
      it(`loads a ${kind} key in ${format}`, async () => {
        const certPem = await selfSign(pair);
        const ca = await loadCertificateAuthority(certPem, keyPem);
        assert.equal(ca.commonName, "test-ca");
        assert.equal(ca.keyAlgorithm, kind === "rsa" ? "rsa" : "ecdsa");
        assert.equal(ca.fingerprintSha256, new X509Certificate(certPem).fingerprint256);
        // Whatever came in, the key goes out in the traditional format and still matches.
        assert.match(
          ca.keyPem,
          kind === "rsa" ? /^-----BEGIN RSA PRIVATE KEY-----/ : /^-----BEGIN EC PRIVATE KEY-----/,
        );
        await loadCertificateAuthority(ca.certPem, ca.keyPem);
      });
    }
  }

  const rejects = (certPem: string, keyPem: string, message: string) =>
    assert.rejects(loadCertificateAuthority(certPem, keyPem), (e) => {
      assert.ok(e instanceof PkiError, String(e));
      assert.equal(e.message, message);
      return true;
    });

  it("rejects a key that belongs to another certificate", async () => {
    const a = nodeKeyPair("prime256v1");
    const b = nodeKeyPair("prime256v1");
    const rsa = nodeKeyPair("rsa");
    const certPem = await selfSign(a);
    const mismatch = "Cannot load CA: the key does not match the certificate";
    await rejects(certPem, exportFormats(b.privateKey).sec1, mismatch);
    await rejects(certPem, exportFormats(rsa.privateKey).pkcs1, mismatch);
    await rejects(await selfSign(rsa), exportFormats(a.privateKey).pkcs8, mismatch);
  });

  it("rejects a certificate that is not a CA", async () => {
    const pair = nodeKeyPair("prime256v1");
    await rejects(
      await selfSign(pair, false),
      exportFormats(pair.privateKey).pkcs8,
      'Cannot load CA: the certificate "CN=test-ca" is not a CA (basicConstraints cA is not set)',
    );
  });

  it("rejects garbage, empty strings and swapped files", async () => {
    const pair = nodeKeyPair("prime256v1");
    const certPem = await selfSign(pair);
    const keyPem = exportFormats(pair.privateKey).sec1;
    const notCert = "Cannot load CA: tls.crt is not a PEM certificate";
    const notKey = "Cannot load CA: tls.key is not a PEM private key";
    await rejects("", keyPem, notCert);
    await rejects("hello", keyPem, notCert);
    await rejects(keyPem, certPem, notCert);
    await rejects(certPem, "", notKey);
    await rejects(certPem, certPem, notKey);
    await rejects(
      certPem,
      "-----BEGIN EC PRIVATE KEY-----\n!!!\n-----END EC PRIVATE KEY-----\n",
      notKey,
    );
    await rejects(
      "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
      keyPem,
      "Cannot load CA: tls.crt does not hold a valid X.509 certificate",
    );
    await assert.rejects(
      loadCertificateAuthority(
        certPem,
        "-----BEGIN PRIVATE KEY-----\nMAMCAQA=\n-----END PRIVATE KEY-----\n",
      ),
      (e) =>
        e instanceof PkiError &&
        e.message.startsWith("Cannot load CA: tls.key holds an unusable PRIVATE KEY"),
    );
  });
});
