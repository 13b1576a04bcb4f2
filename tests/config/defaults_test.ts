// Tests the Config fkas starts with when nothing is set, and that it cannot be changed.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULTS } from "../../src/config/mod.ts";
import { serve } from "./_helpers.ts";

describe("defaults", () => {
  it("an empty command line serves with every default", () => {
    assert.deepEqual(serve([]), {
      controlAddress: { host: "127.0.0.1", port: 3333 },
      advertiseHost: "127.0.0.1",
      listenHost: "127.0.0.1",
      ports: { min: 20000, max: 30000 },
      logLevel: "info",
      logFormat: "json",
      anonymousAuth: false,
      serviceAccountTokenAuth: false,
      workloads: false,
      clusterCidr: "192.168.0.0/16",
      nodeCidrMaskSize: 24,
      bootstrapPolicy: false,
      maxRequestBytes: 3145728,
      quotaBackendBytes: 268435456,
      caKeyAlgorithm: "ecdsa",
      kubernetesVersion: "v1.33.1",
      watch: "none",
      nodeName: "infrastructure",
      provider: false,
      leaseRenewal: false,
      maxFaultRules: 100,
      maxNodesPerCluster: 5000,
      portForwardMaxHeaderBytes: 1048576,
      portForwardStreamBufferBytes: 1048576,
      portForwardConnectionBufferBytes: 8388608,
      portForwardMaxStreams: 1000,
      headerTimeout: 32_000,
      idleTimeout: 90_000,
      maxConnectionsPerCluster: 1000,
      maxWatchesPerCluster: 5000,
      maxWatches: 100_000,
      maxBufferedBytesPerCluster: 128 * 1024 * 1024,
      maxBufferedBytes: 1024 * 1024 * 1024,
      workers: 1,
      fsync: "batch",
      compactAfterBytes: 64 << 20,
      compactCreationsAfterBytes: 1 << 30,
      compactWhenIdle: 3000,
    });
  });

  it("serve without flags is the same as no command", () => {
    assert.deepEqual(serve(["serve"]), serve([]));
  });

  it("has no control token unless one is set", () => {
    assert.equal("controlToken" in serve([]), false);
  });

  it("leaves the management cluster and CA source to be decided at start-up", () => {
    assert.equal("managementKubeconfig" in serve([]), false);
    assert.equal("caSource" in serve([]), false);
  });

  it("defaults match DEFAULTS", () => {
    const config = serve([]);
    assert.deepEqual(config.controlAddress, DEFAULTS.controlAddress);
    assert.deepEqual(config.ports, DEFAULTS.ports);
    assert.equal(config.kubernetesVersion, DEFAULTS.kubernetesVersion);
  });

  it("logs json when stdout is not a terminal and text when it is", () => {
    assert.equal(serve([], { tty: false }).logFormat, "json");
    assert.equal(serve([], { tty: true }).logFormat, "text");
  });

  it("an explicit log format beats the terminal default", () => {
    assert.equal(serve(["--log-format", "json"], { tty: true }).logFormat, "json");
    assert.equal(serve([], { tty: false, env: { FKAS_LOG_FORMAT: "text" } }).logFormat, "text");
  });

  it("keeps the control API and the cluster listeners on loopback outside a pod", () => {
    const config = serve([]);
    assert.deepEqual(config.controlAddress, { host: "127.0.0.1", port: 3333 });
    assert.equal(config.listenHost, "127.0.0.1");
    assert.equal(serve(["--advertise-host", "::1"]).listenHost, "::1");
  });

  it("binds every interface in a pod (KUBERNETES_SERVICE_HOST), as FKAS clients dial the pod IP", () => {
    const env = { KUBERNETES_SERVICE_HOST: "10.96.0.1", POD_IP: "10.244.1.7" };
    const config = serve([], { env });
    assert.deepEqual(config.controlAddress, { host: "0.0.0.0", port: 3333 });
    assert.equal(config.listenHost, "0.0.0.0");
    assert.equal(config.advertiseHost, "10.244.1.7");
  });

  it("cluster listeners bind every interface when the advertised host is not loopback", () => {
    assert.equal(serve(["--advertise-host", "192.0.2.5"]).listenHost, "0.0.0.0");
    assert.equal(serve(["--advertise-host", "fkas.example"]).listenHost, "0.0.0.0");
    assert.equal(serve([], { env: { POD_IP: "10.244.1.7" } }).listenHost, "0.0.0.0");
    assert.equal(serve(["--advertise-host", "localhost"]).listenHost, "0.0.0.0");
  });

  it("a given address wins over every default, in a pod too", () => {
    const env = { KUBERNETES_SERVICE_HOST: "10.96.0.1" };
    const config = serve(["--control-address", "127.0.0.1:4444", "--listen-host", "::1"], { env });
    assert.deepEqual(config.controlAddress, { host: "127.0.0.1", port: 4444 });
    assert.equal(config.listenHost, "::1");
  });

  it("advertises POD_IP when no advertise host is set", () => {
    assert.equal(serve([], { env: { POD_IP: "10.244.1.7" } }).advertiseHost, "10.244.1.7");
  });

  it("FKAS_ADVERTISE_HOST beats POD_IP", () => {
    const env = { POD_IP: "10.244.1.7", FKAS_ADVERTISE_HOST: "fkas.example" };
    assert.equal(serve([], { env }).advertiseHost, "fkas.example");
  });

  it("the config file beats POD_IP, which is only a hint from the pod", () => {
    const world = {
      env: { POD_IP: "10.244.1.7", FKAS_CONFIG: "c.yaml" },
      files: { "c.yaml": "advertiseHost: 192.0.2.1\n" },
    };
    assert.equal(serve([], world).advertiseHost, "192.0.2.1");
  });

  it("an invalid POD_IP is reported as POD_IP", () => {
    assert.throws(() => serve([], { env: { POD_IP: "not an ip" } }), /POD_IP: expected/);
  });

  it("returns a deeply frozen Config", () => {
    const config = serve(["--control-token", "t"]);
    assert.ok(Object.isFrozen(config));
    assert.ok(Object.isFrozen(config.controlAddress));
    assert.ok(Object.isFrozen(config.ports));
    assert.throws(() => {
      (config as { logLevel: string }).logLevel = "debug";
    }, TypeError);
    assert.throws(() => {
      (config.ports as { min: number }).min = 1;
    }, TypeError);
  });

  it("DEFAULTS is frozen too", () => {
    assert.ok(Object.isFrozen(DEFAULTS));
    assert.ok(Object.isFrozen(DEFAULTS.controlAddress));
  });
});
