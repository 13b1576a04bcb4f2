// HTTP/1.1 responses written straight onto an upgraded socket (101s and the refusals before them).

const reasons: Record<number, [text: string, reason: string]> = {
  400: ["Bad Request", "BadRequest"],
  401: ["Unauthorized", "Unauthorized"],
  404: ["Not Found", "NotFound"],
  403: ["Forbidden", "Forbidden"],
  405: ["Method Not Allowed", "MethodNotAllowed"],
  500: ["Internal Server Error", "InternalError"],
};

const encoder = new TextEncoder();

/** Serializes a status line, headers and an optional body (headers keep their order and spelling). */
export function rawResponse(
  status: number,
  statusText: string,
  headers: [string, string][],
  body = "",
): Uint8Array {
  const lines = [`HTTP/1.1 ${status} ${statusText}`, ...headers.map(([n, v]) => `${n}: ${v}`)];
  return encoder.encode(`${lines.join("\r\n")}\r\n\r\n${body}`);
}

/** A refusal with a Kubernetes `Status` JSON body, Content-Length and `Connection: close`. */
export function statusResponse(
  status: number,
  message: string,
  headers: [string, string][] = [],
  details?: Record<string, string>,
): Uint8Array {
  const [text, reason] = reasons[status] ?? ["Error", "Unknown"];
  const body = JSON.stringify({
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message,
    reason,
    ...(details ? { details } : {}),
    code: status,
  });
  return rawResponse(status, text, [
    ["Content-Type", "application/json"],
    ["Content-Length", String(encoder.encode(body).length)],
    ["Connection", "close"],
    ...headers,
  ], body);
}

/** A refusal with a plain-text body (what a kubelet or gorilla writes with `http.Error`). */
export function textResponse(status: number, message: string): Uint8Array {
  const [text] = reasons[status] ?? ["Error"];
  const body = `${message}\n`;
  return rawResponse(status, text, [
    ["Content-Type", "text/plain; charset=utf-8"],
    ["Content-Length", String(encoder.encode(body).length)],
    ["Connection", "close"],
  ], body);
}
