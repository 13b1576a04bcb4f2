// The hand-written DER of created certificates, field by field, so the encoding cannot drift unnoticed.
import { createHash, X509Certificate } from "node:crypto";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  type Bytes,
  children,
  readSequence,
  readTlv,
  type Tlv,
  toHex,
} from "../../src/pki/_der.ts";
import { decodePem } from "../../src/pki/_pem.ts";
import { ecdsaSigValue } from "../../src/pki/_signature.ts";
import {
  createCertificateAuthority,
  issueClientCertificate,
  issueServingCertificate,
} from "../../src/pki/mod.ts";

const now = new Date("2026-03-01T10:00:00.750Z"); // milliseconds must not reach the certificate
const ascii = (t: Tlv) => new TextDecoder().decode(t.value);
// An element with its tag and length, as hex.
const whole = (parent: Bytes, t: Tlv) => toHex(parent.subarray(t.end - t.value.length - 2, t.end));

// Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }, split into named fields.
function decode(pem: string) {
  const der = decodePem(pem)!.der;
  const [tbs, sigAlg, sigValue] = readSequence(der);
  const [version, serial, tbsSigAlg, issuer, validity, subject, spki, extensions] = children(
    tbs.value,
  );
  const exts = children(readTlv(extensions.value).value).map((e) => {
    const [oid, ...rest] = children(e.value);
    return {
      oid: toHex(oid.value),
      critical: rest.length === 2 && toHex(rest[0].value) === "ff",
      value: toHex(rest[rest.length - 1].value),
    };
  });
  return {
    der,
    tbs,
    sigAlg,
    sigValue,
    version,
    serial,
    tbsSigAlg,
    issuer,
    validity,
    subject,
    spki,
    exts,
  };
}

// Name ::= SEQUENCE OF SET OF { type OID, value }: [oid hex, string tag, text] per RDN.
function rdns(name: Tlv) {
  return children(name.value).map((set) => {
    const [oid, value] = children(children(set.value)[0].value);
    return [toHex(oid.value), value.tag, ascii(value)];
  });
}

