// Bodies fkas must refuse: bad envelopes and truncated or inconsistent bytes (400), unknown kinds (415).

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BinaryWriter, WireType } from "@bufbuild/protobuf/wire";
import { decodeKubernetesProtobuf, ProtobufError } from "../../src/protobuf/mod.ts";
import { envelope, hex, message, str, sub, varint } from "./_wire.ts";

function decodeError(body: Uint8Array): ProtobufError {
  try {
    decodeKubernetesProtobuf(body);
  } catch (error) {
    assert.ok(error instanceof ProtobufError, `expected a ProtobufError, got ${error}`);
    return error;
  }
  assert.fail("decoding succeeded");
}

describe("malformed bodies", () => {
  it("rejects a body without the k8s\\0 magic", () => {
    const error = decodeError(hex("7b 22 6b 69 6e 64 22 7d")); // {"kind"}
    assert.equal(error.reason, "Malformed");
    assert.match(error.message, /^Cannot decode protobuf body: missing the k8s\\0 prefix/);
    assert.equal(decodeError(hex("6b 38")).reason, "Malformed");
  });

  it("rejects a truncated varint inside the object", () => {
    // Secret immutable = 5 (varint) whose continuation bit promises a byte that never comes.
    const error = decodeError(envelope("v1", "Secret", hex("28 ff")));
    assert.equal(error.reason, "Malformed");
    assert.equal(error.kind, "Secret");
    assert.equal(error.apiVersion, "v1");
    assert.match(error.message, /^Cannot decode protobuf body: /);
    assert.ok(error.cause instanceof Error);
  });

  it("rejects a truncated runtime.Unknown", () => {
    // typeMeta = 1 claims 5 bytes but only 1 follows.
    assert.equal(decodeError(hex("6b 38 73 00 0a 05 0a")).reason, "Malformed");
  });

  it("rejects a nested message that runs past its parent", () => {
    // Secret metadata = 1 claims 10 bytes; the raw object holds 4.
    const error = decodeError(envelope("v1", "Secret", hex("0a 0a 0a 02")));
    assert.equal(error.reason, "Malformed");
  });

  it("rejects a known field with the wrong wire type", () => {
    // Secret type = 3 is a string but arrives as a varint.
    const error = decodeError(envelope("v1", "Secret", message((w) => varint(w, 3, 1))));
    assert.equal(error.reason, "Malformed");
    assert.match(error.message, /Secret\.type \(field 3\) has wire type 0/);
  });

  it("rejects an envelope without a kind and an encoded (gzip) raw", () => {
    const noKind = new BinaryWriter().raw(hex("6b387300"));
    sub(noKind, 1, (t) => str(t, 1, "v1"));
    assert.equal(decodeError(noKind.finish()).reason, "Malformed");

    const gzip = new BinaryWriter().raw(hex("6b387300"));
    sub(gzip, 1, (t) => str(str(t, 1, "v1"), 2, "Secret"));
    str(gzip, 3, "gzip");
    assert.match(decodeError(gzip.finish()).message, /contentEncoding "gzip"/);
  });
});

describe("unsupported kinds", () => {
  it("answers UnsupportedKind naming a custom kind (cluster.x-k8s.io/v1beta1 Cluster)", () => {
    const error = decodeError(envelope("cluster.x-k8s.io/v1beta1", "Cluster", new Uint8Array(0)));
    assert.equal(error.reason, "UnsupportedKind");
    assert.equal(error.message, "no protobuf decoder for cluster.x-k8s.io/v1beta1 Cluster");
    assert.equal(error.kind, "Cluster");
    assert.equal(error.apiVersion, "cluster.x-k8s.io/v1beta1");
  });

  it("does not accept a known kind under the wrong group version", () => {
    const error = decodeError(envelope("v1", "Deployment", new Uint8Array(0)));
    assert.equal(error.reason, "UnsupportedKind");
    assert.equal(error.message, "no protobuf decoder for v1 Deployment");
  });

  it("treats Object.prototype names as unknown, not as lookups", () => {
    const error = decodeError(envelope("constructor", "toString", new Uint8Array(0)));
    assert.equal(error.reason, "UnsupportedKind");
  });
});

describe("unknown fields", () => {
  it("skips unknown fields of every wire type, at every level", () => {
    const raw = message((w) => {
      sub(w, 1, (m) => {
        str(m, 1, "s");
        str(m, 15, "retired clusterName");
        varint(m, 99, 7);
      });
      w.tag(90, WireType.Bit64).fixed64(1n);
      w.tag(91, WireType.Bit32).fixed32(1);
      w.tag(92, WireType.StartGroup).tag(1, WireType.Varint).int32(1).tag(92, WireType.EndGroup);
      str(w, 93, "later field");
      str(w, 3, "Opaque");
    });
    assert.deepEqual(decodeKubernetesProtobuf(envelope("v1", "Secret", raw)).object, {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "s" },
      type: "Opaque",
    });
  });

  it("skips unknown fields of runtime.Unknown and TypeMeta", () => {
    const w = new BinaryWriter().raw(hex("6b387300"));
    sub(w, 1, (t) => str(str(str(t, 3, "x"), 1, "v1"), 2, "ConfigMap"));
    varint(w, 9, 1);
    w.tag(2, WireType.LengthDelimited).bytes(message((m) => sub(m, 1, (o) => str(o, 1, "cm"))));
    assert.deepEqual(decodeKubernetesProtobuf(w.finish()).object, {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "cm" },
    });
  });
});
