// A long JSON list answered in batches, so listing 10,000 clusters never holds the event loop.

/** How a list stream renders and paces its items. */
export interface JsonListStreamOptions {
  /** Items rendered per chunk. @default 100 */
  readonly batch?: number;
  /** Waits between chunks, letting timers and sockets run. @default a zero-delay timer */
  readonly pause?: () => Promise<void>;
}

const encoder = new TextEncoder();

/**
 * Streams `{"<key>":[item, ...]}`: each chunk renders and serializes `batch` items, then pauses, so
 * the work of one request is cut into slices (about 5 ms for 100 clusters) instead of one long
 * block (0.3-0.9 s and 11 MB for 10,000 clusters). The items are the ones given (a snapshot).
 */
export function jsonListStream<T>(
  key: string,
  items: readonly T[],
  render: (item: T) => unknown,
  options: JsonListStreamOptions = {},
): ReadableStream<Uint8Array> {
  const batch = options.batch ?? 100;
  const pause = options.pause ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  let index = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (index > 0) await pause();
      const end = Math.min(index + batch, items.length);
      let text = index === 0 ? `{${JSON.stringify(key)}:[` : "";
      for (let i = index; i < end; i++) {
        text += (i > 0 ? "," : "") + JSON.stringify(render(items[i]));
      }
      index = end;
      if (index >= items.length) {
        controller.enqueue(encoder.encode(text + "]}"));
        controller.close();
      } else controller.enqueue(encoder.encode(text));
    },
  });
}
