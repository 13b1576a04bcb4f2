// Tests the YAML config file: every key, both ways to name it, precedence and its errors.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fails, serve } from "./_helpers.ts";

const FULL = `
controlAddress: "[::]:5555"
advertiseHost: fkas.test
listenHost: 10.0.0.5
ports: 25000-25999
logLevel: error
logFormat: text
anonymousAuth: true
serviceAccountTokenAuth: true
workloads: true
clusterCidr: 10.128.0.0/12
nodeCidrMaskSize: 26
bootstrapPolicy: true
maxRequestBytes: 65536
quotaBackendBytes: 1048576
controlToken: from-file
caKeyAlgorithm: rsa
kubernetesVersion: v1.32.0
managementKubeconfig: /etc/fkas/management.kubeconfig
caSource: secrets
watch: baremetalhosts
nodeName: machine
provider: true
leaseRenewal: true
maxFaultRules: 7
maxNodesPerCluster: 9
portForwardMaxHeaderBytes: 65536
portForwardStreamBufferBytes: 4194304
portForwardConnectionBufferBytes: 33554432
portForwardMaxStreams: 4000
headerTimeout: 20s
idleTimeout: 2m
maxConnections: 30000
maxConnectionsPerCluster: 100
maxWatchesPerCluster: 10
maxWatches: 20
maxBufferedBytesPerCluster: 30
maxBufferedBytes: 40
workers: 1
dataDir: /data
fsync: never
compactAfterBytes: 1048576
compactCreationsAfterBytes: 4194304
compactWhenIdle: 0
peers: [http://fkas-0.fkas:3333, "http://fkas-1.fkas:3333/"]
shardIndex: 1
`;

describe("config file", () => {
  it("sets every option by its camelCase key", () => {
    assert.deepEqual(serve(["--config", "fkas.yaml"], { files: { "fkas.yaml": FULL } }), {
      controlAddress: { host: "::", port: 5555 },
      advertiseHost: "fkas.test",
      listenHost: "10.0.0.5",
      ports: { min: 25000, max: 25999 },
      logLevel: "error",
      logFormat: "text",
      anonymousAuth: true,
      serviceAccountTokenAuth: true,
      workloads: true,
      clusterCidr: "10.128.0.0/12",
      nodeCidrMaskSize: 26,
      bootstrapPolicy: true,
      maxRequestBytes: 65536,
      quotaBackendBytes: 1048576,
      controlToken: "from-file",
      caKeyAlgorithm: "rsa",
      kubernetesVersion: "v1.32.0",
      managementKubeconfig: "/etc/fkas/management.kubeconfig",
      caSource: "secrets",
      watch: "baremetalhosts",
      nodeName: "machine",
      provider: true,
      leaseRenewal: true,
      maxFaultRules: 7,
      maxNodesPerCluster: 9,
      portForwardMaxHeaderBytes: 65536,
      portForwardStreamBufferBytes: 4194304,
      portForwardConnectionBufferBytes: 33554432,
      portForwardMaxStreams: 4000,
      headerTimeout: 20_000,
      idleTimeout: 120_000,
      maxConnections: 30_000,
      maxConnectionsPerCluster: 100,
      maxWatchesPerCluster: 10,
      maxWatches: 20,
      maxBufferedBytesPerCluster: 30,
      maxBufferedBytes: 40,
      workers: 1,
      dataDir: "/data",
      fsync: "never",
      compactAfterBytes: 1048576,
      compactCreationsAfterBytes: 4194304,
      compactWhenIdle: 0,
      peers: ["http://fkas-0.fkas:3333", "http://fkas-1.fkas:3333"],
      shardIndex: 1,
    });
  });

  it("is found through FKAS_CONFIG too", () => {
    const world = { env: { FKAS_CONFIG: "/etc/fkas.yaml" }, files: { "/etc/fkas.yaml": FULL } };
    assert.equal(serve([], world).logLevel, "error");
  });

  it("--config beats FKAS_CONFIG", () => {
    const world = {
      env: { FKAS_CONFIG: "env.yaml" },
      files: { "env.yaml": "logLevel: warn\n", "flag.yaml": "logLevel: debug\n" },
    };
    assert.equal(serve(["--config=flag.yaml"], world).logLevel, "debug");
  });

  it("accepts ports as a {min, max} mapping", () => {
    const files = { "c.yaml": "ports:\n  min: 1000\n  max: 1001\n" };
    assert.deepEqual(serve(["--config", "c.yaml"], { files }).ports, { min: 1000, max: 1001 });
  });

  it("an empty file, or a key without a value, leaves defaults alone", () => {
    const files = { "empty.yaml": "", "blank.yaml": "ports:\n" };
    assert.deepEqual(serve(["--config", "empty.yaml"], { files }), serve([]));
    assert.deepEqual(serve(["--config", "blank.yaml"], { files }), serve([]));
  });

  it("flags beat env, env beats the file, the file beats defaults", () => {
    const files = { "c.yaml": "logLevel: error\nports: 1-2\ncaKeyAlgorithm: rsa\n" };
    const env = { FKAS_CONFIG: "c.yaml", FKAS_PORTS: "3-4", FKAS_LOG_LEVEL: "warn" };
    const config = serve(["--log-level", "debug"], { env, files });
    assert.equal(config.logLevel, "debug");
    assert.deepEqual(config.ports, { min: 3, max: 4 });
    assert.equal(config.caKeyAlgorithm, "rsa");
    assert.equal(config.kubernetesVersion, "v1.33.1");
  });

  it("names unknown keys and the file, suggesting the closest key", () => {
    const files = { "c.yaml": "prots: 1-2\nbogus: 1\n" };
    fails(
      ["--config", "c.yaml"],
      { files },
      "c.yaml: unknown keys",
      '"prots" (did you mean ports?)',
    );
    fails(["--config", "c.yaml"], { files }, '"bogus"');
  });

  it("reports YAML syntax errors with the file and line", () => {
    const files = { "bad.yaml": "logLevel: info\nports: [1,\nlistenHost: x\n" };
    fails(["--config", "bad.yaml"], { files }, "bad.yaml:3:", "invalid YAML");
  });

  it("rejects duplicate keys as invalid YAML", () => {
    const files = { "dup.yaml": "logLevel: info\nlogLevel: warn\n" };
    fails(["--config", "dup.yaml"], { files }, "dup.yaml:2:1: invalid YAML");
  });

  it("rejects a file that is not a mapping", () => {
    fails(["--config", "list.yaml"], { files: { "list.yaml": "- a\n" } }, "list.yaml: expected");
  });

  it("reports an unreadable file with its path and keeps the cause", () => {
    const error = fails(["--config", "/nope.yaml"], {}, '--config: cannot read "/nope.yaml"');
    assert.ok(error.cause instanceof Error);
    fails([], { env: { FKAS_CONFIG: "/nope.yaml" } }, 'FKAS_CONFIG: cannot read "/nope.yaml"');
  });

  it("names the file and key of a bad value", () => {
    const files = { "config.yaml": "ports: 30000-20000\n" };
    fails(["--config", "config.yaml"], { files }, "config.yaml: ports: expected MIN-MAX");
  });

  it("wants YAML booleans or true/false, not yes/no", () => {
    const files = { "c.yaml": "anonymousAuth: yes\n" };
    fails(
      ["--config", "c.yaml"],
      { files },
      'c.yaml: anonymousAuth: expected true or false, got "yes"',
    );
  });
});
