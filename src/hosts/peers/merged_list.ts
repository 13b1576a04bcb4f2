// `GET /clusters` over all replicas: each one's list spliced into one, without parsing the items.

/** One replica's part of the merged list: its items, or why they are missing. */
export type ListPart =
  | { readonly replica: number; readonly items: Uint8Array }
  | { readonly replica: number; readonly url: string; readonly error: string };

const encoder = new TextEncoder();
const PREFIX = encoder.encode('{"clusters":[');
const SUFFIX = encoder.encode("]}");

/**
 * The bytes between `{"clusters":[` and `]}` of a replica's `GET /clusters` answer (every replica
 * writes exactly that shape, src/control/json_list_stream.ts), or undefined for any other body.
 * Splicing bytes keeps the merge linear and off the event loop's JSON parser: 10,000 clusters
 * are ~11 MB of JSON.
 */
export function listItems(body: Uint8Array): Uint8Array | undefined {
  if (body.length < PREFIX.length + SUFFIX.length) return undefined;
  for (let i = 0; i < PREFIX.length; i++) if (body[i] !== PREFIX[i]) return undefined;
  const end = body.length - SUFFIX.length;
  for (let i = 0; i < SUFFIX.length; i++) if (body[end + i] !== SUFFIX[i]) return undefined;
  return body.subarray(PREFIX.length, end);
}

/**
 * `{"clusters":[...]}` with every reachable replica's items in replica order and, when some
 * replica could not answer, `"unreachable":[{"replica","url","error"}]`: the clusters of the
 * others are still listed (a dead replica must not hide the live ones), and the caller can tell
 * the list is partial.
 */
export function mergedClusterList(parts: readonly ListPart[]): ReadableStream<Uint8Array> {
  const pieces: Uint8Array[] = [PREFIX];
  let any = false;
  const unreachable: { replica: number; url: string; error: string }[] = [];
  for (const part of [...parts].sort((a, b) => a.replica - b.replica)) {
    if (!("items" in part)) {
      unreachable.push({ replica: part.replica, url: part.url, error: part.error });
      continue;
    }
    if (part.items.length === 0) continue;
    if (any) pieces.push(encoder.encode(","));
    pieces.push(part.items);
    any = true;
  }
  pieces.push(encoder.encode("]"));
  if (unreachable.length > 0) {
    pieces.push(encoder.encode(`,"unreachable":${JSON.stringify(unreachable)}`));
  }
  pieces.push(encoder.encode("}"));
  let next = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (next < pieces.length) controller.enqueue(pieces[next++]);
      else controller.close();
    },
  });
}
