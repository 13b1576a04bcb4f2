// A second opinion from OpenSSL: `openssl verify -x509_strict` with the TLS server and client purposes.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  createCertificateAuthority,
  issueClientCertificate,
  issueServingCertificate,
  type KeyAlgorithm,
} from "../../src/pki/mod.ts";

const hasOpenssl = !spawnSync("openssl", ["version"]).error;

describe("openssl verify", () => {
  for (const keyAlgorithm of ["ecdsa", "rsa"] as KeyAlgorithm[]) {
    (hasOpenssl ? it : it.skip)(
      `accepts serving and client certificates from a ${keyAlgorithm} CA`,
      async () => {
        const now = new Date(); // openssl checks validity against the real clock
        const ca = await createCertificateAuthority({ commonName: "live", keyAlgorithm, now });
        const serving = {
          commonName: "apiserver",
          dnsNames: ["localhost"],
          ipAddresses: ["127.0.0.1", "::1"],
          now,
        };
        const client = { commonName: "kubernetes-admin", organizations: ["system:masters"], now };
        const checks = [
          ["sslserver", await issueServingCertificate(ca, serving)],
          ["sslclient", await issueClientCertificate(ca, client)],
        ] as const;
        const dir = mkdtempSync(join(tmpdir(), "fkas-pki-"));
        try {
          writeFileSync(join(dir, "ca.pem"), ca.certPem);
          for (const [purpose, pair] of checks) {
            writeFileSync(join(dir, "leaf.pem"), pair.certPem);
            const args = [
              "verify",
              "-x509_strict",
              "-purpose",
              purpose,
              "-CAfile",
              "ca.pem",
              "leaf.pem",
            ];
            const r = spawnSync("openssl", args, { cwd: dir, encoding: "utf8" });
            assert.equal(r.stdout.trim(), "leaf.pem: OK", r.stderr);
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    );
  }
});
