// The RFC 6455 §4.2 server handshake checks, in the order gorilla/websocket's Upgrader runs them.

const GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

/** The `Sec-WebSocket-Accept` value: base64(SHA-1(key + GUID)). */
export async function webSocketAccept(key: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-1", new TextEncoder().encode(key + GUID));
  return btoa(String.fromCharCode(...new Uint8Array(digest)));
}

/** The comma-separated tokens of a header, trimmed (`Connection`, `Sec-WebSocket-Protocol`). */
export function headerTokens(request: Request, name: string): string[] {
  return (request.headers.get(name) ?? "").split(",").map((t) => t.trim()).filter((t) => t);
}

/** Why a request is not a valid WebSocket handshake, as an HTTP status and message; undefined when it is. */
export function webSocketHandshakeProblem(
  request: Request,
): { status: number; message: string } | undefined {
  const hasToken = (name: string, token: string) =>
    headerTokens(request, name).some((t) => t.toLowerCase() === token);
  const notWebSocket = "websocket: the client is not using the websocket protocol: ";
  if (!hasToken("connection", "upgrade")) {
    return {
      status: 400,
      message: `${notWebSocket}'upgrade' token not found in 'Connection' header`,
    };
  }
  if (!hasToken("upgrade", "websocket")) {
    return {
      status: 400,
      message: `${notWebSocket}'websocket' token not found in 'Upgrade' header`,
    };
  }
  if (request.method !== "GET") {
    return {
      status: 405,
      message:
        "websocket: the client is not using the websocket protocol: request method is not GET",
    };
  }
  if (!hasToken("sec-websocket-version", "13")) {
    return {
      status: 400,
      message: "websocket: unsupported version: 13 not found in 'Sec-Websocket-Version' header",
    };
  }
  const key = request.headers.get("sec-websocket-key")?.trim() ?? "";
  if (!isNonceKey(key)) {
    return {
      status: 400,
      message:
        "websocket: not a websocket handshake: 'Sec-WebSocket-Key' header must be Base64 encoded value of 16-byte in length",
    };
  }
}

function isNonceKey(key: string): boolean {
  if (!/^[A-Za-z0-9+/]{22}==$/.test(key)) return false;
  try {
    return atob(key).length === 16;
  } catch {
    return false;
  }
}
