import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { ManagementEndpoint } from "../../src/management/kubeconfig_credentials.ts";
import { ManagementError, type WatchEvent } from "../../src/management/management_client.ts";
import { restClient, type Transport } from "../../src/management/rest_client.ts";
import type { HttpsCall, StreamedAnswer } from "../../src/runtime/mod.ts";

const SERVER = "https://mgmt.example:6443";
const CA = "-----BEGIN CERTIFICATE-----\nmgmt\n-----END CERTIFICATE-----\n";
const MACHINES = { group: "cluster.x-k8s.io", version: "v1beta2", plural: "machines" };
const CONFIGMAPS = { group: "", version: "v1", plural: "configmaps" };
const utf8 = (text: string) => new TextEncoder().encode(text);
const b64 = (text: string) => btoa(String.fromCharCode(...utf8(text)));
const statusBody = (code: number, message: string) =>
  JSON.stringify({ kind: "Status", apiVersion: "v1", status: "Failure", message, code });

type Answer = { status: number; text: string };
type Stream = { status: number; chunks: Uint8Array[]; breakWith?: Error };

// An endpoint whose token changes each time it is invalidated.
function endpoint() {
  const state = { generation: 1, invalidations: 0 };
  const value: ManagementEndpoint = {
    server: SERVER,
    credentials: () => Promise.resolve({ caPem: CA, token: `token-${state.generation}` }),
    invalidate() {
      state.invalidations++;
      state.generation++;
    },
  };
  return { endpoint: value, state };
}

// A transport that records calls and answers from `answers`/`streams`, in order.
function transport(answers: Answer[] = [], streams: Stream[] = []) {
  const calls: HttpsCall[] = [];
  const aborted: number[] = [];
  const value: Transport = {
    text(call) {
      calls.push(call);
      const answer = answers.shift();
      if (!answer) throw new Error(`unexpected call ${call.url}`);
      return Promise.resolve(answer);
    },
    stream(call) {
      calls.push(call);
      const stream = streams.shift();
      if (!stream) throw new Error(`unexpected stream ${call.url}`);
      const index = calls.length - 1;
      const answer: StreamedAnswer = {
        status: stream.status,
        async read(onChunk) {
          for (const chunk of stream.chunks) {
            await Promise.resolve();
            onChunk(chunk);
          }
          if (stream.breakWith) throw stream.breakWith;
        },
        abort: () => aborted.push(index),
      };
      return Promise.resolve(answer);
    },
  };
  return { transport: value, calls, aborted };
}

const pathOf = (call: HttpsCall) => call.url.slice(SERVER.length);

