// Test fixture: a throw-away CA with a server certificate and client certificates (ECDSA P-256).
import "reflect-metadata";
import * as x509 from "@peculiar/x509";

const algorithm = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;
const day = 24 * 60 * 60 * 1000;

/** A certificate and its private key, both PEM. */
export interface KeyPairPem {
  certPem: string;
  keyPem: string;
}

/** A CA that signs leaf certificates for tests. */
export interface TestCa extends KeyPairPem {
  issue(subject: string, extensions?: x509.Extension[]): Promise<KeyPairPem>;
}

let serial = 1;

async function privateKeyPem(key: CryptoKey): Promise<string> {
  const der = await crypto.subtle.exportKey("pkcs8", key);
  return x509.PemConverter.encode(der, "PRIVATE KEY");
}

/** Creates a self-signed CA named `name`. */
export async function createTestCa(name: string): Promise<TestCa> {
  const keys = await crypto.subtle.generateKey(algorithm, true, ["sign", "verify"]);
  const now = Date.now();
  const caCert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: (serial++).toString(16).padStart(2, "0"),
    name: `CN=${name}`,
    notBefore: new Date(now - day),
    notAfter: new Date(now + day),
    keys,
    signingAlgorithm: algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true),
    ],
  });
  return {
    certPem: caCert.toString("pem"),
    keyPem: await privateKeyPem(keys.privateKey),
    async issue(subject, extensions = []) {
      const leafKeys = await crypto.subtle.generateKey(algorithm, true, ["sign", "verify"]);
      const cert = await x509.X509CertificateGenerator.create({
        serialNumber: (serial++).toString(16).padStart(2, "0"),
        subject,
        issuer: caCert.subject,
        notBefore: new Date(now - day),
        notAfter: new Date(now + day),
        publicKey: leafKeys.publicKey,
        signingKey: keys.privateKey,
        signingAlgorithm: algorithm,
        extensions: [
          new x509.BasicConstraintsExtension(false, undefined, true),
          new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
          ...extensions,
        ],
      });
      return { certPem: cert.toString("pem"), keyPem: await privateKeyPem(leafKeys.privateKey) };
    },
  };
}

/** A CA plus a server certificate for localhost and a client certificate, as the tests need them. */
export async function createTestPki(): Promise<
  { ca: TestCa; server: KeyPairPem; client: KeyPairPem; strangerClient: KeyPairPem }
> {
  const ca = await createTestCa("test-ca");
  const server = await ca.issue("CN=localhost", [
    new x509.SubjectAlternativeNameExtension([
      { type: "dns", value: "localhost" },
      { type: "ip", value: "127.0.0.1" },
    ]),
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
  ]);
  const clientExt = [new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth])];
  const client = await ca.issue(
    "CN=kubernetes-admin, O=system:masters, O=kubeadm:cluster-admins",
    clientExt,
  );
  const stranger = await createTestCa("other-ca");
  const strangerClient = await stranger.issue("CN=mallory, O=system:masters", clientExt);
  return { ca, server, client, strangerClient };
}
