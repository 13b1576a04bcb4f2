import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  type ByteStream,
  encodeFrame,
  GoawayStatus,
  type PortForwardRequest,
  RstStatus,
  servePortForward,
  SPDY_DICTIONARY,
  type SpdySession,
  type TunnelLimits,
  webSocketByteStream,
} from "../../src/portforward/mod.ts";
import { createHeaderCompression } from "../../src/runtime/spdy_zlib.ts";
import { FakeClock } from "./_fake_clock.ts";
import { type MemoryEnd, memoryPipe, settle } from "./_memory_pipe.ts";
import { SpdyTestClient } from "./_spdy_client.ts";
import { eventually, readResponseHead } from "./_upgrade_client.ts";

const url = "https://cluster.test/api/v1/namespaces/kube-system/pods/etcd-node-1/portforward";

interface Tunnel {
  request(): Request;
  /** What the client puts between its raw connection and its SPDY framer. */
  wrap(conn: ByteStream): ByteStream;
}

const tunnels: Record<string, Tunnel> = {
  "SPDY/3.1": {
    request: () =>
      new Request(url, {
        method: "POST",
        headers: {
          connection: "Upgrade",
          upgrade: "SPDY/3.1",
          "x-stream-protocol-version": "portforward.k8s.io",
        },
      }),
    wrap: (conn) => conn,
  },
  "SPDY/3.1 over WebSocket": {
    request: () =>
      new Request(url, {
        headers: {
          connection: "Upgrade",
          upgrade: "websocket",
          "sec-websocket-version": "13",
          "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
          "sec-websocket-protocol": "SPDY/3.1+portforward.k8s.io",
        },
      }),
    wrap: (conn) => webSocketByteStream(conn, new Uint8Array(), { role: "client" }),
  },
};

/** Echoes every forwarded connection, except port 9999, which fails like an unreachable pod port. */
function echoHandler(seen: PortForwardRequest[]) {
  return (request: PortForwardRequest) => {
    seen.push(request);
    if (request.port === 9999) return request.fail("cannot reach port 9999");
    request.data.onData((bytes) => request.data.write(bytes));
    request.data.onEnd(() => request.data.end());
  };
}

interface Connected {
  clock: FakeClock;
  clientRaw: MemoryEnd;
  serverRaw: MemoryEnd;
  session: SpdySession;
  client: SpdyTestClient;
  seen: PortForwardRequest[];
  compressionClosed(): boolean;
}

async function connect(
  tunnel: Tunnel,
  limits: Partial<TunnelLimits> = {},
  onError?: (error: unknown) => void,
): Promise<Connected> {
  const clock = new FakeClock();
  const [clientRaw, serverRaw] = memoryPipe();
  const seen: PortForwardRequest[] = [];
  let closed = false;
  const compression = (maxHeaderBytes: number) => {
    const inner = createHeaderCompression(SPDY_DICTIONARY, maxHeaderBytes);
    return { ...inner, close: () => (closed = true, inner.close()) };
  };
  const serving = servePortForward(tunnel.request(), serverRaw, new Uint8Array(), {
    handler: echoHandler(seen),
    compression,
    clock,
    limits,
    onError,
  });
  const response = await readResponseHead(clientRaw);
  assert.equal(response.status, 101);
  const session = await serving;
  assert.ok(session);
  const client = new SpdyTestClient(tunnel.wrap(response.conn));
  return { clock, clientRaw, serverRaw, session, client, seen, compressionClosed: () => closed };
}

