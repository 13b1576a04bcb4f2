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

/** The `Status` of a refusal: its reason from the code, as `apierrors` words them. */
export function refusalStatus(
  code: number,
  message: string,
  details?: Record<string, string>,
): { code: number } & Record<string, unknown> {
  return {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message,
    reason: (reasons[code] ?? ["Error", "Unknown"])[1],
    ...(details ? { details } : {}),
    code,
  };
}

/** The per-request headers kube-apiserver's handler chain puts on a refusal it writes itself. */
export interface ApiserverAnswer {
  /** `Audit-Id`: the client's own `Audit-ID`, else a fresh UUID (WithAuditInit). */
  readonly auditId: string;
  /** When the answer is written, for Go's `Date` header. */
  readonly date: Date;
}

/**
 * A `Status` refusal kube-apiserver writes before it would dial a kubelet (unauthenticated, a
 * missing pod, a pod on no node): the handler chain's Audit-Id and Cache-Control, then Go's own
 * headers in its order (Date, Content-Length), and the body as `json.Encoder` writes it, ending in a
 * newline. No `Connection: close`, as Go writes none here; the raw socket ends after the answer.
 */
export function apiserverStatusResponse(
  status: { code: number } & Record<string, unknown>,
  answer: ApiserverAnswer,
): Uint8Array {
  const body = `${JSON.stringify(status)}\n`;
  return rawResponse(status.code, (reasons[status.code] ?? ["Error"])[0], [
    ["Audit-Id", answer.auditId],
    ["Cache-Control", "no-cache, private"],
    ["Content-Type", "application/json"],
    ["Date", answer.date.toUTCString()],
    ["Content-Length", String(encoder.encode(body).length)],
  ], body);
}

/** A refusal with a Kubernetes `Status` JSON body, Content-Length and `Connection: close`. */
export function statusResponse(
  status: number,
  message: string,
  headers: [string, string][] = [],
  details?: Record<string, string>,
): Uint8Array {
  const [text] = reasons[status] ?? ["Error", "Unknown"];
  const body = JSON.stringify(refusalStatus(status, message, details));
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
