// A plain HTTP/1.1 listener for web handlers (the control API).
import http from "node:http";
import net from "node:net";
import { getRequestListener } from "@hono/node-server";
import { listenClosable } from "./listen.ts";
import { answerClientError } from "./client_error.ts";
import { ConnectionWatch } from "./connection_watch.ts";
import { runtimeName } from "./runtime_name.ts";
import type { ConnectionLimits } from "./connection_limits.ts";

/** Where one HTTP endpoint listens and what serves it. */
export interface HttpEndpointOptions {
  host: string;
  /** 0 picks a free port; `HttpEndpoint.port` reports it. */
  port: number;
  fetch: (request: Request) => Response | Promise<Response>;
  /**
   * Closes connections that send no request in `headerTimeoutMs` or sit idle for `idleTimeoutMs`
   * (0 turns one off); none when absent. Neither runtime enforces node:http's own
   * `headersTimeout` on a silent or half-sent connection, so the endpoint keeps its own watch.
   */
  timeouts?: Pick<ConnectionLimits, "headerTimeoutMs" | "idleTimeoutMs">;
}

/** A listening HTTP endpoint. */
export interface HttpEndpoint {
  readonly port: number;
  /** Stops accepting and closes open connections; idempotent. */
  close(): Promise<void>;
}

/** Starts an HTTP/1.1 endpoint; rejects with "Cannot listen on host:port: reason" (and the `code`) when binding fails. */
export async function startHttpEndpoint(options: HttpEndpointOptions): Promise<HttpEndpoint> {
  const server = http.createServer(getRequestListener((request) => options.fetch(request)));
  server.on("clientError", answerClientError);
  const timeouts = options.timeouts;
  if (!timeouts) return await listenClosable(server, options.host, options.port);
  // Bun's node:http server hears of a connection only once it has sent bytes, too late to time
  // out a silent one: there a plain TCP listener accepts and hands sockets over. Deno's hears of
  // it at once (and keeps handed-over plain sockets from keep-alive), so it accepts itself.
  const acceptor = runtimeName() === "bun" ? net.createServer() : server;
  if (acceptor !== server) server.on("request", (_, response) => endInOneWrite(response));
  watchConnections(acceptor, server, timeouts);
  if (acceptor !== server) acceptor.on("connection", (socket) => server.emit("connection", socket));
  return await listenClosable(acceptor, options.host, options.port);
}

// Bun's HTTP/1.1 server in JavaScript (the one a handed-over socket gets) sends a response's head,
// each chunk's size line, data and CRLF, and the last chunk in a system call each: five for a small
// JSON answer, each waking the client. Corked while `end` writes them, they leave in one.
function endInOneWrite(response: http.ServerResponse): void {
  const socket = response.socket;
  if (!socket) return;
  const end = response.end;
  response.end = function (this: http.ServerResponse, ...args: unknown[]) {
    socket.cork();
    try {
      return (end as (...args: unknown[]) => http.ServerResponse).apply(this, args);
    } finally {
      socket.uncork();
    }
  } as typeof response.end;
}

const watchKey = Symbol("fkas.connectionWatch");
type Watched = { [watchKey]?: ConnectionWatch };

// One ConnectionWatch per socket: requests count in and out, the watch destroys what times out.
function watchConnections(
  acceptor: net.Server,
  server: http.Server,
  timeouts: Pick<ConnectionLimits, "headerTimeoutMs" | "idleTimeoutMs">,
): void {
  acceptor.on("connection", (socket: net.Socket & Watched) => {
    const destroy = () => socket.destroy();
    const watch = new ConnectionWatch(timeouts, { headerTimeout: destroy, idleTimeout: destroy });
    socket[watchKey] = watch;
    socket.on("close", () => watch.stop());
  });
  server.on("request", (request: http.IncomingMessage, response: http.ServerResponse) => {
    const watch = (request.socket as Watched)[watchKey];
    if (!watch) return;
    watch.requestStarted();
    response.once("close", () => watch.requestEnded());
  });
}
