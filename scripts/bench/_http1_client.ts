// A keep-alive HTTP/1.1 client over TLS with one request in flight: raw bytes, so it stays cheap.
import { Buffer } from "node:buffer";
import tls from "node:tls";
import { parseResponse } from "./_http1_response.ts";

/** What a load generator client needs to open a connection. */
export interface TlsTarget {
  port: number;
  caPem: string;
  certPem: string;
  keyPem: string;
}

/** One TLS connection that sends requests one at a time and resolves each with its status. */
export class Http1Connection {
  #socket: tls.TLSSocket;
  #buffer: Buffer = Buffer.alloc(0);
  #pending?: { resolve: (status: number) => void; reject: (error: Error) => void };
  #failure?: Error;
  #last: Buffer = Buffer.alloc(0);

  private constructor(socket: tls.TLSSocket) {
    this.#socket = socket;
    socket.on("data", (chunk: Buffer) => this.#onData(chunk));
    socket.on("error", (error: Error) => this.#fail(error));
    socket.on("close", () => this.#fail(new Error("connection closed by the server")));
  }

  /** Opens a connection to 127.0.0.1 (TLS name localhost) offering only HTTP/1.1. */
  static connect(target: TlsTarget): Promise<Http1Connection> {
    return new Promise((resolve, reject) => {
      const socket = tls.connect({
        host: "127.0.0.1",
        port: target.port,
        servername: "localhost",
        ca: target.caPem,
        cert: target.certPem,
        key: target.keyPem,
        ALPNProtocols: ["http/1.1"],
      }, () => {
        socket.off("error", reject);
        socket.setNoDelay(true);
        resolve(new Http1Connection(socket));
      });
      socket.once("error", reject);
    });
  }

  /** Writes one serialized request and resolves with the response status once the whole body arrived. */
  request(bytes: Uint8Array): Promise<number> {
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => {
      this.#pending = { resolve, reject };
      this.#socket.write(bytes);
    });
  }

  /** The raw bytes (head and body) of the last complete response. */
  get lastResponse(): Buffer {
    return this.#last;
  }

  /** Closes the connection. */
  close(): void {
    this.#socket.destroy();
  }

  #onData(chunk: Buffer): void {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    let frame;
    try {
      frame = parseResponse(this.#buffer);
    } catch (error) {
      return this.#fail(error as Error);
    }
    if (!frame) return;
    this.#last = this.#buffer.subarray(0, frame.length);
    this.#buffer = this.#buffer.subarray(frame.length);
    const pending = this.#pending;
    this.#pending = undefined;
    pending?.resolve(frame.status);
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    const pending = this.#pending;
    this.#pending = undefined;
    pending?.reject(error);
    this.#socket.destroy();
  }
}

/** Serializes a request the way a Go client would send it on a kept-alive connection. */
export function serializeRequest(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Uint8Array {
  const lines = [`${method} ${path} HTTP/1.1`, "Host: localhost"];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  if (body !== undefined) lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  return Buffer.from(`${lines.join("\r\n")}\r\n\r\n${body ?? ""}`);
}
