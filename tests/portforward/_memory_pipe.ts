// Test fixture: two in-memory ByteStreams joined back to back, delivering on a later microtask like a socket.
import type { ByteStream } from "../../src/portforward/mod.ts";
import { StreamEvents } from "../../src/portforward/stream_events.ts";

/** One end of a memory pipe, with what it wrote kept for inspection. */
export interface MemoryEnd extends ByteStream {
  readonly written: Uint8Array[];
  readonly ended: boolean;
  readonly closed: boolean;
  /** True while the reader asked for no data (`pause`). */
  readonly paused: boolean;
  /** While true, `write` still delivers but answers false, as a socket past its high-water mark. */
  congested: boolean;
  /** Ends congestion and fires the drain listeners. */
  drain(): void;
}

/** Creates a connected pair; `end` on both sides or `destroy` on either closes both. */
export function memoryPipe(): [MemoryEnd, MemoryEnd] {
  const events = [new StreamEvents(), new StreamEvents()];
  const ended = [false, false];
  const written: Uint8Array[][] = [[], []];
  const later = (task: () => void) => queueMicrotask(task);
  const closeBoth = () => events.forEach((e) => e.close());
  const side = (me: number): MemoryEnd => {
    const peer = 1 - me;
    const drainListeners: (() => void)[] = [];
    let paused = false;
    return {
      congested: false,
      get paused() {
        return paused;
      },
      drain() {
        this.congested = false;
        for (const listener of drainListeners) listener();
      },
      onDrain: (listener) => drainListeners.push(listener),
      pause: () => (paused = true, events[me].pause()),
      resume: () => (paused = false, events[me].resume()),
      written: written[me],
      get ended() {
        return ended[me];
      },
      get closed() {
        return events[me].closed;
      },
      write(bytes) {
        if (ended[me] || events[me].closed) return true;
        const copy = bytes.slice();
        written[me].push(copy);
        later(() => events[peer].data(copy));
        return !this.congested;
      },
      end() {
        if (ended[me] || events[me].closed) return;
        ended[me] = true;
        later(() => {
          events[peer].end();
          if (ended[peer]) closeBoth();
        });
      },
      destroy: () => later(closeBoth),
      onData: (listener) => events[me].onData(listener),
      onEnd: (listener) => events[me].onEnd(listener),
      onClose: (listener) => events[me].onClose(listener),
    };
  };
  return [side(0), side(1)];
}

/** Waits until queued microtasks and zlib callbacks have run (a few macrotask turns). */
export async function settle(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}