describe("certificate DER", () => {
  it("a P-256 CA: v3, 16-byte serial, ECDSA-SHA256, UTCTime, PrintableString CN, CA extensions", async () => {
    const ca = await createCertificateAuthority({
      commonName: "kubernetes",
      keyAlgorithm: "ecdsa",
      now,
    });
    const c = decode(ca.certPem);
    assert.equal(toHex(c.version.value), "020102"); // [0] EXPLICIT INTEGER 2
    assert.equal(c.serial.tag, 0x02);
    assert.equal(c.serial.value.length, 16);
    assert.equal(c.serial.value[0] >> 6, 1); // positive, top byte never zero
    assert.equal(toHex(c.sigAlg.value), "06082a8648ce3d040302"); // ecdsa-with-SHA256, no parameters
    assert.equal(toHex(c.tbsSigAlg.value), toHex(c.sigAlg.value));
    assert.deepEqual(rdns(c.subject), [["550403", 0x13, "kubernetes"]]);
    assert.equal(toHex(c.issuer.value), toHex(c.subject.value));
    assert.deepEqual(children(c.validity.value).map((t) => [t.tag, ascii(t)]), [
      [0x17, "260301095900Z"],
      [0x17, "360227100000Z"],
    ]);
    assert.equal(ca.notAfter.toISOString(), "2036-02-27T10:00:00.000Z");
    const publicKey = new X509Certificate(ca.certPem).publicKey.export({
      type: "spki",
      format: "der",
    });
    assert.equal(whole(c.tbs.value, c.spki), publicKey.toString("hex"));
    const bits = children(c.spki.value)[1].value.subarray(1);
    const ski = createHash("sha1").update(bits).digest("hex");
    assert.deepEqual(c.exts, [
      { oid: "551d13", critical: true, value: "30030101ff" },
      { oid: "551d0f", critical: true, value: "03020186" },
      { oid: "551d0e", critical: false, value: `0414${ski}` },
      { oid: "551d23", critical: false, value: `30168014${ski}` },
    ]);
    // signatureValue: BIT STRING, no unused bits, around SEQUENCE { INTEGER r, INTEGER s }.
    assert.equal(c.sigValue.tag, 0x03);
    assert.equal(c.sigValue.value[0], 0);
    const [r, s] = readSequence(c.sigValue.value.subarray(1));
    for (const n of [r, s]) {
      assert.equal(n.tag, 0x02);
      assert.ok(n.value.length <= 33 && n.value[0] < 0x80);
    }
    assert.ok(new X509Certificate(ca.certPem).verify(new X509Certificate(ca.certPem).publicKey));
  });

  it("an RSA CA signs with sha256WithRSAEncryption and a NULL parameter", async () => {
    const ca = await createCertificateAuthority({ commonName: "rsa", keyAlgorithm: "rsa", now });
    const c = decode(ca.certPem);
    assert.equal(toHex(c.sigAlg.value), "06092a864886f70d01010b0500");
    assert.equal(c.sigValue.value.length, 257); // 0x00 + 2048 bits
  });

  it("a serving leaf: issuer bytes of the CA, SAN, serverAuth, AKI last", async () => {
    const ca = await createCertificateAuthority({
      commonName: "kubernetes",
      keyAlgorithm: "ecdsa",
      now,
    });
    const leaf = decode(
      (await issueServingCertificate(ca, {
        commonName: "kube-apiserver",
        dnsNames: ["localhost"],
        ipAddresses: ["127.0.0.1"],
        now,
      })).certPem,
    );
    const caCert = decode(ca.certPem);
    assert.equal(whole(leaf.tbs.value, leaf.issuer), whole(caCert.tbs.value, caCert.subject));
    assert.deepEqual(children(leaf.validity.value).map(ascii), ["260301095900Z", "270301100000Z"]);
    const caSki = caCert.exts[2].value.slice(4);
    assert.deepEqual(leaf.exts.map((e) => [e.oid, e.critical]), [
      ["551d13", true],
      ["551d0f", true],
      ["551d25", false],
      ["551d0e", false],
      ["551d11", false],
      ["551d23", false],
    ]);
    assert.equal(leaf.exts[0].value, "3000");
    assert.equal(leaf.exts[1].value, "03020780");
    assert.equal(leaf.exts[2].value, "300a06082b06010505070301");
    assert.equal(leaf.exts[4].value, "301182096c6f63616c686f737487047f000001");
    assert.equal(leaf.exts[5].value, `30168014${caSki}`);
  });

  it("a client leaf: O before CN, UTF8String where PrintableString cannot say it, clientAuth, no SAN", async () => {
    const ca = await createCertificateAuthority({
      commonName: "kubernetes",
      keyAlgorithm: "ecdsa",
      now,
    });
    const leaf = decode(
      (await issueClientCertificate(ca, {
        commonName: "system:node:worker_1",
        organizations: ["system:nodes"],
        now,
      })).certPem,
    );
    assert.deepEqual(rdns(leaf.subject), [
      ["55040a", 0x13, "system:nodes"],
      ["550403", 0x0c, "system:node:worker_1"],
    ]);
    assert.deepEqual(leaf.exts.map((e) => e.oid), [
      "551d13",
      "551d0f",
      "551d25",
      "551d0e",
      "551d23",
    ]);
    assert.equal(leaf.exts[2].value, "300a06082b06010505070302");
  });

  it("switches to GeneralizedTime for dates from 2050 on", async () => {
    const ca = await createCertificateAuthority({
      commonName: "long",
      keyAlgorithm: "ecdsa",
      now,
      validityDays: 10_000,
    });
    const [notBefore, notAfter] = children(decode(ca.certPem).validity.value);
    assert.deepEqual([notBefore.tag, ascii(notBefore)], [0x17, "260301095900Z"]);
    assert.deepEqual([notAfter.tag, ascii(notAfter)], [0x18, "20530717100000Z"]);
    assert.equal(
      new Date(new X509Certificate(ca.certPem).validTo).getTime(),
      ca.notAfter.getTime(),
    );
  });
});

describe("ecdsaSigValue", () => {
  const raw = (r: string, s: string) =>
    Uint8Array.from((r + s).match(/../g)!, (h) => parseInt(h, 16));
  it("keeps the shortest positive INTEGERs: leading zeros go, a high bit gets a 0x00", () => {
    const r = "00".repeat(2) + "7f" + "11".repeat(29);
    const s = "80" + "22".repeat(31);
    assert.equal(
      toHex(ecdsaSigValue(raw(r, s))),
      `3043021e7f${"11".repeat(29)}022100${s}`,
    );
  });
  it("encodes an all-zero half as INTEGER 0", () => {
    assert.equal(
      toHex(ecdsaSigValue(raw("00".repeat(32), "01".padStart(64, "0")))),
      "3006020100020101",
    );
  });
});
