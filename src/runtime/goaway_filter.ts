// Removes GOAWAY frames from a client's HTTP/2 byte stream, chunk by chunk, without copying payloads.

const PREFACE_LENGTH = 24; // "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
const FRAME_HEADER_LENGTH = 9; // 24-bit length, 8-bit type, 8-bit flags, 31-bit stream id
const GOAWAY = 0x7;

/** A streaming HTTP/2 frame parser that passes everything through except GOAWAY frames. */
export class GoawayFilter {
  #prefaceLeft = PREFACE_LENGTH;
  #header = new Uint8Array(FRAME_HEADER_LENGTH);
  #headerFill = 0;
  #payloadLeft = 0;
  #dropping = false;
  #dropped = 0;

  /** The number of GOAWAY frames removed so far. */
  get dropped(): number {
    return this.#dropped;
  }

  /** Returns the parts of `chunk` to forward, in order; a frame header split across chunks is held back until complete. */
  filter(chunk: Uint8Array): Uint8Array[] {
    const out: Uint8Array[] = [];
    let runStart = 0; // start of the bytes of `chunk` still to forward
    let i = 0;
    while (i < chunk.length) {
      if (this.#prefaceLeft > 0) {
        const n = Math.min(this.#prefaceLeft, chunk.length - i);
        this.#prefaceLeft -= n;
        i += n;
      } else if (this.#payloadLeft > 0) {
        const n = Math.min(this.#payloadLeft, chunk.length - i);
        this.#payloadLeft -= n;
        i += n;
        if (this.#dropping) runStart = i;
      } else if (this.#headerFill === 0 && chunk.length - i >= FRAME_HEADER_LENGTH) {
        const frameStart = i;
        i += FRAME_HEADER_LENGTH;
        if (this.#startFrame(chunk, frameStart)) {
          if (frameStart > runStart) out.push(chunk.subarray(runStart, frameStart));
          runStart = i;
        }
      } else {
        if (this.#headerFill === 0 && i > runStart) out.push(chunk.subarray(runStart, i));
        const n = Math.min(FRAME_HEADER_LENGTH - this.#headerFill, chunk.length - i);
        this.#header.set(chunk.subarray(i, i + n), this.#headerFill);
        this.#headerFill += n;
        i += n;
        runStart = i;
        if (this.#headerFill < FRAME_HEADER_LENGTH) break;
        this.#headerFill = 0;
        if (!this.#startFrame(this.#header, 0)) out.push(this.#header.slice());
      }
    }
    if (i > runStart) out.push(chunk.subarray(runStart, i));
    return out;
  }

  /** Reads a frame header at `at`; returns true when the frame is to be dropped. */
  #startFrame(bytes: Uint8Array, at: number): boolean {
    this.#payloadLeft = (bytes[at] << 16) | (bytes[at + 1] << 8) | bytes[at + 2];
    this.#dropping = bytes[at + 3] === GOAWAY;
    if (this.#dropping) this.#dropped++;
    return this.#dropping;
  }
}
