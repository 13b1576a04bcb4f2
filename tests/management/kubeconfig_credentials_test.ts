import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { stringify } from "yaml";
import {
  type CredentialEnvironment,
  inClusterEndpoint,
  kubeconfigEndpoint,
} from "../../src/management/kubeconfig_credentials.ts";

const CA = "-----BEGIN CERTIFICATE-----\nmanagement-ca\n-----END CERTIFICATE-----\n";
const CERT = "-----BEGIN CERTIFICATE-----\nclient\n-----END CERTIFICATE-----\n";
const KEY = "-----BEGIN EC PRIVATE KEY-----\nclient-key\n-----END EC PRIVATE KEY-----\n";
const b64 = (text: string) => btoa(text);

interface CommandRun {
  command: string;
  args: readonly string[];
  env: Readonly<Record<string, string>>;
  timeoutMs: number;
}

// Files in memory, a scripted exec plugin and a clock the test moves.
function environment(files: Record<string, string>, pluginOutput: () => unknown = () => ({})) {
  const reads: string[] = [];
  const runs: CommandRun[] = [];
  const clock = { now: Date.parse("2026-01-02T03:00:00Z") };
  const env: CredentialEnvironment = {
    readFile(path) {
      reads.push(path);
      if (!(path in files)) throw new Error(`ENOENT: no such file: ${path}`);
      return files[path];
    },
    runCommand(command, args, options) {
      runs.push({ command, args, ...options });
      return Promise.resolve(JSON.stringify(pluginOutput()));
    },
    now: () => clock.now,
  };
  return { env, reads, runs, clock, files };
}

// A kubeconfig with one context, cluster and user; `user` and `cluster` fields are merged in.
function kubeconfig(
  user: Record<string, unknown>,
  cluster: Record<string, unknown> = { "certificate-authority-data": b64(CA) },
): string {
  return stringify({
    apiVersion: "v1",
    kind: "Config",
    "current-context": "mgmt",
    contexts: [{ name: "mgmt", context: { cluster: "mgmt-cluster", user: "mgmt-user" } }],
    clusters: [{ name: "mgmt-cluster", cluster: { server: "https://10.0.0.1:6443", ...cluster } }],
    users: [{ name: "mgmt-user", user }],
  });
}

const execCredential = (status: Record<string, unknown>) => ({
  apiVersion: "client.authentication.k8s.io/v1",
  kind: "ExecCredential",
  status,
});

