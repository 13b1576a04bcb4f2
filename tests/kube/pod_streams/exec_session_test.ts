// exec and attach upgrades: the kubelet's channels over WebSocket, ending with the Status a node
// without a container runtime writes on the error channel, then Close; refusals before upgrading.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { serveStreamUpgrade } from "../../../src/kube/pod_streams/mod.ts";
import { Opcode, SPDY_DICTIONARY, WebSocketFrameParser } from "../../../src/portforward/mod.ts";
import { createHeaderCompression } from "../../../src/runtime/mod.ts";
import { memoryPipe } from "../../portforward/_memory_pipe.ts";
import { eventually, readResponseHead } from "../../portforward/_upgrade_client.ts";
import { kubeFixture } from "../kube_fixture.ts";
import { addPods } from "./_pods.ts";

const RUNTIME =
  'rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix /run/containerd/containerd.sock: connect: no such file or directory"';

async function upgrade(
  stream: "exec" | "attach",
  pod: string,
  query: string,
  headers: Record<string, string>,
) {
  const fixture = kubeFixture();
  addPods(fixture);
  const [server, client] = memoryPipe();
  const head = readResponseHead(client);
  const request = new Request(
    `https://fkas.test/api/v1/namespaces/default/pods/${pod}/${stream}?${query}`,
    { headers },
  );
  void serveStreamUpgrade(
    fixture.cluster,
    stream,
    "default",
    pod,
    request,
    server,
    new Uint8Array(),
    (max) => createHeaderCompression(SPDY_DICTIONARY, max),
    { auditId: "audit-1", date: new Date("2026-01-02T03:04:05Z") },
  );
  const response = await head;
  const frames: { opcode: number; payload: Uint8Array }[] = [];
  const parser = new WebSocketFrameParser(false);
  let body = "";
  response.conn.onData((bytes) => {
    if (response.status === 101) frames.push(...parser.push(bytes));
    else body += new TextDecoder().decode(bytes);
  });
  return { response, frames, body: () => body, client };
}

const webSocket = (protocol: string) => ({
  connection: "Upgrade",
  upgrade: "websocket",
  "sec-websocket-version": "13",
  "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
  "sec-websocket-protocol": protocol,
});

describe("exec and attach upgrades", () => {
  it("v5.channel.k8s.io: an empty stdout message, the JSON Status on channel 3, then Close", async () => {
    const { response, frames } = await upgrade(
      "exec",
      "web",
      "command=ls&stdout=true&stderr=true",
      webSocket("v5.channel.k8s.io, v4.channel.k8s.io"),
    );
    assert.equal(response.status, 101);
    assert.equal(response.headers.get("sec-websocket-protocol"), "v5.channel.k8s.io");
    await eventually(() => frames.some((f) => f.opcode === Opcode.close), "close");
    assert.deepEqual([...frames[0].payload], [1]);
    assert.equal(frames[1].payload[0], 3);
    const detail = `error executing command in container: failed to exec in container: ${RUNTIME}`;
    assert.deepEqual(JSON.parse(new TextDecoder().decode(frames[1].payload.subarray(1))), {
      metadata: {},
      status: "Failure",
      message: `Internal error occurred: ${detail}`,
      reason: "InternalError",
      details: { causes: [{ message: detail }] },
      code: 500,
    });
    assert.deepEqual([...frames[2].payload], [0x03, 0xe8]);
  });

  it("channel.k8s.io (before v4): the Status's message as text; attach words its own failure", async () => {
    const { frames } = await upgrade("attach", "web", "stdin=true", webSocket("channel.k8s.io"));
    await eventually(() => frames.some((f) => f.opcode === Opcode.close), "close");
    // No stdout or stderr: the error channel is the lowest writable one.
    assert.deepEqual([...frames[0].payload], [3]);
    assert.equal(
      new TextDecoder().decode(frames[1].payload.subarray(1)),
      `Internal error occurred: error attaching to container: ${RUNTIME}`,
    );
  });

  it("refuses before upgrading (a missing pod, a pod on no node); SPDY negotiates the kubelet protocols", async () => {
    const missing = await upgrade("exec", "nope", "command=ls", webSocket("v4.channel.k8s.io"));
    assert.equal(missing.response.status, 404);
    const unscheduled = await upgrade("exec", "unscheduled", "", webSocket("v4.channel.k8s.io"));
    assert.equal(unscheduled.response.status, 400);
    // kube-apiserver's own refusals: its handler chain's headers, json.Encoder's newline, and no
    // Connection header (Go's net/http announces no close: scripts/oracle/wire.ts).
    await eventually(() => unscheduled.body().endsWith("\n"), "the refusal's body");
    assert.deepEqual([...unscheduled.response.headers], [
      ["audit-id", "audit-1"],
      ["cache-control", "no-cache, private"],
      ["content-length", "160"],
      ["content-type", "application/json"],
      ["date", "Fri, 02 Jan 2026 03:04:05 GMT"],
    ]);
    assert.equal(
      unscheduled.body(),
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pod unscheduled does not have a host assigned","reason":"BadRequest","code":400}\n',
    );
    await eventually(() => missing.body().endsWith("\n"), "the refusal's body");
    assert.equal(
      missing.body(),
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \\"nope\\" not found","reason":"NotFound","details":{"name":"nope","kind":"pods"},"code":404}\n',
    );
    const spdy = await upgrade("exec", "web", "command=ls&stdout=true", {
      connection: "Upgrade",
      upgrade: "SPDY/3.1",
      "x-stream-protocol-version": "v5.channel.k8s.io, v4.channel.k8s.io",
    });
    // SPDY: the client's first protocol the kubelet speaks (v5 is WebSocket-only).
    assert.equal(spdy.response.status, 101);
    assert.equal(spdy.response.headers.get("x-stream-protocol-version"), "v4.channel.k8s.io");
    spdy.client.destroy(); // ends the session and its idle timer
    const none = await upgrade("exec", "web", "command=ls", {
      connection: "Upgrade",
      upgrade: "SPDY/3.1",
      "x-stream-protocol-version": "v5.channel.k8s.io",
    });
    assert.equal(none.response.status, 403);
  });
});
