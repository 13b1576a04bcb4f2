// Messages with non-object JSON forms: Time, MicroTime, Duration, Quantity, IntOrString, RawExtension.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BinaryReader, WireType } from "@bufbuild/protobuf/wire";
import { decodeKubernetesProtobuf, ProtobufError } from "../../src/protobuf/mod.ts";
import { formatGoDuration, parseGoDuration } from "../../src/protobuf/go_duration.ts";
import { SPECIAL_CODECS } from "../../src/protobuf/special_types.ts";
import { envelope, intOrString, message, str, sub, time, varint } from "./_wire.ts";

describe("Time and MicroTime", () => {
  it("formats a Lease's MicroTimes with six fractional digits", () => {
    // k8s.io/api coordination/v1 generated.proto LeaseSpec: holderIdentity = 1,
    // leaseDurationSeconds = 2, acquireTime = 3, renewTime = 4, leaseTransitions = 5;
    // MicroTime {seconds = 1, nanos = 2}.
    const raw = message((w) => {
      sub(w, 1, (m) => str(str(m, 1, "cp-1"), 3, "kube-node-lease"));
      sub(w, 2, (s) => {
        str(s, 1, "cp-1");
        varint(s, 2, 40);
        time(s, 3, "2026-01-02T03:04:05Z", 123_456_789);
        time(s, 4, "2026-01-02T03:04:06Z");
        varint(s, 5, 0);
      });
    });
    assert.deepEqual(
      decodeKubernetesProtobuf(envelope("coordination.k8s.io/v1", "Lease", raw)).object,
      {
        apiVersion: "coordination.k8s.io/v1",
        kind: "Lease",
        metadata: { name: "cp-1", namespace: "kube-node-lease" },
        spec: {
          holderIdentity: "cp-1",
          leaseDurationSeconds: 40,
          acquireTime: "2026-01-02T03:04:05.123456Z",
          renewTime: "2026-01-02T03:04:06.000000Z",
          leaseTransitions: 0,
        },
      },
    );
  });

  it("omits a zero Time instead of decoding it as 1970", () => {
    const raw = message((w) => {
      sub(w, 1, (m) => {
        str(m, 1, "cm");
        sub(m, 8, () => {}); // empty creationTimestamp
        sub(m, 9, (t) => varint(varint(t, 1, 0), 2, 0)); // explicit zeros
      });
    });
    assert.deepEqual(decodeKubernetesProtobuf(envelope("v1", "ConfigMap", raw)).object, {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "cm" },
    });
  });

  it("decodes an Event with Time, MicroTime, series and references", () => {
    // core/v1 Event: metadata = 1, involvedObject = 2, reason = 3, message = 4, source = 5,
    // firstTimestamp = 6, lastTimestamp = 7, count = 8, type = 9, eventTime = 10, series = 11,
    // reportingComponent = 14, reportingInstance = 15.
    const raw = message((w) => {
      sub(w, 1, (m) => str(str(m, 1, "ev.1"), 3, "default"));
      sub(w, 2, (o) => str(str(str(o, 1, "Node"), 3, "cp-1"), 5, "v1"));
      str(w, 3, "NodeReady");
      str(w, 4, "Node cp-1 status is now: NodeReady");
      sub(w, 5, (s) => str(s, 1, "kubelet"));
      time(w, 6, "2026-01-02T03:04:05Z");
      time(w, 7, "2026-01-02T03:04:05Z");
      varint(w, 8, 1);
      str(w, 9, "Normal");
      time(w, 10, "2026-01-02T03:04:05Z", 7_000);
      sub(w, 11, (s) => varint(s, 1, 2));
      str(w, 14, "");
      str(w, 15, "");
    });
    assert.deepEqual(decodeKubernetesProtobuf(envelope("v1", "Event", raw)).object, {
      apiVersion: "v1",
      kind: "Event",
      metadata: { name: "ev.1", namespace: "default" },
      involvedObject: { kind: "Node", name: "cp-1", apiVersion: "v1" },
      reason: "NodeReady",
      message: "Node cp-1 status is now: NodeReady",
      source: { component: "kubelet" },
      firstTimestamp: "2026-01-02T03:04:05Z",
      lastTimestamp: "2026-01-02T03:04:05Z",
      count: 1,
      type: "Normal",
      eventTime: "2026-01-02T03:04:05.000007Z",
      series: { count: 2 },
      reportingComponent: "",
      reportingInstance: "",
    });
  });
});

