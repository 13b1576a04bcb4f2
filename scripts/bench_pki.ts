// Benchmark of src/pki: ms per operation for CA creation and certificate issuing, on whichever runtime runs it.
import {
  createCertificateAuthority,
  issueClientCertificate,
  issueServingCertificate,
  loadCertificateAuthority,
} from "../src/pki/mod.ts";

const now = new Date();
const runtime = "Bun" in globalThis ? "bun" : "Deno" in globalThis ? "deno" : "node";

async function bench(name: string, iterations: number, op: () => Promise<unknown>): Promise<void> {
  await op(); // warm-up: JIT and lazy module state
  const start = performance.now();
  for (let i = 0; i < iterations; i++) await op();
  const ms = (performance.now() - start) / iterations;
  console.log(
    `${name.padEnd(40)} ${ms.toFixed(3).padStart(9)} ms/op  (${iterations} ops, ${runtime})`,
  );
}

const ecdsaCa = await createCertificateAuthority({ commonName: "ec", keyAlgorithm: "ecdsa", now });
const rsaCa = await createCertificateAuthority({ commonName: "rsa", keyAlgorithm: "rsa", now });
const serving = {
  commonName: "apiserver",
  dnsNames: ["localhost"],
  ipAddresses: ["127.0.0.1"],
  now,
};
const client = { commonName: "kubernetes-admin", organizations: ["system:masters"], now };

await bench(
  "create CA (ecdsa)",
  200,
  () => createCertificateAuthority({ commonName: "ca", keyAlgorithm: "ecdsa", now }),
);
await bench(
  "create CA (rsa)",
  20,
  () => createCertificateAuthority({ commonName: "ca", keyAlgorithm: "rsa", now }),
);
await bench(
  "load CA (ecdsa, SEC1)",
  200,
  () => loadCertificateAuthority(ecdsaCa.certPem, ecdsaCa.keyPem),
);
await bench(
  "load CA (rsa, PKCS#1)",
  200,
  () => loadCertificateAuthority(rsaCa.certPem, rsaCa.keyPem),
);
await bench("issue serving cert (ecdsa CA)", 200, () => issueServingCertificate(ecdsaCa, serving));
await bench("issue serving cert (rsa CA)", 200, () => issueServingCertificate(rsaCa, serving));
await bench("issue client cert (ecdsa CA)", 200, () => issueClientCertificate(ecdsaCa, client));
await bench("issue client cert (rsa CA)", 200, () => issueClientCertificate(rsaCa, client));
