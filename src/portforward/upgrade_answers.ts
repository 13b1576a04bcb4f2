// What to write on the raw socket for a port-forward upgrade request: a 101 or the apiserver's refusal.
import { rawResponse, statusResponse } from "./raw_response.ts";
import { headerTokens, webSocketAccept, webSocketHandshakeProblem } from "./websocket_handshake.ts";

/** The only stream protocol served (apimachinery `portforward.PortForwardV1Name`). */
export const PORT_FORWARD_PROTOCOL = "portforward.k8s.io";
/** The prefix client-go puts on SPDY protocols offered as WebSocket subprotocols. */
export const SPDY_TUNNEL_PREFIX = "SPDY/3.1+";

/** The bytes to write, and which tunnel runs afterwards (null: write, then end the socket). */
export interface UpgradeAnswer {
  status: number;
  tunnel: "spdy" | "websocket" | null;
  bytes: Uint8Array;
}

function refuse(status: number, message: string, headers: [string, string][] = []): UpgradeAnswer {
  return { status, tunnel: null, bytes: statusResponse(status, message, headers) };
}

function protocolRefusal(offered: string[]): UpgradeAnswer | undefined {
  if (offered.includes(PORT_FORWARD_PROTOCOL)) return undefined;
  const message = offered.length === 0
    ? "unable to upgrade: X-Stream-Protocol-Version is required"
    : `unable to upgrade: unable to negotiate protocol: client supports [${offered.join(" ")}], ` +
      `server accepts [${PORT_FORWARD_PROTOCOL}]`;
  return refuse(403, message, [["X-Accepted-Stream-Protocol-Versions", PORT_FORWARD_PROTOCOL]]);
}

/** The SPDY/3.1 answer (apimachinery httpstream.Handshake, then spdy.ResponseUpgrader). */
export function spdyUpgradeAnswer(request: Request): UpgradeAnswer {
  const refusal = protocolRefusal(headerTokens(request, "x-stream-protocol-version"));
  if (refusal) return refusal;
  const connection = (request.headers.get("connection") ?? "").toLowerCase();
  const upgrade = (request.headers.get("upgrade") ?? "").toLowerCase();
  if (!connection.includes("upgrade") || !upgrade.includes("spdy/3.1")) {
    return refuse(400, "unable to upgrade: missing upgrade headers in request");
  }
  const bytes = rawResponse(101, "Switching Protocols", [
    ["Connection", "Upgrade"],
    ["Upgrade", "SPDY/3.1"],
    ["X-Stream-Protocol-Version", PORT_FORWARD_PROTOCOL],
  ]);
  return { status: 101, tunnel: "spdy", bytes };
}

/** The SPDY-over-WebSocket answer (apiserver TunnelingHandler, then gorilla's Upgrader). */
export async function webSocketUpgradeAnswer(request: Request): Promise<UpgradeAnswer> {
  const tunnelled = headerTokens(request, "sec-websocket-protocol")
    .filter((p) => p.startsWith(SPDY_TUNNEL_PREFIX) && p.endsWith(".k8s.io"))
    .map((p) => p.slice(SPDY_TUNNEL_PREFIX.length));
  if (tunnelled.length === 0) {
    return refuse(400, "unable to upgrade: no tunneling spdy protocols provided");
  }
  const refusal = protocolRefusal(tunnelled);
  if (refusal) return refusal;
  const problem = webSocketHandshakeProblem(request);
  // gorilla adds Sec-WebSocket-Version: 13 to every refusal.
  if (problem) return refuse(problem.status, problem.message, [["Sec-WebSocket-Version", "13"]]);
  const accept = await webSocketAccept(request.headers.get("sec-websocket-key")!.trim());
  const bytes = rawResponse(101, "Switching Protocols", [
    ["Upgrade", "websocket"],
    ["Connection", "Upgrade"],
    ["Sec-WebSocket-Accept", accept],
    ["Sec-WebSocket-Protocol", SPDY_TUNNEL_PREFIX + PORT_FORWARD_PROTOCOL],
  ]);
  return { status: 101, tunnel: "websocket", bytes };
}

/** Whether `Upgrade` names websocket. */
export function isWebSocketUpgrade(request: Request): boolean {
  return headerTokens(request, "upgrade").some((t) => t.toLowerCase() === "websocket");
}

/** Whether the client offers a SPDY protocol tunnelled in WebSocket (`SPDY/3.1+...k8s.io`). */
export function offersSpdyTunnel(request: Request): boolean {
  return headerTokens(request, "sec-websocket-protocol")
    .some((p) => p.startsWith(SPDY_TUNNEL_PREFIX) && p.endsWith(".k8s.io"));
}

/** Chooses the WebSocket answer when `Upgrade` names websocket, else the SPDY one. */
export function portForwardUpgradeAnswer(request: Request): Promise<UpgradeAnswer> {
  return isWebSocketUpgrade(request)
    ? webSocketUpgradeAnswer(request)
    : Promise.resolve(spdyUpgradeAnswer(request));
}
