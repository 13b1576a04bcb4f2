import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  portForwardUpgradeAnswer,
  servePortForward,
  SPDY_DICTIONARY,
  spdyUpgradeAnswer,
  type UpgradeAnswer,
} from "../../src/portforward/mod.ts";
import { createHeaderCompression } from "../../src/runtime/spdy_zlib.ts";
import { memoryPipe } from "./_memory_pipe.ts";

const url = "https://cluster.test/api/v1/namespaces/kube-system/pods/etcd-n1/portforward";
const spdyHeaders = {
  connection: "Upgrade",
  upgrade: "SPDY/3.1",
  "x-stream-protocol-version": "portforward.k8s.io",
};
const wsHeaders = {
  connection: "Upgrade",
  upgrade: "websocket",
  "sec-websocket-version": "13",
  "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
  "sec-websocket-protocol": "SPDY/3.1+portforward.k8s.io",
};

function parse(answer: UpgradeAnswer) {
  const text = new TextDecoder().decode(answer.bytes);
  const [head, body] = text.split("\r\n\r\n");
  const [statusLine, ...lines] = head.split("\r\n");
  const headers = new Headers(lines.map((l) => l.split(": ", 2) as [string, string]));
  return { statusLine, headers, body };
}

function spdy(headers: Record<string, string | undefined>): UpgradeAnswer {
  const merged = Object.entries({ ...spdyHeaders, ...headers }).filter(([, v]) => v !== undefined);
  return spdyUpgradeAnswer(
    new Request(url, { method: "POST", headers: merged as [string, string][] }),
  );
}

function ws(headers: Record<string, string | undefined>, method = "GET"): Promise<UpgradeAnswer> {
  const merged = Object.entries({ ...wsHeaders, ...headers }).filter(([, v]) => v !== undefined);
  return portForwardUpgradeAnswer(
    new Request(url, { method, headers: merged as [string, string][] }),
  );
}

function assertStatus(answer: UpgradeAnswer, code: number, reason: string) {
  const { statusLine, headers, body } = parse(answer);
  assert.equal(answer.status, code);
  assert.equal(answer.tunnel, null);
  assert.match(statusLine, new RegExp(`^HTTP/1.1 ${code} `));
  assert.equal(headers.get("content-type"), "application/json");
  assert.equal(Number(headers.get("content-length")), new TextEncoder().encode(body).length);
  const status = JSON.parse(body);
  assert.equal(status.kind, "Status");
  assert.equal(status.code, code);
  assert.equal(status.reason, reason);
  return { headers, status };
}

describe("SPDY upgrade answers", () => {
  it("switches protocols with Connection, Upgrade and the stream protocol", () => {
    const answer = spdy({});
    assert.equal(answer.tunnel, "spdy");
    assert.equal(
      new TextDecoder().decode(answer.bytes),
      "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n" +
        "X-Stream-Protocol-Version: portforward.k8s.io\r\n\r\n",
    );
  });

  it("answers 403 with the accepted versions when the protocol is missing or unknown", () => {
    for (const version of [undefined, "v4.channel.k8s.io"]) {
      const { headers } = assertStatus(
        spdy({ "x-stream-protocol-version": version }),
        403,
        "Forbidden",
      );
      assert.equal(headers.get("x-accepted-stream-protocol-versions"), "portforward.k8s.io");
    }
  });

  it("answers 400 when the upgrade headers are missing", () => {
    assertStatus(spdy({ upgrade: undefined }), 400, "BadRequest");
    assertStatus(spdy({ connection: "keep-alive" }), 400, "BadRequest");
  });
});

describe("WebSocket upgrade answers", () => {
  it("switches protocols with the RFC 6455 accept value and the tunnelling subprotocol", async () => {
    const answer = await ws({});
    const { statusLine, headers } = parse(answer);
    assert.equal(answer.tunnel, "websocket");
    assert.equal(statusLine, "HTTP/1.1 101 Switching Protocols");
    assert.equal(headers.get("sec-websocket-accept"), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    assert.equal(headers.get("sec-websocket-protocol"), "SPDY/3.1+portforward.k8s.io");
    assert.equal(headers.get("upgrade"), "websocket");
  });

  it("picks the tunnelled port-forward protocol among several offered", async () => {
    const answer = await ws({
      "sec-websocket-protocol": "v5.channel.k8s.io, SPDY/3.1+portforward.k8s.io",
    });
    assert.equal(
      parse(answer).headers.get("sec-websocket-protocol"),
      "SPDY/3.1+portforward.k8s.io",
    );
  });

  it("answers 400 without a SPDY tunnelling subprotocol and 403 for another tunnelled one", async () => {
    assertStatus(await ws({ "sec-websocket-protocol": "v4.channel.k8s.io" }), 400, "BadRequest");
    assertStatus(await ws({ "sec-websocket-protocol": undefined }), 400, "BadRequest");
    const { headers } = assertStatus(
      await ws({ "sec-websocket-protocol": "SPDY/3.1+v4.channel.k8s.io" }),
      403,
      "Forbidden",
    );
    assert.equal(headers.get("x-accepted-stream-protocol-versions"), "portforward.k8s.io");
  });

  it("answers 400 for another version or a bad key, and 405 for another method", async () => {
    const { headers } = assertStatus(await ws({ "sec-websocket-version": "8" }), 400, "BadRequest");
    assert.equal(headers.get("sec-websocket-version"), "13");
    assertStatus(await ws({ "sec-websocket-key": "short" }), 400, "BadRequest");
    assertStatus(await ws({ "sec-websocket-key": undefined }), 400, "BadRequest");
    assertStatus(await ws({ connection: "keep-alive" }), 400, "BadRequest");
    assertStatus(await ws({}, "POST"), 405, "MethodNotAllowed");
  });
});

describe("servePortForward", () => {
  it("writes a refusal, ends the connection and starts nothing", async () => {
    const [client, server] = memoryPipe();
    let compressions = 0;
    const session = await servePortForward(
      new Request(url, { method: "POST", headers: { connection: "Upgrade", upgrade: "SPDY/3.1" } }),
      server,
      new Uint8Array(),
      {
        handler: () => assert.fail("no handler call expected"),
        compression: () => (compressions++, createHeaderCompression(SPDY_DICTIONARY)),
      },
    );
    assert.equal(session, undefined);
    assert.equal(compressions, 0);
    assert.ok(server.ended);
    assert.match(new TextDecoder().decode(server.written[0]), /^HTTP\/1.1 403 Forbidden/);
    client.destroy();
  });
});
