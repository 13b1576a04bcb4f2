// Answers HTTP/1.1 requests node's parser rejects, instead of silently dropping the connection.
import type { Duplex } from "node:stream";

const STATUS_BY_CODE: Record<string, string> = {
  HPE_HEADER_OVERFLOW: "431 Request Header Fields Too Large",
  ERR_HTTP_REQUEST_TIMEOUT: "408 Request Timeout",
};

/** A `clientError` listener: a short error response (400 unless the code says otherwise), then close. */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  const status = STATUS_BY_CODE[error.code ?? ""] ?? "400 Bad Request";
  if (!socket.writable) return void socket.destroy();
  const response = `HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`;
  socket.end(response, () => socket.destroy());
}
