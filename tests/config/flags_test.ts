// Tests command-line flags and commands: both flag spellings, switches, last-wins and typos.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fails, run, serve } from "./_helpers.ts";

const FLAGS = [
  ["--control-address", "127.0.0.1:8080", "controlAddress", { host: "127.0.0.1", port: 8080 }],
  ["--advertise-host", "fkas.fkas-system.svc", "advertiseHost", "fkas.fkas-system.svc"],
  ["--listen-host", "::", "listenHost", "::"],
  ["--ports", "40000-40100", "ports", { min: 40000, max: 40100 }],
  ["--log-level", "debug", "logLevel", "debug"],
  ["--log-format", "text", "logFormat", "text"],
  ["--anonymous-auth", "true", "anonymousAuth", true],
  ["--service-account-token-auth", "true", "serviceAccountTokenAuth", true],
  ["--workloads", "true", "workloads", true],
  ["--cluster-cidr", "10.244.0.0/14", "clusterCidr", "10.244.0.0/14"],
  ["--node-cidr-mask-size", "26", "nodeCidrMaskSize", 26],
  ["--bootstrap-policy", "true", "bootstrapPolicy", true],
  ["--control-token", "s3cr3t.token", "controlToken", "s3cr3t.token"],
  ["--ca-key-algorithm", "rsa", "caKeyAlgorithm", "rsa"],
  ["--kubernetes-version", "v1.34.0-rc.1", "kubernetesVersion", "v1.34.0-rc.1"],
  [
    "--management-kubeconfig",
    "/tmp/mgmt.kubeconfig",
    "managementKubeconfig",
    "/tmp/mgmt.kubeconfig",
  ],
  ["--ca-source", "secrets", "caSource", "secrets"],
  ["--watch", "baremetalhosts", "watch", "baremetalhosts"],
  ["--node-name", "machine", "nodeName", "machine"],
  ["--provider", "true", "provider", true],
  ["--lease-renewal", "true", "leaseRenewal", true],
  ["--max-fault-rules", "7", "maxFaultRules", 7],
  ["--max-nodes-per-cluster", "9", "maxNodesPerCluster", 9],
  ["--port-forward-max-header-bytes", "4096", "portForwardMaxHeaderBytes", 4096],
  ["--port-forward-stream-buffer-bytes", "2097152", "portForwardStreamBufferBytes", 2097152],
  [
    "--port-forward-connection-buffer-bytes",
    "16777216",
    "portForwardConnectionBufferBytes",
    16777216,
  ],
  ["--port-forward-max-streams", "20000", "portForwardMaxStreams", 20000],
  ["--max-request-bytes", "1048576", "maxRequestBytes", 1048576],
  ["--quota-backend-bytes", "8388608", "quotaBackendBytes", 8388608],
] as const;

