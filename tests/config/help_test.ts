// Tests that the help text is generated from the option table and stays in step with parsing.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { run, serve } from "./_helpers.ts";

function helpText(): string {
  const command = run(["--help"]);
  assert.equal(command.kind, "help");
  return command.kind === "help" ? command.text : "";
}

const FLAGS_AND_ENVS: [string, string, string][] = [
  ["--config FILE", "FKAS_CONFIG", ""],
  [
    "--control-address HOST:PORT",
    "FKAS_CONTROL_ADDRESS",
    "default 127.0.0.1:3333, 0.0.0.0:3333 in a pod",
  ],
  ["--advertise-host HOST", "FKAS_ADVERTISE_HOST", "default $POD_IP, else 127.0.0.1"],
  [
    "--listen-host HOST",
    "FKAS_LISTEN_HOST",
    "default the advertise host if it is a loopback address and not in a pod, else 0.0.0.0",
  ],
  ["--ports MIN-MAX", "FKAS_PORTS", "default 20000-30000"],
  ["--log-level debug|info|warn|error", "FKAS_LOG_LEVEL", "default info"],
  ["--log-format json|text", "FKAS_LOG_FORMAT", "default json, text on a terminal"],
  ["--anonymous-auth[=true|false]", "FKAS_ANONYMOUS_AUTH", "default false"],
  [
    "--service-account-token-auth[=true|false]",
    "FKAS_SERVICE_ACCOUNT_TOKEN_AUTH",
    "default false",
  ],
  ["--workloads[=true|false]", "FKAS_WORKLOADS", "default false"],
  ["--cluster-cidr CIDR", "FKAS_CLUSTER_CIDR", "default 192.168.0.0/16"],
  ["--node-cidr-mask-size N", "FKAS_NODE_CIDR_MASK_SIZE", "default 24"],
  ["--bootstrap-policy[=true|false]", "FKAS_BOOTSTRAP_POLICY", "default false"],
  ["--max-request-bytes N", "FKAS_MAX_REQUEST_BYTES", "default 3145728"],
  ["--quota-backend-bytes N", "FKAS_QUOTA_BACKEND_BYTES", "default 268435456"],
  ["--control-token TOKEN", "FKAS_CONTROL_TOKEN", "default none"],
  ["--ca-key-algorithm ecdsa|rsa", "FKAS_CA_KEY_ALGORITHM", "default ecdsa"],
  ["--kubernetes-version VERSION", "FKAS_KUBERNETES_VERSION", "default v1.33.1"],
  [
    "--management-kubeconfig FILE|in-cluster|none",
    "FKAS_MANAGEMENT_KUBECONFIG",
    "default in-cluster when running in a pod, else none",
  ],
  [
    "--ca-source generated|secrets",
    "FKAS_CA_SOURCE",
    "default secrets with a management cluster, else generated",
  ],
  ["--watch none|machines|baremetalhosts", "FKAS_WATCH", "default none"],
  ["--node-name infrastructure|machine", "FKAS_NODE_NAME", "default infrastructure"],
  ["--provider[=true|false]", "FKAS_PROVIDER", "default false"],
  ["--lease-renewal[=true|false]", "FKAS_LEASE_RENEWAL", "default false"],
  ["--max-fault-rules N", "FKAS_MAX_FAULT_RULES", "default 100"],
  ["--max-nodes-per-cluster N", "FKAS_MAX_NODES_PER_CLUSTER", "default 5000"],
  ["--port-forward-max-header-bytes N", "FKAS_PORT_FORWARD_MAX_HEADER_BYTES", "default 1048576"],
  [
    "--port-forward-stream-buffer-bytes N",
    "FKAS_PORT_FORWARD_STREAM_BUFFER_BYTES",
    "default 1048576",
  ],
  [
    "--port-forward-connection-buffer-bytes N",
    "FKAS_PORT_FORWARD_CONNECTION_BUFFER_BYTES",
    "default 8388608",
  ],
  ["--port-forward-max-streams N", "FKAS_PORT_FORWARD_MAX_STREAMS", "default 1000"],
  ["--header-timeout DURATION", "FKAS_HEADER_TIMEOUT", "default 32s"],
  ["--idle-timeout DURATION", "FKAS_IDLE_TIMEOUT", "default 90s"],
  [
    "--max-connections N",
    "FKAS_MAX_CONNECTIONS",
    "default the open-file limit minus listeners and a reserve for the control API",
  ],
  ["--workers N|auto", "FKAS_WORKERS", "default 1 (all clusters in the main thread)"],
  ["--max-connections-per-cluster N", "FKAS_MAX_CONNECTIONS_PER_CLUSTER", "default 1000"],
  ["--max-watches-per-cluster N", "FKAS_MAX_WATCHES_PER_CLUSTER", "default 5000"],
  ["--max-watches N", "FKAS_MAX_WATCHES", "default 100000"],
  [
    "--max-buffered-bytes-per-cluster N",
    "FKAS_MAX_BUFFERED_BYTES_PER_CLUSTER",
    "default 134217728",
  ],
  ["--max-buffered-bytes N", "FKAS_MAX_BUFFERED_BYTES", "default 1073741824"],
  ["--data-dir DIR", "FKAS_DATA_DIR", "default none: state lives in memory only"],
  ["--fsync always|batch|never", "FKAS_FSYNC", "default batch"],
  ["--compact-after-bytes", "FKAS_COMPACT_AFTER_BYTES", "default 67108864"],
  [
    "--compact-creations-after-bytes",
    "FKAS_COMPACT_CREATIONS_AFTER_BYTES",
    "default 1073741824",
  ],
  ["--compact-when-idle DURATION", "FKAS_COMPACT_WHEN_IDLE", "default 3s"],
  ["--peers URL,URL,...", "FKAS_PEERS", "default none: this process owns every cluster"],
  [
    "--shard-index N",
    "FKAS_SHARD_INDEX",
    "default the StatefulSet ordinal ending the host name (fkas-2: 2)",
  ],
];

// Options without a default value, absent from the Config unless set.
const UNSET_BY_DEFAULT = [
  "controlToken",
  "managementKubeconfig",
  "caSource",
  "maxConnections",
  "dataDir",
  "peers",
  "shardIndex",
];

// Options without a default value, absent from the Config unless set.

describe("help text", () => {
  it("shows the usage lines", () => {
    assert.match(helpText(), /fkas \[serve\] \[flags\]/);
    assert.match(helpText(), /fkas --version/);
  });

  it("has one line per flag with its env var and default", () => {
    const lines = helpText().split("\n");
    for (const [usage, env, defaultText] of FLAGS_AND_ENVS) {
      const line = lines.find((l) => l.trimStart().startsWith(`${usage} `));
      assert.ok(line, `no help line for ${usage}`);
      assert.ok(line.includes(`env ${env}`), line);
      assert.ok(line.includes(defaultText), line);
    }
  });

  it("every flag in the help is accepted, and its YAML key is its camelCase name", () => {
    const flags = [...helpText().matchAll(/^ {2}(--[a-z-]+)/gm)].map((m) => m[1])
      .filter((flag) => !["--config", "--help", "--version"].includes(flag));
    assert.equal(flags.length, FLAGS_AND_ENVS.length - 1);
    for (const flag of flags) {
      const key = flag.slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
      assert.ok(key in serve([]) || UNSET_BY_DEFAULT.includes(key), `${flag} is not ${key}`);
      const files = { "c.yaml": `${key}: null\n` };
      assert.deepEqual(serve(["--config", "c.yaml"], { files }), serve([]));
    }
  });
});
