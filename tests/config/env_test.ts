// Tests FKAS_* environment variables and their place between flags and the config file.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { serve } from "./_helpers.ts";

const ENV = {
  FKAS_CONTROL_ADDRESS: "[::1]:4444",
  FKAS_ADVERTISE_HOST: "2001:db8::7",
  FKAS_LISTEN_HOST: "127.0.0.1",
  FKAS_PORTS: "1-65535",
  FKAS_LOG_LEVEL: "warn",
  FKAS_LOG_FORMAT: "text",
  FKAS_ANONYMOUS_AUTH: "true",
  FKAS_SERVICE_ACCOUNT_TOKEN_AUTH: "true",
  FKAS_WORKLOADS: "true",
  FKAS_CLUSTER_CIDR: "10.0.0.0/8",
  FKAS_NODE_CIDR_MASK_SIZE: "23",
  FKAS_BOOTSTRAP_POLICY: "true",
  FKAS_MAX_REQUEST_BYTES: "1048576",
  FKAS_QUOTA_BACKEND_BYTES: "8388608",
  FKAS_CONTROL_TOKEN: "from-env",
  FKAS_CA_KEY_ALGORITHM: "rsa",
  FKAS_KUBERNETES_VERSION: "v1.30.4+k3s1",
  FKAS_MANAGEMENT_KUBECONFIG: "in-cluster",
  FKAS_CA_SOURCE: "generated",
  FKAS_WATCH: "machines",
  FKAS_NODE_NAME: "machine",
  FKAS_PROVIDER: "true",
  FKAS_LEASE_RENEWAL: "true",
  FKAS_MAX_FAULT_RULES: "7",
  FKAS_MAX_NODES_PER_CLUSTER: "9",
  FKAS_PORT_FORWARD_MAX_HEADER_BYTES: "2048",
  FKAS_PORT_FORWARD_STREAM_BUFFER_BYTES: "65536",
  FKAS_PORT_FORWARD_CONNECTION_BUFFER_BYTES: "131072",
  FKAS_PORT_FORWARD_MAX_STREAMS: "10",
  FKAS_HEADER_TIMEOUT: "5s",
  FKAS_IDLE_TIMEOUT: "500ms",
  FKAS_MAX_CONNECTIONS: "12345",
  FKAS_MAX_CONNECTIONS_PER_CLUSTER: "7",
  FKAS_MAX_WATCHES_PER_CLUSTER: "9",
  FKAS_MAX_WATCHES: "90",
  FKAS_MAX_BUFFERED_BYTES_PER_CLUSTER: "1000",
  FKAS_MAX_BUFFERED_BYTES: "9000",
  FKAS_WORKERS: "1",
  FKAS_DATA_DIR: "/var/lib/fkas",
  FKAS_FSYNC: "always",
  FKAS_COMPACT_AFTER_BYTES: "65536",
  FKAS_COMPACT_CREATIONS_AFTER_BYTES: "1048576",
  FKAS_COMPACT_WHEN_IDLE: "7s",
  FKAS_PEERS: "http://127.0.0.1:3401,http://127.0.0.1:3402,http://[::1]:3403",
  FKAS_SHARD_INDEX: "2",
};

describe("environment variables", () => {
  it("set every option", () => {
    assert.deepEqual(serve([], { env: ENV }), {
      controlAddress: { host: "::1", port: 4444 },
      advertiseHost: "2001:db8::7",
      listenHost: "127.0.0.1",
      ports: { min: 1, max: 65535 },
      logLevel: "warn",
      logFormat: "text",
      anonymousAuth: true,
      serviceAccountTokenAuth: true,
      workloads: true,
      clusterCidr: "10.0.0.0/8",
      nodeCidrMaskSize: 23,
      bootstrapPolicy: true,
      maxRequestBytes: 1048576,
      quotaBackendBytes: 8388608,
      controlToken: "from-env",
      caKeyAlgorithm: "rsa",
      kubernetesVersion: "v1.30.4+k3s1",
      managementKubeconfig: "in-cluster",
      caSource: "generated",
      watch: "machines",
      nodeName: "machine",
      provider: true,
      leaseRenewal: true,
      maxFaultRules: 7,
      maxNodesPerCluster: 9,
      portForwardMaxHeaderBytes: 2048,
      portForwardStreamBufferBytes: 65536,
      portForwardConnectionBufferBytes: 131072,
      portForwardMaxStreams: 10,
      headerTimeout: 5000,
      idleTimeout: 500,
      maxConnections: 12_345,
      maxConnectionsPerCluster: 7,
      maxWatchesPerCluster: 9,
      maxWatches: 90,
      maxBufferedBytesPerCluster: 1000,
      maxBufferedBytes: 9000,
      workers: 1,
      dataDir: "/var/lib/fkas",
      fsync: "always",
      compactAfterBytes: 65536,
      compactCreationsAfterBytes: 1048576,
      compactWhenIdle: 7000,
      peers: ["http://127.0.0.1:3401", "http://127.0.0.1:3402", "http://[::1]:3403"],
      shardIndex: 2,
    });
  });

  it("an empty string counts as unset", () => {
    const empty = Object.fromEntries(Object.keys(ENV).map((name) => [name, ""]));
    assert.deepEqual(serve([], { env: { ...empty, FKAS_CONFIG: "", POD_IP: "" } }), serve([]));
  });

  it("undefined counts as unset", () => {
    assert.equal(serve([], { env: { FKAS_PORTS: undefined } }).ports.min, 20000);
  });

  it("flags beat env", () => {
    const config = serve(["--ports=100-200", "--anonymous-auth=false"], { env: ENV });
    assert.deepEqual(config.ports, { min: 100, max: 200 });
    assert.equal(config.anonymousAuth, false);
    assert.equal(config.logLevel, "warn");
  });

  it("FKAS_ANONYMOUS_AUTH=false keeps anonymous auth off", () => {
    assert.equal(serve([], { env: { FKAS_ANONYMOUS_AUTH: "false" } }).anonymousAuth, false);
  });
});
