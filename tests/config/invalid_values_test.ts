// Tests that every invalid value fails with a ConfigError naming the flag, env var or file key.
import { describe, it } from "node:test";
import { fails } from "./_helpers.ts";

const INVALID: [flag: string, env: string, key: string, values: string[]][] = [
  ["--control-address", "FKAS_CONTROL_ADDRESS", "controlAddress", [
    "3333",
    "0.0.0.0",
    "0.0.0.0:65536",
    "0.0.0.0:-1",
    ":3333",
    ":::3333",
    "[localhost]:3333",
    "[::]",
    "bad host:1",
  ]],
  ["--advertise-host", "FKAS_ADVERTISE_HOST", "advertiseHost", [
    "10.0.0.256",
    "1.2.3",
    "-leading.dash",
    "under_score.example",
    "[::1]",
    "a".repeat(64),
  ]],
  ["--listen-host", "FKAS_LISTEN_HOST", "listenHost", ["0.0.0.0:80", "*"]],
  ["--ports", "FKAS_PORTS", "ports", ["30000-20000", "0-10", "1-65536", "20000", "a-b", "1 - 2"]],
  ["--workers", "FKAS_WORKERS", "workers", ["0", "65", "two", "AUTO", "-1", "1.5"]],
  ["--log-level", "FKAS_LOG_LEVEL", "logLevel", ["verbose", "INFO"]],
  ["--log-format", "FKAS_LOG_FORMAT", "logFormat", ["yaml"]],
  ["--anonymous-auth", "FKAS_ANONYMOUS_AUTH", "anonymousAuth", ["yes", "1", "TRUE"]],
  ["--ca-key-algorithm", "FKAS_CA_KEY_ALGORITHM", "caKeyAlgorithm", ["ed25519"]],
  ["--max-fault-rules", "FKAS_MAX_FAULT_RULES", "maxFaultRules", ["0", "-1", "1.5", "10001", "x"]],
  ["--max-nodes-per-cluster", "FKAS_MAX_NODES_PER_CLUSTER", "maxNodesPerCluster", ["0", "1e3"]],
  ["--kubernetes-version", "FKAS_KUBERNETES_VERSION", "kubernetesVersion", [
    "1.33.1",
    "v1.33",
    "v1.33.1-",
  ]],
  ["--management-kubeconfig", "FKAS_MANAGEMENT_KUBECONFIG", "managementKubeconfig", [" "]],
  ["--ca-source", "FKAS_CA_SOURCE", "caSource", ["vault"]],
  ["--watch", "FKAS_WATCH", "watch", ["nodes", "machines,baremetalhosts"]],
  ["--node-name", "FKAS_NODE_NAME", "nodeName", ["providerID"]],
  ["--provider", "FKAS_PROVIDER", "provider", ["yes"]],
  [
    "--port-forward-max-header-bytes",
    "FKAS_PORT_FORWARD_MAX_HEADER_BYTES",
    "portForwardMaxHeaderBytes",
    [
      "1023",
      "16777217",
      "1Mi",
    ],
  ],
  ["--port-forward-max-streams", "FKAS_PORT_FORWARD_MAX_STREAMS", "portForwardMaxStreams", [
    "1",
    "-5",
    "2.5",
  ]],
  ["--max-request-bytes", "FKAS_MAX_REQUEST_BYTES", "maxRequestBytes", [
    "0",
    "-1",
    "3MiB",
    "1.5",
    "1073741825",
  ]],
  ["--quota-backend-bytes", "FKAS_QUOTA_BACKEND_BYTES", "quotaBackendBytes", [
    "0",
    "256MiB",
    "1099511627777",
  ]],
  ["--header-timeout", "FKAS_HEADER_TIMEOUT", "headerTimeout", [
    "32",
    "-1s",
    "1d",
    "s",
    "30 s",
    "999999999s",
  ]],
  ["--idle-timeout", "FKAS_IDLE_TIMEOUT", "idleTimeout", ["90", "1.5"]],
  ["--max-connections", "FKAS_MAX_CONNECTIONS", "maxConnections", [
    "0",
    "-1",
    "1.5",
    "many",
    "1000000000",
  ]],
  [
    "--max-connections-per-cluster",
    "FKAS_MAX_CONNECTIONS_PER_CLUSTER",
    "maxConnectionsPerCluster",
    [
      "0",
      "ten",
    ],
  ],
];

describe("invalid values", () => {
  for (const [flag, env, key, values] of INVALID) {
    for (const value of values) {
      const got = `got ${JSON.stringify(value)}`;
      it(`${flag}=${value} is rejected naming ${flag}`, () => {
        fails([`${flag}=${value}`], {}, `Cannot start: ${flag}: expected `, got);
      });
      it(`${env}=${value} is rejected naming ${env}`, () => {
        fails([], { env: { [env]: value } }, `Cannot start: ${env}: expected `, got);
      });
      it(`${key}: ${value} in a file is rejected naming the file and key`, () => {
        const files = { "config.yaml": `${key}: ${JSON.stringify(value)}\n` };
        fails(["--config", "config.yaml"], { files }, `config.yaml: ${key}: expected `, got);
      });
    }
  }

  it("the ports message says what a range must look like", () => {
    fails(
      ["--ports", "30000-20000"],
      {},
      'Cannot start: --ports: expected MIN-MAX with 1 <= MIN <= MAX <= 65535, got "30000-20000"',
    );
  });

  it("YAML values of the wrong type are rejected", () => {
    const files = { "c.yaml": "controlToken: 1234\nlogLevel: [info]\n" };
    fails(["--config", "c.yaml"], { files }, "c.yaml: logLevel: expected one of");
    const ports = { "c.yaml": "ports: {min: 2, max: 1}\n" };
    fails(["--config", "c.yaml"], { files: ports }, "c.yaml: ports: expected MIN-MAX");
    const extra = { "c.yaml": "ports: {min: 1, max: 2, step: 1}\n" };
    fails(["--config", "c.yaml"], { files: extra }, "c.yaml: ports: expected MIN-MAX");
  });

  it("a bad control token is rejected without echoing it", () => {
    const error = fails(["--control-token", "has space"], {}, "--control-token: expected");
    if (error.message.includes("has space")) throw new Error(`token leaked: ${error.message}`);
    fails(["--control-token="], {}, "--control-token: expected");
  });
});
