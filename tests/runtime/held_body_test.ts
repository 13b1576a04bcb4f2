// The compression check reads a light Response's body without materializing it; a change of
// @hono/node-server's internals would silently send every Go client's answer through a copy.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { getRequestListener } from "@hono/node-server";
import { heldBodyOf } from "../../src/runtime/held_body.ts";

describe("heldBodyOf", () => {
  it("reads the string, bytes or null a light Response holds, and nothing of a read one", async () => {
    getRequestListener(() => new Response(null)); // the listeners install the light globals
    assert.equal(heldBodyOf(new Response("text")), "text");
    const bytes = new Uint8Array([1, 2]);
    assert.equal(heldBodyOf(new Response(bytes)), bytes);
    assert.equal(heldBodyOf(new Response(null, { status: 204 })), null);
    const read = new Response("gone");
    await read.text();
    assert.equal(heldBodyOf(read), undefined);
  });
});
