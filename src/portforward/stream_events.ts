// The listener side of a ByteStream: data and end wait for a listener, close fires once.

/** Listener lists of one ByteStream; peer data that arrives before any data listener is kept. */
export class StreamEvents {
  readonly #dataListeners: ((bytes: Uint8Array) => void)[] = [];
  readonly #endListeners: (() => void)[] = [];
  readonly #closeListeners: (() => void)[] = [];
  #buffered: Uint8Array[] = [];
  #ended = false;
  #endDelivered = false;
  #closed = false;

  /** True once the peer half-closed. */
  get ended(): boolean {
    return this.#ended;
  }

  /** True once close has fired. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Adds a data listener and hands it anything kept so far. */
  onData(listener: (bytes: Uint8Array) => void): void {
    this.#dataListeners.push(listener);
    const buffered = this.#buffered;
    this.#buffered = [];
    for (const bytes of buffered) listener(bytes);
    this.#maybeEnd();
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
    if (this.#dataListeners.length === 0) this.#buffered.push(bytes);
    else for (const listener of this.#dataListeners) listener(bytes);
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
    for (const listener of this.#closeListeners.splice(0)) listener();
  }

  #maybeEnd(): void {
    if (!this.#ended || this.#endDelivered || this.#closed) return;
    if (this.#buffered.length > 0 || this.#endListeners.length === 0) return;
    this.#endDelivered = true;
    for (const listener of this.#endListeners) listener();
  }
}
