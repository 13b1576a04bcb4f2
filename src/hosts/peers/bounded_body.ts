// Reads a request body up to a limit, so a forward never buffers more than the control API accepts.

/** The body was longer than the limit; the caller answers 413. */
export const TOO_LARGE = Symbol("too large");

/** The whole body of `request` (empty without one), or TOO_LARGE past `limit` bytes. */
export async function readBoundedBody(
  request: Request,
  limit: number,
): Promise<Uint8Array<ArrayBuffer> | typeof TOO_LARGE> {
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (declared > limit) return TOO_LARGE;
  if (!request.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let length = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > limit) {
      await reader.cancel();
      return TOO_LARGE;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return body;
}
