// Connection caps of cluster ports: per listener and process-wide, refused at once, and freed
// again when connections close; the budget derived from the open-file limit.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import {
  ConnectionBudget,
  type ConnectionLimits,
  descriptorReserve,
  openFileLimit,
  startTlsEndpoint,
} from "../../src/runtime/mod.ts";
import { createTestPki } from "./_certs.ts";
import { https1Request } from "./_clients.ts";

const pki = await createTestPki();

function startEndpoint(limits: Partial<ConnectionLimits>, budget?: ConnectionBudget) {
  return startTlsEndpoint({
    host: "127.0.0.1",
    port: 0,
    certPem: pki.server.certPem,
    keyPem: pki.server.keyPem,
    clientCaPem: pki.ca.certPem,
    limits,
    budget,
    fetch: () => new Response("ok"),
  });
}

/** Opens a TCP connection that says nothing (as the ~300 idle connections of the issue). */
async function silentConnection(port: number): Promise<net.Socket> {
  const socket = net.connect(port, "127.0.0.1");
  socket.on("error", () => {});
  await new Promise((resolve) => socket.once("connect", resolve));
  return socket;
}

/** Whether the server closes `socket` within `ms`. */
function isClosedWithin(socket: net.Socket, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    socket.once("close", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe("connection caps", () => {
  it("closes connections past the per-listener cap at once, and admits again after one ends", async () => {
    const endpoint = await startEndpoint({ maxConnectionsPerListener: 3 });
    const held = await Promise.all([1, 2, 3].map(() => silentConnection(endpoint.port)));
    await settle();
    const refused = await silentConnection(endpoint.port);
    assert.equal(await isClosedWithin(refused, 500), true);
    await assert.rejects(https1Request(endpoint.port, pki.ca.certPem, pki.client));
    assert.equal(await isClosedWithin(held[0], 200), false); // the held ones stay
    held[0].destroy();
    await settle();
    const response = await https1Request(endpoint.port, pki.ca.certPem, pki.client);
    assert.equal(response.body, "ok");
    held.forEach((socket) => socket.destroy());
    await endpoint.close();
  });

  it("shares one process-wide budget between listeners", async () => {
    const budget = new ConnectionBudget({ maxConnections: 2 });
    const first = await startEndpoint({}, budget);
    const second = await startEndpoint({}, budget);
    const held = [await silentConnection(first.port), await silentConnection(first.port)];
    await settle();
    assert.equal(budget.connections, 2);
    const refused = await silentConnection(second.port);
    assert.equal(await isClosedWithin(refused, 500), true);
    held.forEach((socket) => socket.destroy());
    await settle();
    assert.equal(budget.connections, 0);
    assert.equal((await https1Request(second.port, pki.ca.certPem, pki.client)).body, "ok");
    await first.close();
    await second.close();
  });

  it("frees the slots of handshakes the client gives up on", async () => {
    const budget = new ConnectionBudget({ maxConnections: 2 });
    const endpoint = await startEndpoint({ maxConnectionsPerListener: 2 }, budget);
    // A client trusting another CA rejects the server's certificate mid-handshake.
    const distrusting = pki.strangerClient.certPem;
    for (let i = 0; i < 4; i++) {
      await assert.rejects(https1Request(endpoint.port, distrusting, pki.client));
    }
    await settle();
    assert.equal(budget.connections, 0);
    assert.equal((await https1Request(endpoint.port, pki.ca.certPem, pki.client)).body, "ok");
    await endpoint.close();
  });

  it("closes every connection to an endpoint whose key does not load, and frees its slot", async () => {
    const budget = new ConnectionBudget({ maxConnections: 2 });
    const endpoint = await startTlsEndpoint({
      host: "127.0.0.1",
      port: 0,
      certPem: pki.server.certPem,
      keyPem: "not a key",
      clientCaPem: pki.ca.certPem,
      budget,
      fetch: () => new Response("ok"),
    });
    for (let i = 0; i < 3; i++) {
      await assert.rejects(https1Request(endpoint.port, pki.ca.certPem, pki.client));
    }
    await settle();
    assert.equal(budget.connections, 0);
    await endpoint.close();
  });
});

describe("ConnectionBudget", () => {
  it("derives its cap from the open-file limit, less listeners and the reserve", () => {
    const budget = new ConnectionBudget({ descriptors: 300 });
    assert.equal(descriptorReserve(300), 256);
    assert.equal(budget.limit, 44);
    budget.listenerOpened();
    budget.listenerOpened();
    assert.equal(budget.limit, 42);
    budget.listenerClosed();
    assert.equal(budget.limit, 43);
  });

  it("admits up to its cap and counts closes", () => {
    const budget = new ConnectionBudget({ maxConnections: 2, descriptors: 100_000 });
    assert.deepEqual([1, 2, 3].map(() => budget.tryOpen()), [true, true, false]);
    assert.equal(budget.connections, 2);
    budget.close();
    assert.equal(budget.tryOpen(), true);
  });

  it("has no cap without a limit or descriptors", () => {
    const budget = new ConnectionBudget();
    assert.equal(budget.limit, undefined);
    assert.equal(budget.tryOpen(), true);
  });

  it("keeps 256 to 1024 descriptors in reserve", () => {
    assert.deepEqual(
      [0, 300, 4000, 8192, 1_048_576].map(descriptorReserve),
      [256, 256, 500, 1024, 1024],
    );
  });

  it("reads the open-file limit where /proc/self/limits exists", () => {
    const limit = openFileLimit();
    assert.ok(limit === undefined || (Number.isInteger(limit) && limit > 0));
  });
});