describe("IntOrString and Quantity", () => {
  it("decodes Service targetPort as number or name, and PDB minAvailable as a percentage", () => {
    // core/v1 ServiceSpec ports = 1, selector = 2, clusterIP = 3, type = 4; ServicePort name = 1,
    // protocol = 2, port = 3, targetPort = 4. policy/v1 PodDisruptionBudgetSpec minAvailable = 1.
    const svc = message((w) => {
      sub(w, 1, (m) => str(m, 1, "kubernetes"));
      sub(w, 2, (s) => {
        sub(s, 1, (p) => {
          str(p, 1, "https");
          str(p, 2, "TCP");
          varint(p, 3, 443);
          intOrString(p, 4, 6443);
        });
        sub(s, 1, (p) => {
          varint(p, 3, 80);
          intOrString(p, 4, "http");
        });
        str(s, 3, "10.96.0.1");
        str(s, 4, "ClusterIP");
      });
      sub(w, 3, () => {});
    });
    assert.deepEqual(decodeKubernetesProtobuf(envelope("v1", "Service", svc)).object, {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "kubernetes" },
      spec: {
        ports: [
          { name: "https", protocol: "TCP", port: 443, targetPort: 6443 },
          { port: 80, targetPort: "http" },
        ],
        clusterIP: "10.96.0.1",
        type: "ClusterIP",
      },
      status: {},
    });

    const pdb = message((w) => {
      sub(w, 1, (m) => str(m, 1, "coredns"));
      sub(w, 2, (s) => intOrString(s, 1, "50%"));
    });
    assert.deepEqual(
      decodeKubernetesProtobuf(envelope("policy/v1", "PodDisruptionBudget", pdb)).object,
      {
        apiVersion: "policy/v1",
        kind: "PodDisruptionBudget",
        metadata: { name: "coredns" },
        spec: { minAvailable: "50%" },
      },
    );
  });
});

describe("managedFields and RawExtension", () => {
  it("decodes managedFields with their FieldsV1 JSON", () => {
    // meta/v1 ManagedFieldsEntry: manager = 1, operation = 2, apiVersion = 3, time = 4,
    // fieldsType = 6, fieldsV1 = 7 {Raw = 1}.
    const raw = message((w) => {
      sub(w, 1, (m) => {
        str(m, 1, "cm");
        sub(m, 17, (e) => {
          str(e, 1, "manager");
          str(e, 2, "Update");
          str(e, 3, "v1");
          time(e, 4, "2026-01-02T03:04:05Z");
          str(e, 6, "FieldsV1");
          sub(
            e,
            7,
            (f) =>
              f.tag(1, WireType.LengthDelimited).bytes(new TextEncoder().encode('{"f:data":{}}')),
          );
        });
      });
    });
    const metadata = decodeKubernetesProtobuf(envelope("v1", "ConfigMap", raw)).object.metadata;
    assert.deepEqual(metadata, {
      name: "cm",
      managedFields: [{
        manager: "manager",
        operation: "Update",
        apiVersion: "v1",
        time: "2026-01-02T03:04:05Z",
        fieldsType: "FieldsV1",
        fieldsV1: { "f:data": {} },
      }],
    });
  });

  it("parses RawExtension bytes as JSON and rejects non-JSON", () => {
    const decode = (bytes: Uint8Array) => {
      const reader = new BinaryReader(
        message((w) => w.tag(1, WireType.LengthDelimited).bytes(bytes)),
      );
      return SPECIAL_CODECS["runtime:RawExtension"].decode(reader, reader.len);
    };
    assert.deepEqual(decode(new TextEncoder().encode('{"kind":"Foo","n":1}')), {
      kind: "Foo",
      n: 1,
    });
    assert.equal(decode(new Uint8Array(0)), undefined);
    assert.throws(
      () => decode(new Uint8Array([0x0a, 0x01])),
      (e) => e instanceof ProtobufError && e.reason === "Malformed",
    );
  });
});

describe("Duration", () => {
  it("formats nanoseconds like Go's time.Duration.String", () => {
    const cases: [bigint, string][] = [
      [0n, "0s"],
      [1n, "1ns"],
      [1_500n, "1.5µs"],
      [1_500_000n, "1.5ms"],
      [1_000_000_000n, "1s"],
      [90_000_000_000n, "1m30s"],
      [3_600_000_000_000n, "1h0m0s"],
      [3_723_500_000_000n, "1h2m3.5s"],
      [-2_000_000_000n, "-2s"],
    ];
    for (const [ns, text] of cases) {
      assert.equal(formatGoDuration(ns), text);
      assert.equal(parseGoDuration(text), ns);
    }
  });

  it("decodes Duration {duration = 1} through its codec", () => {
    const reader = new BinaryReader(message((w) => varint(w, 1, 300 * 1e9)));
    assert.equal(SPECIAL_CODECS["meta.v1:Duration"].decode(reader, reader.len), "5m0s");
  });
});
