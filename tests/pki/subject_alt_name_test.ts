// The hand-encoded SubjectAlternativeName: IPv4 and IPv6 parsing, and what x509 and node:crypto read back.
import { X509Certificate } from "node:crypto";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseIp, subjectAltName } from "../../src/pki/_subject_alt_name.ts";
import { x509 } from "../../src/pki/_x509.ts";
import { createCertificateAuthority, issueServingCertificate } from "../../src/pki/mod.ts";

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");

describe("parseIp", () => {
  const good: Record<string, string> = {
    "127.0.0.1": "7f000001",
    "10.96.0.10": "0a60000a",
    "::1": "00000000000000000000000000000001",
    "::": "00000000000000000000000000000000",
    "fd00:10:96::1": "fd000010009600000000000000000001",
    "FE80::a:B": "fe8000000000000000000000000a000b",
    "1:2:3:4:5:6:7::": "00010002000300040005000600070000",
    "2001:db8:0:0:0:0:0:ff": "20010db80000000000000000000000ff",
    "::ffff:192.168.1.2": "00000000000000000000ffffc0a80102",
  };
  for (const [ip, bytes] of Object.entries(good)) {
    it(`reads ${ip}`, () => assert.equal(hex(parseIp(ip)), bytes));
  }

  for (
    const ip of [
      "",
      "1.2.3",
      "1.2.3.256",
      "01.2.3.4",
      "1::2::3",
      "1:2:3:4:5:6:7:8:9",
      "1:2:3:4:5:6:7",
      "12345::",
      "::1.2.3",
      "1.2.3.4::",
      "1.2.3.4::1.2.3.4",
      "1.2.3.4:1::",
      "localhost",
    ]
  ) {
    it(`rejects ${JSON.stringify(ip)}`, () => assert.throws(() => parseIp(ip), RangeError));
  }
});

describe("subjectAltName", () => {
  it("encodes DNS names and IPs in order, as x509 reads them", () => {
    const [ext] = subjectAltName(["localhost", "*.example.com"], ["10.0.0.1", "fd00::1"]);
    const parsed = new x509.SubjectAlternativeNameExtension(ext);
    assert.equal(parsed.critical, false);
    assert.deepEqual(parsed.names.toJSON(), [
      { type: "dns", value: "localhost" },
      { type: "dns", value: "*.example.com" },
      { type: "ip", value: "10.0.0.1" },
      { type: "ip", value: "fd00::1" },
    ]);
  });

  it("leaves the extension out when there are no names, and rejects non-ASCII DNS names", () => {
    assert.deepEqual(subjectAltName([], []), []);
    assert.throws(() => subjectAltName(["bücher.example"], []), /bad DNS name "bücher.example"/);
    assert.throws(() => subjectAltName(["a b"], []), RangeError);
  });

  it("node:crypto reads the names from an issued certificate", async () => {
    const now = new Date();
    const ca = await createCertificateAuthority({ commonName: "ca", keyAlgorithm: "ecdsa", now });
    const { certPem } = await issueServingCertificate(ca, {
      commonName: "x",
      dnsNames: ["api.local"],
      ipAddresses: ["192.0.2.7"],
      now,
    });
    assert.equal(
      new X509Certificate(certPem).subjectAltName,
      "DNS:api.local, IP Address:192.0.2.7",
    );
  });
});
