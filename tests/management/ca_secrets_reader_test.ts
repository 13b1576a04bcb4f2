import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { caSecretsReader } from "../../src/management/ca_secrets_reader.ts";
import type { ManagementClient } from "../../src/management/management_client.ts";

const CA = { "tls.crt": "ca-cert-pem", "tls.key": "ca-key-pem" };
const ETCD = { "tls.crt": "etcd-cert-pem", "tls.key": "etcd-key-pem" };

// A client that only knows Secrets, keyed `namespace/name`, and records what was read.
function client(secrets: Record<string, Record<string, string>>) {
  const reads: string[] = [];
  const unused = () => Promise.reject(new Error("not used by the CA secrets reader"));
  const value: ManagementClient = {
    server: "https://mgmt.example:6443",
    readSecret(namespace, name) {
      reads.push(`${namespace}/${name}`);
      return Promise.resolve(secrets[`${namespace}/${name}`]);
    },
    get: unused,
    list: unused,
    watch: unused,
    servedVersions: unused,
  };
  return { client: value, reads };
}

describe("caSecretsReader", () => {
  it("reads <cluster>-ca and <cluster>-etcd in the cluster's namespace", async () => {
    const c = client({ "capi/demo-ca": CA, "capi/demo-etcd": ETCD });
    assert.deepEqual(await caSecretsReader(c.client)("capi", "demo"), {
      found: true,
      ca: { certPem: "ca-cert-pem", keyPem: "ca-key-pem" },
      etcdCa: { certPem: "etcd-cert-pem", keyPem: "etcd-key-pem" },
    });
    assert.deepEqual(c.reads.sort(), ["capi/demo-ca", "capi/demo-etcd"]);
  });

  it("says which secret is missing", async () => {
    const read = caSecretsReader(client({ "capi/demo-etcd": ETCD, "other/demo-ca": CA }).client);
    assert.deepEqual(await read("capi", "demo"), {
      found: false,
      missing: "CA secret capi/demo-ca",
    });
    const noEtcd = caSecretsReader(client({ "capi/demo-ca": CA }).client);
    assert.deepEqual(await noEtcd("capi", "demo"), {
      found: false,
      missing: "CA secret capi/demo-etcd",
    });
    const neither = caSecretsReader(client({}).client);
    assert.deepEqual(await neither("capi", "demo"), {
      found: false,
      missing: "CA secret capi/demo-ca",
    });
  });

  it("says which secret lacks tls.crt or tls.key", async () => {
    const noKey = caSecretsReader(
      client({ "capi/demo-ca": { "tls.crt": "ca-cert-pem" }, "capi/demo-etcd": ETCD }).client,
    );
    assert.deepEqual(await noKey("capi", "demo"), {
      found: false,
      missing: "tls.crt and tls.key in secret capi/demo-ca",
    });
    const emptyCert = caSecretsReader(
      client({ "capi/demo-ca": CA, "capi/demo-etcd": { "tls.crt": "", "tls.key": "k" } }).client,
    );
    assert.deepEqual(await emptyCert("capi", "demo"), {
      found: false,
      missing: "tls.crt and tls.key in secret capi/demo-etcd",
    });
  });

  it("lets a failed read reject, for the caller to retry", async () => {
    const failing: ManagementClient = {
      ...client({}).client,
      readSecret: () => Promise.reject(new Error("403 secrets is forbidden")),
    };
    await assert.rejects(caSecretsReader(failing)("capi", "demo"), /403 secrets is forbidden/);
  });
});
