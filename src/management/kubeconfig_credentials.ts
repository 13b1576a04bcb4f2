// Turns a kubeconfig (or a pod's service account) into the server, TLS material and bearer token
// of each request: inline or file certificates, tokens, token files, and exec credential plugins.

import { fromBase64Utf8 } from "../encoding/mod.ts";
import * as v from "valibot";
import { parse } from "yaml";

/** What one request to the management cluster carries. */
export interface RequestCredentials {
  readonly caPem?: string;
  readonly certPem?: string;
  readonly keyPem?: string;
  readonly token?: string;
  readonly insecure?: boolean;
  readonly serverName?: string;
}

/** The server and a way to get fresh credentials for it. */
export interface ManagementEndpoint {
  readonly server: string;
  credentials(): Promise<RequestCredentials>;
  /** Forgets cached exec-plugin credentials (after a 401). */
  invalidate(): void;
}

/** The I/O credentials need, passed in. */
export interface CredentialEnvironment {
  readFile(path: string): string;
  runCommand(
    command: string,
    args: readonly string[],
    options: { env: Readonly<Record<string, string>>; timeoutMs: number },
  ): Promise<string>;
  now(): number;
}

const EXEC = v.object({
  command: v.string(),
  args: v.optional(v.nullable(v.array(v.string())), []),
  env: v.optional(v.nullable(v.array(v.object({ name: v.string(), value: v.string() }))), []),
  apiVersion: v.optional(v.string(), "client.authentication.k8s.io/v1"),
});
const KUBECONFIG = v.object({
  "current-context": v.optional(v.string()),
  contexts: v.optional(
    v.nullable(v.array(v.object({
      name: v.string(),
      context: v.object({ cluster: v.string(), user: v.optional(v.string()) }),
    }))),
    [],
  ),
  clusters: v.optional(
    v.nullable(v.array(v.object({
      name: v.string(),
      cluster: v.object({
        server: v.pipe(v.string(), v.url()),
        "certificate-authority-data": v.optional(v.string()),
        "certificate-authority": v.optional(v.string()),
        "insecure-skip-tls-verify": v.optional(v.boolean()),
        "tls-server-name": v.optional(v.string()),
      }),
    }))),
    [],
  ),
  users: v.optional(
    v.nullable(v.array(v.object({
      name: v.string(),
      user: v.optional(v.nullable(v.object({
        "client-certificate-data": v.optional(v.string()),
        "client-certificate": v.optional(v.string()),
        "client-key-data": v.optional(v.string()),
        "client-key": v.optional(v.string()),
        token: v.optional(v.string()),
        tokenFile: v.optional(v.string()),
        exec: v.optional(EXEC),
      }))),
    }))),
    [],
  ),
});
const EXEC_CREDENTIAL = v.object({
  status: v.object({
    token: v.optional(v.string()),
    clientCertificateData: v.optional(v.string()),
    clientKeyData: v.optional(v.string()),
    expirationTimestamp: v.optional(v.string()),
  }),
});

/** Reads a kubeconfig file: its current context's cluster and user. */
export function kubeconfigEndpoint(path: string, env: CredentialEnvironment): ManagementEndpoint {
  const text = env.readFile(path);
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`);
  }
  const result = v.safeParse(KUBECONFIG, document);
  if (!result.success) {
    const issue = result.issues[0];
    const where = v.getDotPath(issue) ?? "the document";
    throw new Error(`${path}: ${where}: ${issue.message}`);
  }
  const config = result.output;
  const contextName = config["current-context"] ?? config.contexts?.[0]?.name;
  const context = config.contexts?.find((c) => c.name === contextName)?.context;
  const cluster = config.clusters?.find((c) => c.name === (context?.cluster ?? contextName))
    ?.cluster ?? (config.clusters?.length === 1 ? config.clusters[0].cluster : undefined);
  if (!cluster) throw new Error(`${path}: no cluster for the current context "${contextName}"`);
  const user = config.users?.find((u) => u.name === context?.user)?.user ?? {};
  const dir = path.includes("/") ? path.slice(0, path.lastIndexOf("/") + 1) : "";
  const file = (name: string) => env.readFile(name.startsWith("/") ? name : dir + name);
  const pemOf = (data?: string, name?: string) =>
    data ? fromBase64Utf8(data) : name ? file(name) : undefined;
  const fixed: RequestCredentials = {
    caPem: pemOf(cluster["certificate-authority-data"], cluster["certificate-authority"]),
    certPem: pemOf(user["client-certificate-data"], user["client-certificate"]),
    keyPem: pemOf(user["client-key-data"], user["client-key"]),
    insecure: cluster["insecure-skip-tls-verify"],
    serverName: cluster["tls-server-name"],
    token: user.token,
  };
  const exec = user.exec;
  const tokenFile = user.tokenFile;
  let cached: { credentials: RequestCredentials; expires: number } | undefined;
  return {
    server: cluster.server.replace(/\/$/, ""),
    async credentials() {
      if (tokenFile) return { ...fixed, token: file(tokenFile).trim() };
      if (!exec) return fixed;
      if (cached && cached.expires > env.now()) return cached.credentials;
      // As client-go: a command with a path separator is relative to the kubeconfig's directory.
      const command = exec.command.includes("/") && !exec.command.startsWith("/")
        ? dir + exec.command
        : exec.command;
      const output = await env.runCommand(command, exec.args ?? [], {
        env: {
          ...Object.fromEntries((exec.env ?? []).map(({ name, value }) => [name, value])),
          KUBERNETES_EXEC_INFO: JSON.stringify({
            apiVersion: exec.apiVersion,
            kind: "ExecCredential",
            spec: { interactive: false },
          }),
        },
        timeoutMs: 30_000,
      });
      const parsed = v.safeParse(EXEC_CREDENTIAL, JSON.parse(output));
      if (!parsed.success) {
        throw new Error(`${exec.command}: not an ExecCredential: ${parsed.issues[0].message}`);
      }
      const status = parsed.output.status;
      const credentials = {
        ...fixed,
        token: status.token ?? fixed.token,
        certPem: status.clientCertificateData ?? fixed.certPem,
        keyPem: status.clientKeyData ?? fixed.keyPem,
      };
      const expires = status.expirationTimestamp
        ? Date.parse(status.expirationTimestamp)
        : Number.POSITIVE_INFINITY;
      cached = { credentials, expires };
      return credentials;
    },
    invalidate() {
      cached = undefined;
    },
  };
}

/** Where a pod's service account credentials are mounted. */
export const SERVICE_ACCOUNT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";

/** The pod's own API server, with its service account's CA and (rotating) token. */
export function inClusterEndpoint(
  envVars: Readonly<Record<string, string | undefined>>,
  env: CredentialEnvironment,
): ManagementEndpoint {
  const host = envVars.KUBERNETES_SERVICE_HOST;
  const port = envVars.KUBERNETES_SERVICE_PORT ?? "443";
  if (!host) throw new Error("not running in a pod: KUBERNETES_SERVICE_HOST is not set");
  const caPem = env.readFile(`${SERVICE_ACCOUNT_DIR}/ca.crt`);
  const hostPart = host.includes(":") ? `[${host}]` : host;
  return {
    server: `https://${hostPart}:${port}`,
    // Projected tokens rotate: read the file on every request, as client-go re-reads it.
    credentials: () =>
      Promise.resolve({ caPem, token: env.readFile(`${SERVICE_ACCOUNT_DIR}/token`).trim() }),
    invalidate() {},
  };
}
