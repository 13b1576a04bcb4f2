// The listener side of a ByteStream: data and end wait for a listener (or a resume), close fires once.

/** Listener lists of one ByteStream; peer data that arrives before any data listener, or while paused, is kept. */
export class StreamEvents {
  readonly #dataListeners: ((bytes: Uint8Array) => void)[] = [];
  readonly #endListeners: (() => void)[] = [];
  readonly #closeListeners: (() => void)[] = [];
  readonly #onBuffered: (delta: number) => void;
  #buffered: Uint8Array[] = [];
  #bufferedBytes = 0;
  #paused = false;
  #ended = false;
  #endDelivered = false;
  #closed = false;

  /** `onBuffered` hears every change of the kept byte count (for a connection-wide budget). */
  constructor(onBuffered: (delta: number) => void = () => {}) {
    this.#onBuffered = onBuffered;
  }

  /** True once the peer half-closed. */
  get ended(): boolean {
    return this.#ended;
  }

  /** True once close has fired. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Peer bytes kept because nobody listens yet or delivery is paused. */
  get bufferedBytes(): number {
    return this.#bufferedBytes;
  }

  /** Adds a data listener and hands it anything kept so far (unless paused). */
  onData(listener: (bytes: Uint8Array) => void): void {
    this.#dataListeners.push(listener);
    this.#flush();
  }

  /** Adds an end listener (fires after all data was delivered). */
  onEnd(listener: () => void): void {
    this.#endListeners.push(listener);
    this.#maybeEnd();
  }

  /** Adds a close listener; runs it at once when already closed. */
  onClose(listener: () => void): void {
    if (this.#closed) listener();
    else this.#closeListeners.push(listener);
  }

  /** Delivers peer bytes (dropped after end or close). */
  data(bytes: Uint8Array): void {
    if (this.#ended || this.#closed || bytes.length === 0) return;
    if (this.#dataListeners.length === 0 || this.#paused) {
      this.#buffered.push(bytes);
      this.#setBuffered(this.#bufferedBytes + bytes.length);
    } else for (const listener of this.#dataListeners) listener(bytes);
  }

  /** True between `pause` and `resume`. */
  get paused(): boolean {
    return this.#paused;
  }

  /** Holds data back until `resume`. */
  pause(): void {
    this.#paused = true;
  }

  /** Delivers what was held back, then lets data through again. */
  resume(): void {
    this.#paused = false;
    this.#flush();
  }

  /** Records the peer's half-close. */
  end(): void {
    if (this.#ended || this.#closed) return;
    this.#ended = true;
    this.#maybeEnd();
  }

  /** Fires close once and drops whatever is still kept. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#buffered = [];
    this.#setBuffered(0);
    for (const listener of this.#closeListeners.splice(0)) listener();
  }

  #flush(): void {
    // A listener may pause again, or close the stream, while kept data is handed over.
    while (this.#buffered.length > 0 && !this.#paused && this.#dataListeners.length > 0) {
      const bytes = this.#buffered.shift()!;
      this.#setBuffered(this.#bufferedBytes - bytes.length);
      for (const listener of this.#dataListeners) listener(bytes);
    }
    this.#maybeEnd();
  }

  #setBuffered(bytes: number): void {
    const delta = bytes - this.#bufferedBytes;
    this.#bufferedBytes = bytes;
    if (delta !== 0) this.#onBuffered(delta);
  }

  #maybeEnd(): void {
    if (!this.#ended || this.#endDelivered || this.#closed) return;
    if (this.#buffered.length > 0 || this.#endListeners.length === 0) return;
    this.#endDelivered = true;
    for (const listener of this.#endListeners) listener();
  }
}