describe("flags", () => {
  for (const [flag, value, key, expected] of FLAGS) {
    it(`${flag}=${value} sets ${key}`, () => {
      assert.deepEqual(serve(["serve", `${flag}=${value}`])[key], expected);
    });
    if (
      flag !== "--anonymous-auth" && flag !== "--provider" &&
      flag !== "--service-account-token-auth" && flag !== "--workloads" &&
      flag !== "--bootstrap-policy" &&
      flag !== "--lease-renewal"
    ) {
      it(`${flag} ${value} sets ${key}`, () => {
        assert.deepEqual(serve([flag, value])[key], expected);
      });
    }
  }

  it("--lease-renewal alone turns Lease renewals on", () => {
    assert.equal(serve(["--lease-renewal"]).leaseRenewal, true);
  });

  it("--anonymous-auth alone turns anonymous auth on", () => {
    assert.equal(serve(["--anonymous-auth"]).anonymousAuth, true);
  });

  it("--anonymous-auth=false turns it off, even over the env", () => {
    const env = { FKAS_ANONYMOUS_AUTH: "true" };
    assert.equal(serve(["--anonymous-auth=false"], { env }).anonymousAuth, false);
  });

  it("a switch does not take a separate value and says how to write one", () => {
    fails(
      ["--anonymous-auth", "false"],
      {},
      'unexpected argument "false"',
      "--anonymous-auth=false",
    );
  });

  it("a flag given twice keeps the last value", () => {
    assert.equal(serve(["--log-level", "warn", "--log-level=error"]).logLevel, "error");
  });

  it("takes a control address with an IPv6 host in brackets", () => {
    assert.deepEqual(serve(["--control-address", "[::]:3333"]).controlAddress, {
      host: "::",
      port: 3333,
    });
    assert.deepEqual(serve(["--control-address=[fd00::1]:0"]).controlAddress, {
      host: "fd00::1",
      port: 0,
    });
  });

  it("allows port 0 for an ephemeral control port", () => {
    assert.equal(serve(["--control-address", "127.0.0.1:0"]).controlAddress.port, 0);
  });

  it("a value may contain '=' after the first one", () => {
    assert.equal(serve(["--control-token=abc=="]).controlToken, "abc==");
  });

  it("a missing value is an error naming the flag", () => {
    fails(["--ports"], {}, "--ports: missing value");
    fails(["--ports", "--log-level", "info"], {}, "--ports: missing value");
  });

  it("an unknown flag is named, with the closest flag suggested", () => {
    fails(["--port", "1-2"], {}, "unknown flag --port", "did you mean --ports?");
    fails(["--log-levle=info"], {}, "unknown flag --log-levle", "did you mean --log-level?");
    fails(["-p"], {}, "unknown flag -p");
  });

  it("an unknown command is named, with the closest command suggested", () => {
    fails(["server"], {}, 'unknown command "server"', "did you mean serve?");
    fails(["start"], {}, 'unknown command "start"');
  });

  it("a stray argument after serve is an error", () => {
    fails(["serve", "now"], {}, 'unexpected argument "now"');
  });
});

describe("help and version", () => {
  for (
    const argv of [["help"], ["--help"], ["-h"], ["serve", "--help"], ["--ports", "1-2", "-h"]]
  ) {
    it(`${argv.join(" ")} asks for help`, () => {
      const command = run(argv);
      assert.equal(command.kind, "help");
      assert.match(command.kind === "help" ? command.text : "", /^fkas: /);
    });
  }

  for (const argv of [["version"], ["--version"], ["serve", "--version"]]) {
    it(`${argv.join(" ")} asks for the version`, () => {
      assert.deepEqual(run(argv), { kind: "version" });
    });
  }

  it("help does not read the config file or validate the env", () => {
    const world = { env: { FKAS_CONFIG: "missing.yaml", FKAS_PORTS: "bad" } };
    assert.equal(run(["--help"], world).kind, "help");
  });
});

describe("node pod ranges", () => {
  it("refuses a cluster CIDR that is not an IPv4 CIDR", () => {
    fails(["--cluster-cidr", "10.0.0.0"], {}, "--cluster-cidr", "an IPv4 CIDR");
    fails(["--cluster-cidr", "10.0.0.256/16"], {}, "--cluster-cidr");
    fails(["--cluster-cidr", "10.0.0.0/33"], {}, "--cluster-cidr");
  });

  it("refuses node ranges wider than the cluster CIDR, as kube-controller-manager does", () => {
    fails(
      ["--cluster-cidr", "10.0.0.0/16", "--node-cidr-mask-size", "15"],
      {},
      "mask size of cluster CIDR must be less than or equal to --node-cidr-mask-size",
    );
  });

  it("refuses more than 2^16 node ranges (cidrset's limit)", () => {
    fails(
      ["--cluster-cidr", "10.0.0.0/8", "--node-cidr-mask-size", "25"],
      {},
      "the node CIDR size is too big",
    );
    assert.equal(serve(["--cluster-cidr", "10.0.0.0/8"]).nodeCidrMaskSize, 24);
  });
});
