// Port-forward over the kubelet's WebSocket channels (v4.channel.k8s.io, no SPDY): port bytes
// first on each channel, data both ways, errors on the error channel, refusals as upstream words them.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  channelPorts,
  encodeWebSocketFrame,
  Opcode,
  type PortForwardRequest,
  servePortForward,
  WebSocketFrameParser,
} from "../../src/portforward/mod.ts";
import { memoryPipe, settle } from "./_memory_pipe.ts";
import { eventually, readResponseHead } from "./_upgrade_client.ts";

const KEY = "dGhlIHNhbXBsZSBub25jZQ==";

function upgrade(query: string, protocol?: string): Request {
  return new Request(
    `https://fkas.test/api/v1/namespaces/kube-system/pods/p/portforward?${query}`,
    {
      headers: {
        connection: "Upgrade",
        upgrade: "websocket",
        "sec-websocket-version": "13",
        "sec-websocket-key": KEY,
        ...(protocol === undefined ? {} : { "sec-websocket-protocol": protocol }),
      },
    },
  );
}

async function open(
  query: string,
  handler: (forward: PortForwardRequest) => void,
  protocol?: string,
) {
  const [server, client] = memoryPipe();
  const head = readResponseHead(client);
  void servePortForward(upgrade(query, protocol), server, new Uint8Array(), {
    compression: () => {
      throw new Error("no SPDY here");
    },
    handler,
  });
  const response = await head;
  const parser = new WebSocketFrameParser(false);
  const frames: { opcode: number; payload: Uint8Array }[] = [];
  response.conn.onData((bytes) => frames.push(...parser.push(bytes)));
  const send = (channel: number, data: Uint8Array) =>
    response.conn.write(
      encodeWebSocketFrame(
        { fin: true, opcode: Opcode.binary, payload: Uint8Array.of(channel, ...data) },
        Uint8Array.of(1, 2, 3, 4),
      ),
    );
  return { response, frames, send };
}

describe("WebSocket port-forward without SPDY (v4.channel.k8s.io)", () => {
  it("opens each port's data and error channels with the port, little-endian", async () => {
    const { response, frames } = await open("ports=2379,6443", () => {}, "v4.channel.k8s.io");
    assert.equal(response.status, 101);
    assert.equal(response.headers.get("sec-websocket-protocol"), "v4.channel.k8s.io");
    await eventually(() => frames.length >= 4, "port frames");
    assert.deepEqual(frames.slice(0, 4).map((f) => [...f.payload]), [
      [0, 0x4b, 0x09],
      [1, 0x4b, 0x09],
      [2, 0x2b, 0x19],
      [3, 0x2b, 0x19],
    ]);
  });

  it("carries data both ways on the data channel, and closes once every forward ended", async () => {
    const { frames, send } = await open("ports=8080", (forward) => {
      forward.data.onData((bytes) => {
        forward.data.write(Uint8Array.from(bytes, (b) => b + 1));
        forward.data.end();
      });
    });
    send(0, Uint8Array.of(1, 2, 3));
    await eventually(() => frames.some((f) => f.opcode === Opcode.close), "close");
    const data = frames.filter((f) => f.opcode === Opcode.binary).map((f) => [...f.payload]);
    assert.deepEqual(data, [[0, 0x90, 0x1f], [1, 0x90, 0x1f], [0, 2, 3, 4]]);
  });

  it("keeps bytes that arrive before the forward listens (a target still being dialled)", async () => {
    let later: (() => void) | undefined;
    const { frames, send } = await open("ports=8080", (forward) => {
      later = () =>
        forward.data.onData((bytes) => {
          forward.data.write(Uint8Array.from(bytes, (b) => b + 1));
          forward.data.end();
        });
    });
    send(0, Uint8Array.of(1, 2, 3));
    await settle();
    later!();
    await eventually(() => frames.some((f) => f.opcode === Opcode.close), "close");
    const data = frames.filter((f) => f.opcode === Opcode.binary).map((f) => [...f.payload]);
    assert.deepEqual(data, [[0, 0x90, 0x1f], [1, 0x90, 0x1f], [0, 2, 3, 4]]);
  });

  it("a failed forward writes its message on the error channel", async () => {
    const { frames } = await open("ports=9", (forward) => forward.fail("error forwarding port 9"));
    await eventually(() => frames.some((f) => f.opcode === Opcode.close), "close");
    const error = frames.find((f) => f.payload[0] === 1 && f.payload.length > 3)!;
    assert.equal(new TextDecoder().decode(error.payload.subarray(1)), "error forwarding port 9");
  });

  it("base64 protocol: text messages with a digit channel", async () => {
    const { frames } = await open("ports=80", () => {}, "v4.base64.channel.k8s.io");
    await eventually(() => frames.length >= 2, "port frames");
    assert.equal(frames[0].opcode, Opcode.text);
    assert.equal(new TextDecoder().decode(frames[0].payload), "0" + btoa("\x50\x00"));
  });

  it("refuses bad ports as the apiserver (Status) and the kubelet (text) do", async () => {
    assert.deepEqual(channelPorts(new URLSearchParams("ports=http")), {
      source: "apiserver",
      message: 'cannot convert to []int32: strconv.ParseUint: parsing "http": invalid syntax',
    });
    assert.deepEqual(channelPorts(new URLSearchParams("ports=70000")), {
      source: "apiserver",
      message: 'cannot convert to []int32: strconv.ParseUint: parsing "70000": value out of range',
    });
    assert.deepEqual(channelPorts(new URLSearchParams("")), {
      source: "kubelet",
      message: 'query parameter "port" is required',
    });
    const [server, client] = memoryPipe();
    const head = readResponseHead(client);
    void servePortForward(upgrade("ports=0"), server, new Uint8Array(), {
      compression: () => {
        throw new Error("no SPDY here");
      },
      handler: () => {},
    });
    const response = await head;
    assert.equal(response.status, 400);
    assert.equal(response.headers.get("content-type"), "text/plain; charset=utf-8");
    await settle();
  });
});