describe("kubeconfigEndpoint", () => {
  it("uses inline *-data fields, the token, TLS options, and strips a trailing slash", async () => {
    const { env } = environment({
      "/k/config": kubeconfig(
        { "client-certificate-data": b64(CERT), "client-key-data": b64(KEY), token: "abc" },
        {
          server: "https://mgmt.example:6443/",
          "certificate-authority-data": b64(CA),
          "insecure-skip-tls-verify": false,
          "tls-server-name": "kubernetes.default",
        },
      ),
    });
    const endpoint = kubeconfigEndpoint("/k/config", env);
    assert.equal(endpoint.server, "https://mgmt.example:6443");
    assert.deepEqual(await endpoint.credentials(), {
      caPem: CA,
      certPem: CERT,
      keyPem: KEY,
      token: "abc",
      insecure: false,
      serverName: "kubernetes.default",
    });
  });

  it("reads file paths relative to the kubeconfig's directory, absolute ones as they are", async () => {
    const { env, reads } = environment({
      "/home/u/.kube/config": kubeconfig(
        { "client-certificate": "/etc/capi/client.crt", "client-key": "keys/client.key" },
        { "certificate-authority": "ca.crt" },
      ),
      "/home/u/.kube/ca.crt": CA,
      "/etc/capi/client.crt": CERT,
      "/home/u/.kube/keys/client.key": KEY,
    });
    const credentials = await kubeconfigEndpoint("/home/u/.kube/config", env).credentials();
    assert.deepEqual(
      [credentials.caPem, credentials.certPem, credentials.keyPem],
      [CA, CERT, KEY],
    );
    assert.deepEqual(reads.slice(1).sort(), [
      "/etc/capi/client.crt",
      "/home/u/.kube/ca.crt",
      "/home/u/.kube/keys/client.key",
    ]);
  });

  it("prefers *-data over a file path", async () => {
    const { env, reads } = environment({
      "/k/config": kubeconfig({}, {
        "certificate-authority-data": b64(CA),
        "certificate-authority": "missing.crt",
      }),
    });
    assert.equal((await kubeconfigEndpoint("/k/config", env).credentials()).caPem, CA);
    assert.deepEqual(reads, ["/k/config"]);
  });

  it("reads a bare file name next to a kubeconfig given without a directory", async () => {
    const { env } = environment({
      "config": kubeconfig({}, { "certificate-authority": "ca.crt" }),
      "ca.crt": CA,
    });
    assert.equal((await kubeconfigEndpoint("config", env).credentials()).caPem, CA);
  });

  it("follows current-context among several contexts, else the first context", async () => {
    const config = (current?: string) =>
      stringify({
        ...(current ? { "current-context": current } : {}),
        contexts: [
          { name: "one", context: { cluster: "c1", user: "u1" } },
          { name: "two", context: { cluster: "c2", user: "u2" } },
        ],
        clusters: [
          { name: "c1", cluster: { server: "https://one.example:6443" } },
          { name: "c2", cluster: { server: "https://two.example:6443" } },
        ],
        users: [{ name: "u1", user: { token: "t1" } }, { name: "u2", user: { token: "t2" } }],
      });
    const { env } = environment({ "/k/a": config("two"), "/k/b": config() });
    const two = kubeconfigEndpoint("/k/a", env);
    assert.equal(two.server, "https://two.example:6443");
    assert.equal((await two.credentials()).token, "t2");
    const first = kubeconfigEndpoint("/k/b", env);
    assert.equal(first.server, "https://one.example:6443");
    assert.equal((await first.credentials()).token, "t1");
  });

  it("re-reads tokenFile (relative to the kubeconfig) on every credentials() call", async () => {
    const { env, files } = environment({
      "/k/config": kubeconfig({ tokenFile: "token" }),
      "/k/token": "first\n",
    });
    const endpoint = kubeconfigEndpoint("/k/config", env);
    assert.equal((await endpoint.credentials()).token, "first");
    files["/k/token"] = "rotated\n";
    assert.equal((await endpoint.credentials()).token, "rotated");
    assert.equal((await endpoint.credentials()).caPem, CA);
  });

  it("runs an exec plugin with its args, env and KUBERNETES_EXEC_INFO", async () => {
    const { env, runs } = environment(
      {
        "/k/config": kubeconfig({
          exec: {
            apiVersion: "client.authentication.k8s.io/v1beta1",
            command: "aws",
            args: ["eks", "get-token", "--cluster-name", "mgmt"],
            env: [{ name: "AWS_PROFILE", value: "capi" }],
          },
        }),
      },
      () =>
        execCredential({
          token: "exec-token",
          clientCertificateData: CERT,
          clientKeyData: KEY,
        }),
    );
    const credentials = await kubeconfigEndpoint("/k/config", env).credentials();
    assert.deepEqual(credentials, {
      caPem: CA,
      certPem: CERT,
      keyPem: KEY,
      token: "exec-token",
      insecure: undefined,
      serverName: undefined,
    });
    assert.equal(runs.length, 1);
    const run = runs[0];
    assert.equal(run.command, "aws");
    assert.deepEqual(run.args, ["eks", "get-token", "--cluster-name", "mgmt"]);
    assert.equal(run.env.AWS_PROFILE, "capi");
    assert.deepEqual(JSON.parse(run.env.KUBERNETES_EXEC_INFO), {
      apiVersion: "client.authentication.k8s.io/v1beta1",
      kind: "ExecCredential",
      spec: { interactive: false },
    });
    assert.ok(run.timeoutMs > 0);
  });

  it("asks the exec plugin for client.authentication.k8s.io/v1 when the kubeconfig names none", async () => {
    const { env, runs } = environment(
      { "/k/config": kubeconfig({ exec: { command: "plugin" } }) },
      () => execCredential({ token: "t" }),
    );
    await kubeconfigEndpoint("/k/config", env).credentials();
    assert.deepEqual(runs[0].args, []);
    assert.equal(
      JSON.parse(runs[0].env.KUBERNETES_EXEC_INFO).apiVersion,
      "client.authentication.k8s.io/v1",
    );
  });

  it("runs an exec command with a path relative to the kubeconfig's directory, a bare one from PATH", async () => {
    const { env, runs } = environment(
      {
        "/k/relative": kubeconfig({ exec: { command: "./bin/plugin" } }),
        "/k/bare": kubeconfig({ exec: { command: "plugin" } }),
        "/k/absolute": kubeconfig({ exec: { command: "/usr/bin/plugin" } }),
      },
      () => execCredential({ token: "t" }),
    );
    for (const name of ["relative", "bare", "absolute"]) {
      await kubeconfigEndpoint(`/k/${name}`, env).credentials();
    }
    assert.deepEqual(runs.map((r) => r.command), ["/k/./bin/plugin", "plugin", "/usr/bin/plugin"]);
  });

  it("names the file when the kubeconfig is no YAML", () => {
    const { env } = environment({ "/k/broken": "clusters: [\n  - {" });
    assert.throws(() => kubeconfigEndpoint("/k/broken", env), /^Error: \/k\/broken: /);
  });

  it("caches exec credentials until their expirationTimestamp, and after invalidate() runs again", async () => {
    let issued = 0;
    const { env, runs, clock } = environment(
      { "/k/config": kubeconfig({ exec: { command: "plugin" } }) },
      () =>
        execCredential({ token: `token-${++issued}`, expirationTimestamp: "2026-01-02T03:10:00Z" }),
    );
    const endpoint = kubeconfigEndpoint("/k/config", env);
    assert.equal((await endpoint.credentials()).token, "token-1");
    clock.now = Date.parse("2026-01-02T03:09:59Z");
    assert.equal((await endpoint.credentials()).token, "token-1");
    assert.equal(runs.length, 1);
    clock.now = Date.parse("2026-01-02T03:10:00Z");
    assert.equal((await endpoint.credentials()).token, "token-2", "expired: the plugin runs again");
    endpoint.invalidate();
    assert.equal((await endpoint.credentials()).token, "token-3", "invalidated: runs again");
    assert.equal(runs.length, 3);
  });

  it("keeps exec credentials without expirationTimestamp until invalidate()", async () => {
    let issued = 0;
    const { env, runs, clock } = environment(
      { "/k/config": kubeconfig({ exec: { command: "plugin" } }) },
      () => execCredential({ token: `token-${++issued}` }),
    );
    const endpoint = kubeconfigEndpoint("/k/config", env);
    await endpoint.credentials();
    clock.now += 365 * 24 * 3600 * 1000;
    assert.equal((await endpoint.credentials()).token, "token-1");
    endpoint.invalidate();
    assert.equal((await endpoint.credentials()).token, "token-2");
    assert.equal(runs.length, 2);
  });

  it("keeps the kubeconfig's client certificate when the exec plugin returns only a token", async () => {
    const { env } = environment(
      {
        "/k/config": kubeconfig({
          "client-certificate-data": b64(CERT),
          "client-key-data": b64(KEY),
          exec: { command: "plugin" },
        }),
      },
      () => execCredential({ token: "t" }),
    );
    const credentials = await kubeconfigEndpoint("/k/config", env).credentials();
    assert.deepEqual([credentials.certPem, credentials.keyPem, credentials.token], [
      CERT,
      KEY,
      "t",
    ]);
  });

  it("rejects exec output that is no ExecCredential, naming the command", async () => {
    const { env } = environment(
      { "/k/config": kubeconfig({ exec: { command: "broken-plugin" } }) },
      () => ({ kind: "Nonsense" }),
    );
    await assert.rejects(
      kubeconfigEndpoint("/k/config", env).credentials(),
      /broken-plugin: not an ExecCredential/,
    );
  });

  it("rejects an invalid kubeconfig with an error naming the path and the field", () => {
    const { env } = environment({
      "/k/bad-server": kubeconfig({}, { server: "not a url" }),
      "/k/bad-token": kubeconfig({ token: 42 }),
      "/k/no-cluster": stringify({
        "current-context": "x",
        contexts: [{ name: "x", context: { cluster: "nowhere" } }],
        clusters: [],
      }),
    });
    assert.throws(
      () => kubeconfigEndpoint("/k/bad-server", env),
      (e: Error) => e.message.startsWith("/k/bad-server: clusters.0.cluster.server:"),
    );
    assert.throws(
      () => kubeconfigEndpoint("/k/bad-token", env),
      (e: Error) => e.message.startsWith("/k/bad-token: users.0.user.token:"),
    );
    assert.throws(
      () => kubeconfigEndpoint("/k/no-cluster", env),
      /^Error: \/k\/no-cluster: no cluster for the current context "x"$/,
    );
  });
});

