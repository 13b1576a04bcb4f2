// The body a Response was built with, read without materializing it: @hono/node-server's light
// Response (the global once a listener exists) holds `[status, body, headers]` under its private
// `cache` symbol and writes a string or byte body straight to the socket. Reading its length
// there costs a property load; reading it through `arrayBuffer()` would build the native Response
// the light one exists to avoid, on every answer a Go client gets.

let cacheSymbol: symbol | undefined;

/**
 * What `response` was built with: a string, bytes, null (no body) or a stream; `undefined` when
 * it is not a light Response holding its body (a native Response, or one already read).
 */
export function heldBodyOf(
  response: Response,
): string | Uint8Array | ReadableStream | null | undefined {
  const own = response as unknown as Record<symbol, [number, unknown, unknown] | undefined>;
  if (cacheSymbol === undefined) {
    // Found on the first light Response seen; until then (tests without a listener) looked for.
    cacheSymbol = Object.getOwnPropertySymbols(response).find((key) => key.description === "cache");
    if (cacheSymbol === undefined) return undefined;
  }
  const held = own[cacheSymbol];
  if (held === undefined) return undefined;
  const body = held[1];
  if (body === null || typeof body === "string" || body instanceof Uint8Array) return body;
  return body instanceof ReadableStream ? body : undefined;
}
