// etcd message codecs and gRPC framing against bytes built by hand from rpc.proto's field numbers.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  decodeMemberAddRequest,
  decodeMemberIdRequest,
  encodeMembersResponse,
} from "../../src/etcd/cluster_messages.ts";
import {
  decodeAlarmRequest,
  encodeAlarmResponse,
  encodeStatusResponse,
} from "../../src/etcd/maintenance_messages.ts";
import { decodeRangeRequest, encodeRangeResponse } from "../../src/etcd/kv_messages.ts";
import { encodeFrame, FrameReader } from "../../src/etcd/grpc_framing.ts";
import { encodeGrpcMessage } from "../../src/etcd/grpc_server.ts";
import { EtcdError } from "../../src/etcd/mod.ts";

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, "0")).join(" ");
const bytes = (text: string) => Uint8Array.from(text.split(" ").map((b) => parseInt(b, 16)));
const ascii = (text: string) => hex(new TextEncoder().encode(text));
const zeroHeader = { clusterId: 0n, memberId: 0n, revision: 0, raftTerm: 0 };

describe("etcd messages", () => {
  it("encodes StatusResponse{leader: 123456789} as 20 95 9a ef 3a", () => {
    const status = encodeStatusResponse(undefined, {
      version: "",
      dbSize: 0,
      leader: 123456789n,
      raftIndex: 0,
      raftTerm: 0,
      raftAppliedIndex: 0,
      errors: [],
      dbSizeInUse: 0,
      isLearner: false,
    });
    assert.equal(hex(status), "20 95 9a ef 3a");
    assert.equal(hex(encodeFrame(status)), "00 00 00 00 05 20 95 9a ef 3a");
  });

  it("encodes MemberListResponse with its header and every Member field", () => {
    const header = { clusterId: 1n, memberId: 2n, revision: 3, raftTerm: 4 };
    const member = { id: 5n, name: "a", peerURLs: ["p"], clientURLs: ["c"], isLearner: true };
    assert.equal(
      hex(encodeMembersResponse(header, [member])),
      "0a 08 08 01 10 02 18 03 20 04 12 0d 08 05 12 01 61 1a 01 70 22 01 63 28 01",
    );
  });

  it("decodes member IDs across the whole uint64 range", () => {
    assert.equal(decodeMemberIdRequest(bytes("08 2a")).id, 42n);
    assert.equal(
      decodeMemberIdRequest(bytes("08 ff ff ff ff ff ff ff ff ff 01")).id,
      0xffffffffffffffffn,
    );
  });

  it("decodes MemberAddRequest", () => {
    const url = "https://10.0.0.4:2380";
    const request = decodeMemberAddRequest(bytes(`0a 15 ${ascii(url)} 10 01`));
    assert.deepEqual(request, { peerURLs: [url], isLearner: true });
  });

  it("decodes AlarmRequest and encodes AlarmResponse", () => {
    assert.deepEqual(decodeAlarmRequest(bytes("08 01 10 07 18 01")), {
      action: 1,
      memberId: 7n,
      alarm: 1,
    });
    assert.equal(
      hex(encodeAlarmResponse(zeroHeader, [{ memberId: 7n, alarm: 1 }])),
      "0a 00 12 04 08 07 10 01",
    );
  });

  it("decodes RangeRequest, skipping fields it does not use", () => {
    const request = decodeRangeRequest(bytes(`0a 06 ${ascii("health")} 28 01 38 01`));
    assert.equal(new TextDecoder().decode(request.key), "health");
    assert.equal(request.serializable, true);
    assert.equal(request.rangeEnd.length, 0);
  });

  it("encodes RangeResponse key-values as mvccpb.KeyValue", () => {
    const kv = {
      key: new TextEncoder().encode("k"),
      value: new TextEncoder().encode("v"),
      createRevision: 2,
      modRevision: 3,
      version: 2,
    };
    const encoded = encodeRangeResponse(zeroHeader, { kvs: [kv], more: false, count: 1 });
    assert.equal(hex(encoded), "0a 00 12 0c 0a 01 6b 10 02 18 03 20 02 2a 01 76 20 01");
  });

  it("rejects undecodable requests with Internal", () => {
    assert.throws(() => decodeMemberIdRequest(bytes("08")), (e: unknown) => {
      return e instanceof EtcdError && e.code === 13;
    });
  });
});

describe("gRPC framing", () => {
  it("reassembles messages split across chunks and merged into one", () => {
    const reader = new FrameReader();
    const frames = [...encodeFrame(bytes("08 01")), ...encodeFrame(bytes("08 02 10 03"))];
    assert.deepEqual(reader.push(Uint8Array.from(frames.slice(0, 3))), []);
    assert.deepEqual(reader.push(Uint8Array.from(frames.slice(3, 9))).map(hex), ["08 01"]);
    assert.equal(reader.pending, 2);
    assert.deepEqual(reader.push(Uint8Array.from(frames.slice(9))).map(hex), ["08 02 10 03"]);
    assert.equal(reader.pending, 0);
  });

  it("refuses compressed messages", () => {
    assert.throws(() => new FrameReader().push(bytes("01 00 00 00 00")), /compressed flag/);
  });

  it("percent-encodes grpc-message", () => {
    assert.equal(
      encodeGrpcMessage("etcdserver: 100% ünï\n"),
      "etcdserver: 100%25 %C3%BCn%C3%AF%0A",
    );
  });
});