describe("restClient", () => {
  it("reads a Secret with the endpoint's TLS material and token, base64-decoding its data as UTF-8", async () => {
    const { endpoint: e } = endpoint();
    const t = transport([{
      status: 200,
      text: JSON.stringify({
        kind: "Secret",
        data: { "tls.crt": b64("-----BEGIN CERTIFICATE-----\n"), "note": b64("Zürich ✓") },
      }),
    }]);
    const client = restClient(e, t.transport);
    assert.equal(client.server, SERVER);
    assert.deepEqual(await client.readSecret("capi", "demo-ca"), {
      "tls.crt": "-----BEGIN CERTIFICATE-----\n",
      note: "Zürich ✓",
    });
    const [call] = t.calls;
    assert.equal(call.url, `${SERVER}/api/v1/namespaces/capi/secrets/demo-ca`);
    assert.equal(call.method, "GET");
    assert.equal(call.caPem, CA);
    assert.equal(call.headers?.Authorization, "Bearer token-1");
    assert.equal(call.headers?.Accept, "application/json");
    assert.ok(call.idleTimeoutMs > 0);
  });

  it("answers undefined for a Secret that does not exist, and {} for one without data", async () => {
    const t = transport([
      { status: 404, text: statusBody(404, 'secrets "x" not found') },
      { status: 200, text: JSON.stringify({ kind: "Secret" }) },
    ]);
    const client = restClient(endpoint().endpoint, t.transport);
    assert.equal(await client.readSecret("capi", "x"), undefined);
    assert.deepEqual(await client.readSecret("capi", "empty"), {});
  });

  it("sends no Authorization header without a token", async () => {
    const t = transport([{ status: 200, text: "{}" }]);
    const e: ManagementEndpoint = {
      server: SERVER,
      credentials: () => Promise.resolve({ certPem: "c", keyPem: "k" }),
      invalidate() {},
    };
    await restClient(e, t.transport).readSecret("a", "b");
    assert.equal(t.calls[0].headers?.Authorization, undefined);
    assert.deepEqual([t.calls[0].certPem, t.calls[0].keyPem], ["c", "k"]);
  });

  it("gets and lists core resources under /api and grouped ones under /apis", async () => {
    const machine = { kind: "Machine", metadata: { name: "m", namespace: "ns" } };
    const t = transport([
      { status: 200, text: JSON.stringify(machine) },
      { status: 404, text: statusBody(404, "not found") },
      {
        status: 200,
        text: JSON.stringify({ items: [machine], metadata: { resourceVersion: "42" } }),
      },
      { status: 200, text: JSON.stringify({ metadata: {} }) },
    ]);
    const client = restClient(endpoint().endpoint, t.transport);
    assert.deepEqual(await client.get(MACHINES, "ns", "m"), machine);
    assert.equal(await client.get(CONFIGMAPS, "kube-system", "missing"), undefined);
    assert.deepEqual(await client.list(MACHINES), { items: [machine], resourceVersion: "42" });
    assert.deepEqual(await client.list(CONFIGMAPS), { items: [], resourceVersion: "" });
    assert.deepEqual(t.calls.map(pathOf), [
      "/apis/cluster.x-k8s.io/v1beta2/namespaces/ns/machines/m",
      "/api/v1/namespaces/kube-system/configmaps/missing",
      "/apis/cluster.x-k8s.io/v1beta2/machines",
      "/api/v1/configmaps",
    ]);
  });

  it("fails a list of a resource the server does not have with a 404 ManagementError", async () => {
    const t = transport([{ status: 404, text: "404 page not found" }]);
    await assert.rejects(
      restClient(endpoint().endpoint, t.transport).list(MACHINES),
      (e: unknown) => e instanceof ManagementError && e.status === 404,
    );
  });

  it("turns a non-2xx answer into a ManagementError with the Status message and code", async () => {
    const forbidden =
      'machines.cluster.x-k8s.io is forbidden: User "system:serviceaccount:fkas:fkas" ' +
      'cannot list resource "machines"';
    const t = transport([
      { status: 403, text: statusBody(403, forbidden) },
      { status: 503, text: "upstream connect error" },
    ]);
    const client = restClient(endpoint().endpoint, t.transport);
    await assert.rejects(client.list(MACHINES), (e: unknown) => {
      assert.ok(e instanceof ManagementError);
      assert.equal(e.status, 403);
      assert.equal(e.message, `GET /apis/cluster.x-k8s.io/v1beta2/machines: 403 ${forbidden}`);
      return true;
    });
    await assert.rejects(client.get(MACHINES, "ns", "m"), (e: unknown) => {
      assert.ok(e instanceof ManagementError);
      assert.equal(e.status, 503);
      assert.match(e.message, /503 upstream connect error$/);
      return true;
    });
  });

  it("after a 401 invalidates the credentials and retries once with fresh ones", async () => {
    const { endpoint: e, state } = endpoint();
    const t = transport([
      { status: 401, text: statusBody(401, "Unauthorized") },
      { status: 200, text: JSON.stringify({ items: [], metadata: { resourceVersion: "7" } }) },
    ]);
    assert.deepEqual(await restClient(e, t.transport).list(MACHINES), {
      items: [],
      resourceVersion: "7",
    });
    assert.equal(state.invalidations, 1);
    assert.deepEqual(t.calls.map((c) => c.headers?.Authorization), [
      "Bearer token-1",
      "Bearer token-2",
    ]);
  });

  it("gives up after the retry is refused too", async () => {
    const { endpoint: e, state } = endpoint();
    const t = transport([
      { status: 401, text: statusBody(401, "Unauthorized") },
      { status: 401, text: statusBody(401, "Unauthorized") },
    ]);
    await assert.rejects(
      restClient(e, t.transport).readSecret("ns", "s"),
      (error: unknown) => error instanceof ManagementError && error.status === 401,
    );
    assert.equal(t.calls.length, 2);
    assert.equal(state.invalidations, 1);
  });

  it("watches all namespaces with bookmarks, from the resourceVersion, for 5 to 10 minutes", async () => {
    for (const [random, seconds] of [[0, 300], [0.5, 450], [0.9999, 599]] as const) {
      const t = transport([], [{ status: 200, chunks: [] }]);
      const client = restClient(endpoint().endpoint, t.transport, () => random);
      await (await client.watch(MACHINES, "1234", () => {})).done;
      const url = new URL(t.calls[0].url);
      assert.equal(url.pathname, "/apis/cluster.x-k8s.io/v1beta2/machines");
      assert.equal(url.searchParams.get("watch"), "true");
      assert.equal(url.searchParams.get("allowWatchBookmarks"), "true");
      assert.equal(url.searchParams.get("resourceVersion"), "1234");
      assert.equal(url.searchParams.get("timeoutSeconds"), String(seconds));
      assert.ok(
        t.calls[0].idleTimeoutMs > seconds * 1000,
        "the idle timeout outlasts the server's own watch timeout",
      );
    }
  });

  it("watches without a resourceVersion parameter when given none", async () => {
    const t = transport([], [{ status: 200, chunks: [] }]);
    await (await restClient(endpoint().endpoint, t.transport).watch(CONFIGMAPS, "", () => {})).done;
    const url = new URL(t.calls[0].url);
    assert.equal(url.pathname, "/api/v1/configmaps");
    assert.equal(url.searchParams.has("resourceVersion"), false);
  });

  it("delivers whole events however the chunks split them, even inside a UTF-8 character", async () => {
    const events: WatchEvent[] = [
      {
        type: "ADDED",
        object: { kind: "Machine", metadata: { name: "zürich-🚀", resourceVersion: "5" } },
      },
      { type: "BOOKMARK", object: { kind: "Machine", metadata: { resourceVersion: "9" } } },
      { type: "DELETED", object: { kind: "Machine", metadata: { name: "b", labels: { x: "ø" } } } },
    ];
    const bytes = utf8(events.map((e) => JSON.stringify(e) + "\n").join(""));
    const splits: Uint8Array[][] = [Array.from(bytes, (byte) => Uint8Array.of(byte))];
    for (let at = 1; at < bytes.length; at++) splits.push([bytes.slice(0, at), bytes.slice(at)]);
    for (const chunks of splits) {
      const t = transport([], [{ status: 200, chunks }]);
      const seen: WatchEvent[] = [];
      const watch = await restClient(endpoint().endpoint, t.transport).watch(
        MACHINES,
        "1",
        (event) => seen.push(event),
      );
      await watch.done;
      assert.deepEqual(seen, events, `split into ${chunks.map((c) => c.length).join("+")} bytes`);
    }
  });

  it("ends the watch with an error at a line that is no watch event (a proxy's HTML page)", async () => {
    const event = { type: "ADDED", object: { metadata: { name: "a" } } };
    const t = transport([], [{
      status: 200,
      chunks: [utf8(`${JSON.stringify(event)}\n<html>proxy error</html>\n`)],
    }]);
    const seen: unknown[] = [];
    const watch = await restClient(endpoint().endpoint, t.transport).watch(
      MACHINES,
      "1",
      (e) => seen.push(e),
    );
    await assert.rejects(watch.done, (error: Error) => {
      assert.ok(error instanceof ManagementError);
      assert.match(error.message, /not a watch event: <html>proxy error/);
      return true;
    });
    assert.deepEqual(seen, [event]);
  });

  it("ignores blank lines between events", async () => {
    const event = { type: "ADDED", object: { metadata: { name: "a" } } };
    const t = transport([], [{
      status: 200,
      chunks: [utf8(`\n${JSON.stringify(event)}\n\r\n\n`)],
    }]);
    const seen: unknown[] = [];
    await (await restClient(endpoint().endpoint, t.transport).watch(
      MACHINES,
      "1",
      (e) => seen.push(e),
    )).done;
    assert.deepEqual(seen, [event]);
  });

  it("stop() aborts the stream, and a broken stream rejects done", async () => {
    const t = transport([], [
      { status: 200, chunks: [] },
      { status: 200, chunks: [], breakWith: new Error("socket hang up") },
    ]);
    const client = restClient(endpoint().endpoint, t.transport);
    const first = await client.watch(MACHINES, "1", () => {});
    first.stop();
    assert.deepEqual(t.aborted, [0]);
    const second = await client.watch(MACHINES, "1", () => {});
    await assert.rejects(second.done, /socket hang up/);
  });

  it("rejects a watch the server refuses with a ManagementError carrying its status and message", async () => {
    const { endpoint: e, state } = endpoint();
    const body = utf8(statusBody(410, "too old resource version: 1 (50)"));
    const t = transport([], [
      { status: 410, chunks: [body.slice(0, 10), body.slice(10)] },
      { status: 401, chunks: [utf8(statusBody(401, "Unauthorized"))] },
    ]);
    const client = restClient(e, t.transport);
    await assert.rejects(client.watch(MACHINES, "1", () => {}), (error: unknown) => {
      assert.ok(error instanceof ManagementError);
      assert.equal(error.status, 410);
      assert.match(
        error.message,
        /^watch \/apis\/cluster\.x-k8s\.io\/v1beta2\/machines\?.*: 410 too old resource version: 1 \(50\)$/,
      );
      return true;
    });
    assert.equal(state.invalidations, 0);
    await assert.rejects(
      client.watch(MACHINES, "1", () => {}),
      (error: unknown) => error instanceof ManagementError && error.status === 401,
    );
    assert.equal(state.invalidations, 1, "a refused watch drops cached credentials too");
  });

  it("lists served versions of a group, preferred first, and none for an unknown group", async () => {
    const apis = JSON.stringify({
      kind: "APIGroupList",
      groups: [
        {
          name: "cluster.x-k8s.io",
          versions: [{ version: "v1beta1" }, { version: "v1beta2" }],
          preferredVersion: { version: "v1beta2" },
        },
        { name: "metal3.io", versions: [{ version: "v1alpha1" }] },
      ],
    });
    const t = transport([
      { status: 200, text: apis },
      { status: 200, text: apis },
      { status: 200, text: apis },
    ]);
    const client = restClient(endpoint().endpoint, t.transport);
    assert.deepEqual(await client.servedVersions("cluster.x-k8s.io"), ["v1beta2", "v1beta1"]);
    assert.deepEqual(await client.servedVersions("metal3.io"), ["v1alpha1"]);
    assert.deepEqual(await client.servedVersions("infrastructure.cluster.x-k8s.io"), []);
    assert.deepEqual(t.calls.map(pathOf), ["/apis", "/apis", "/apis"]);
  });
});
