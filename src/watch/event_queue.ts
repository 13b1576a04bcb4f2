// A FIFO of watch events with O(1) push and shift, compacted as it drains.

import type { WatchEvent } from "./watch_event.ts";

/** The events a watch holds for its consumer. */
export class EventQueue {
  #items: WatchEvent[] = [];
  #head = 0;

  /** Number of events waiting. */
  get size(): number {
    return this.#items.length - this.#head;
  }

  /** Appends an event. */
  push(event: WatchEvent): void {
    this.#items.push(event);
  }

  /** Removes and returns the oldest event, or undefined when empty. */
  shift(): WatchEvent | undefined {
    if (this.#head >= this.#items.length) return undefined;
    const event = this.#items[this.#head];
    this.#items[this.#head++] = undefined as unknown as WatchEvent; // let the object be collected
    if (this.#head === this.#items.length) {
      this.#items = [];
      this.#head = 0;
    } else if (this.#head >= 1024 && this.#head * 2 >= this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return event;
  }

  /** Drops every event. */
  clear(): void {
    this.#items = [];
    this.#head = 0;
  }
}
