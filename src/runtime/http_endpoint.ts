// A plain HTTP/1.1 listener for web handlers (the control API).
import http from "node:http";
import { getRequestListener } from "@hono/node-server";
import { listenClosable } from "./listen.ts";
import { answerClientError } from "./client_error.ts";

/** Where one HTTP endpoint listens and what serves it. */
export interface HttpEndpointOptions {
  host: string;
  /** 0 picks a free port; `HttpEndpoint.port` reports it. */
  port: number;
  fetch: (request: Request) => Response | Promise<Response>;
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
  return await listenClosable(server, options.host, options.port);
}