describe("inClusterEndpoint", () => {
  const SA = "/var/run/secrets/kubernetes.io/serviceaccount";

  it("builds the server from the service env vars and reads the service account's CA", async () => {
    const { env } = environment({ [`${SA}/ca.crt`]: CA, [`${SA}/token`]: "sa-token\n" });
    const endpoint = inClusterEndpoint(
      { KUBERNETES_SERVICE_HOST: "10.96.0.1", KUBERNETES_SERVICE_PORT: "6443" },
      env,
    );
    assert.equal(endpoint.server, "https://10.96.0.1:6443");
    assert.deepEqual(await endpoint.credentials(), { caPem: CA, token: "sa-token" });
  });

  it("puts an IPv6 host in brackets and defaults the port to 443", () => {
    const { env } = environment({ [`${SA}/ca.crt`]: CA, [`${SA}/token`]: "t" });
    assert.equal(
      inClusterEndpoint({ KUBERNETES_SERVICE_HOST: "fd00:10:96::1" }, env).server,
      "https://[fd00:10:96::1]:443",
    );
  });

  it("re-reads the projected token on every call", async () => {
    const { env, files } = environment({ [`${SA}/ca.crt`]: CA, [`${SA}/token`]: "one" });
    const endpoint = inClusterEndpoint({ KUBERNETES_SERVICE_HOST: "10.96.0.1" }, env);
    assert.equal((await endpoint.credentials()).token, "one");
    files[`${SA}/token`] = "two";
    assert.equal((await endpoint.credentials()).token, "two");
  });

  it("refuses to run outside a pod", () => {
    const { env } = environment({});
    assert.throws(() => inClusterEndpoint({}, env), /KUBERNETES_SERVICE_HOST is not set/);
  });
});