for (const [name, tunnel] of Object.entries(tunnels)) {
  describe(`port-forward contract: ${name}`, () => {
    it("pairs the error and data streams by requestid and echoes bytes", async () => {
      const { client, seen, clientRaw } = await connect(tunnel);
      const [, data] = await client.forward(2379, "0");
      data.write("hello etcd");
      await eventually(() => data.text() === "hello etcd", "the echo");
      assert.equal(seen.length, 1);
      assert.equal(seen[0].port, 2379);
      assert.equal(seen[0].requestId, "0");
      clientRaw.destroy();
    });

    it("serves two ports with two concurrent pairs", async () => {
      const { client, seen, clientRaw } = await connect(tunnel);
      const errorA = client.open({ streamtype: "error", port: "2379", requestid: "0" });
      const errorB = client.open({ streamtype: "error", port: "6443", requestid: "1" });
      const dataB = client.open({ streamtype: "data", port: "6443", requestid: "1" });
      const dataA = client.open({ streamtype: "data", port: "2379", requestid: "0" });
      await Promise.all([errorA, errorB, dataA, dataB].map((s) => s.replied));
      dataA.write("to etcd");
      dataB.write("to the apiserver");
      await eventually(() => dataA.text() === "to etcd" && dataB.text() === "to the apiserver");
      assert.deepEqual(seen.map((r) => [r.requestId, r.port]).sort(), [["0", 2379], ["1", 6443]]);
      clientRaw.destroy();
    });

    it("answers a client PING with the same ID", async () => {
      const { client, clientRaw } = await connect(tunnel);
      await client.ping(1);
      await client.ping(3);
      clientRaw.destroy();
    });

    it("ends the handler's stream on client FIN, and the handler's end() sends FIN", async () => {
      const { client, session, clientRaw } = await connect(tunnel);
      const [error, data] = await client.forward(2379, "0");
      data.write("last words");
      data.end();
      await data.ended;
      assert.equal(data.text(), "last words");
      await error.ended; // the error stream closes when forwarding ends, as in kubelet
      assert.equal(error.text(), "");
      await eventually(() => session.streamCount === 0, "all streams closed");
      clientRaw.destroy();
    });

    it("fail() delivers its text on the error stream and ends both streams", async () => {
      const { client, clientRaw } = await connect(tunnel);
      const [error, data] = await client.forward(9999, "7");
      await error.ended;
      await data.ended;
      assert.equal(error.text(), "cannot reach port 9999");
      clientRaw.destroy();
    });

    it("ignores RST_STREAM for an unknown stream", async () => {
      const { client, clientRaw } = await connect(tunnel);
      client.send({ type: "rst_stream", streamId: 99, status: RstStatus.cancel });
      const [, data] = await client.forward(2379, "0");
      data.write("still fine");
      await eventually(() => data.text() === "still fine");
      clientRaw.destroy();
    });

    it("tears everything down when the connection closes, leaving no timers", async () => {
      const { client, clock, session, clientRaw, seen, compressionClosed } = await connect(tunnel);
      const [, data] = await client.forward(2379, "0");
      await client.open({ streamtype: "error", port: "6443", requestid: "1" }).replied;
      assert.equal(clock.pending, 2); // the idle timer and the waiting pair's timer
      let handlerStreamClosed = false;
      seen[0].data.onClose(() => handlerStreamClosed = true);
      data.write("x");
      clientRaw.destroy();
      await session.closed;
      assert.equal(clock.pending, 0);
      assert.equal(session.streamCount, 0);
      assert.ok(handlerStreamClosed);
      assert.ok(compressionClosed());
    });

    it("resets a never-paired stream flooded with DATA with FLOW_CONTROL_ERROR", async () => {
      const { client, session, clientRaw } = await connect(tunnel, {
        maxStreamBufferBytes: 64 * 1024,
      });
      const data = client.open({ streamtype: "data", port: "2379", requestid: "0" });
      await data.replied;
      for (let i = 0; i < 8; i++) data.write(new Uint8Array(32 * 1024));
      assert.equal(await data.reset, RstStatus.flowControlError);
      assert.equal(session.bufferedBytes, 0);
      const [, other] = await client.forward(2379, "1"); // the connection itself is fine
      other.write("still served");
      await eventually(() => other.text() === "still served");
      clientRaw.destroy();
    });

    it("ends the connection with GOAWAY(PROTOCOL_ERROR) on a header block over the limit", async () => {
      const errors: unknown[] = [];
      const { client, session } = await connect(tunnel, { maxHeaderBytes: 4096 }, (error) => {
        errors.push(error);
      });
      client.open({ streamtype: "error", port: "2379", "x-big": "x".repeat(8192) });
      await session.closed;
      await eventually(() => client.messages.some((m) => m.type === "goaway"), "GOAWAY");
      const goaway = client.messages.find((m) => m.type === "goaway");
      assert.equal(goaway?.type === "goaway" && goaway.status, GoawayStatus.protocolError);
      assert.match(String(errors[0]), /over 4096 bytes/);
    });

    it("ends the connection cleanly on garbage, never throwing out of a handler", async () => {
      let seed = 12345; // a fixed pseudo-random sequence, so a failure can be replayed
      const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
      for (let round = 0; round < 20; round++) {
        const { client, session, clientRaw } = await connect(tunnel);
        const wrapped = tunnel.wrap(clientRaw);
        // Valid-looking frame headers with random types, flags, lengths and bodies, some huge.
        for (let i = 0; i < 8; i++) {
          const body = Uint8Array.from({ length: Math.floor(random() * 40) }, () => random() * 256);
          const head = new DataView(new ArrayBuffer(8));
          head.setUint32(0, random() < 0.5 ? 0x80030000 | Math.floor(random() * 12) : i * 2 + 1);
          head.setUint32(
            4,
            (Math.floor(random() * 256) << 24 | (random() < 0.2 ? 0xffffff : body.length)) >>> 0,
          );
          const frame = new Uint8Array(8 + body.length);
          frame.set(new Uint8Array(head.buffer));
          frame.set(body, 8);
          wrapped.write(frame);
        }
        wrapped.write(encodeFrame({ type: "ping", id: 1 }));
        await settle();
        clientRaw.destroy();
        await session.closed;
        assert.equal(session.streamCount, 0);
        assert.equal(session.bufferedBytes, 0);
        void client;
      }
    });
  });
}
