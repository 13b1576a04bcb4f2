// The peer layer in front of a replica's control API: serves what this replica owns, forwards the
// rest to its owner and relays the owner's answer, and merges `GET /clusters` over all replicas.

import { ControlError } from "../../control/mod.ts";
import { readBoundedBody, TOO_LARGE } from "./bounded_body.ts";
import { clusterOfBody, controlRoute } from "./control_route.ts";
import { listItems, type ListPart, mergedClusterList } from "./merged_list.ts";
import { PeerError } from "./peer_error.ts";
import {
  FORWARDED_BY_HEADER,
  forwardedRequestHeaders,
  PEERS_HEADER,
  relayedResponseHeaders,
} from "./peer_headers.ts";
import type { PeerSet } from "./peer_set.ts";

/** A fetch-style handler: the local control API, or the one that reaches other replicas. */
export type FetchHandler = (request: Request) => Response | Promise<Response>;

/** How the peer layer is wired. */
export interface PeerRouterOptions {
  /** All replicas and which one this is. */
  readonly peers: PeerSet;
  /** This replica's own control API (and dashboard), which answers what this replica owns. */
  readonly local: FetchHandler;
  /** Sends a request to another replica. @default globalThis.fetch */
  readonly fetch?: FetchHandler;
  /** Makes the signal that ends a call to another replica. @default AbortSignal.timeout */
  readonly deadline?: (ms: number) => AbortSignal;
  /**
   * How long a replica may take to answer before it counts as unreachable. Registration may wait
   * for a CA (`caSource: secrets`), so this is long. @default 60000
   */
  readonly timeoutMs?: number;
  /** The largest body forwarded (the control API's own limit). @default 1048576 */
  readonly maxBodyBytes?: number;
}

const JSON_TYPE = { "Content-Type": "application/json" };

/**
 * The control API of one replica of a sharded fkas. Clients may call any replica: a route naming a
 * cluster (in its path, or in a `/register` or `/updateNode` body) is served by the cluster's owner
 * and answered with the owner's answer (so `Host` is the owner's advertised host); a dead owner is
 * a 503 naming it. The bearer token, when set, is checked by whichever control API serves the
 * request, since every replica has the same one.
 */
export function createPeerRouter(options: PeerRouterOptions): FetchHandler {
  const { peers, local } = options;
  const send = options.fetch ?? ((request: Request) => fetch(request));
  const deadline = options.deadline ?? ((ms: number) => AbortSignal.timeout(ms));
  const timeoutMs = options.timeoutMs ?? 60_000;
  const maxBodyBytes = options.maxBodyBytes ?? 1 << 20;

  // Sends `request`'s method, path, headers and `body` to replica `replica`, marked as forwarded.
  const call = async (
    replica: number,
    request: Request,
    path: string,
    body?: Uint8Array<ArrayBuffer>,
  ) => {
    try {
      return await send(
        new Request(`${peers.urls[replica]}${path}`, {
          method: request.method,
          headers: forwardedRequestHeaders(request.headers, peers.selfIndex, peers.fingerprint),
          body: body && body.length > 0 ? body : undefined,
          signal: deadline(timeoutMs),
          redirect: "manual",
        }),
      );
    } catch (cause) {
      throw unreachable(replica, cause);
    }
  };
  const unreachable = (replica: number, cause: unknown) => {
    const timedOut = cause instanceof Error &&
      (cause.name === "TimeoutError" || cause.name === "AbortError");
    return timedOut
      ? new PeerError(
        "Timeout",
        replica,
        `${peers.describe(replica)} did not answer within ${timeoutMs} ms`,
        { cause },
      )
      : new PeerError(
        "Unreachable",
        replica,
        `${peers.describe(replica)} cannot be reached: ${
          cause instanceof Error ? cause.message : String(cause)
        }`,
        { cause },
      );
  };

  const listPart = async (replica: number, request: Request): Promise<ListPart> => {
    const url = peers.urls[replica];
    try {
      const answer = await call(replica, request, "/clusters");
      const body = new Uint8Array(await answer.arrayBuffer());
      const items = answer.status === 200 ? listItems(body) : undefined;
      if (items) return { replica, items };
      return { replica, url, error: `answered ${answer.status}: ${preview(body)}` };
    } catch (error) {
      const peerError = error instanceof PeerError ? error : unreachable(replica, error);
      return { replica, url, error: peerError.message };
    }
  };

  const mergedList = async (request: Request): Promise<Response> => {
    // This replica's own list first: its control API checks the token, and a 401 stops here.
    const own = await local(forwardedToSelf(request, peers.selfIndex, peers.fingerprint));
    if (own.status !== 200) return own;
    const ownItems = listItems(new Uint8Array(await own.arrayBuffer()));
    const parts = await Promise.all(
      peers.urls.map((_, replica) =>
        replica === peers.selfIndex
          ? Promise.resolve<ListPart>(
            ownItems
              ? { replica, items: ownItems }
              : { replica, url: peers.urls[replica], error: "answered an unexpected list" },
          )
          : listPart(replica, request)
      ),
    );
    return new Response(mergedClusterList(parts), { status: 200, headers: JSON_TYPE });
  };

  return async (request) => {
    if (request.headers.has(FORWARDED_BY_HEADER)) {
      // The forwarder placed it here: serve it, unless the two disagree on who the replicas are.
      const theirs = request.headers.get(PEERS_HEADER);
      if (theirs === peers.fingerprint) return local(request);
      return problem(
        new ControlError(
          503,
          `${peers.describe(peers.selfIndex)} was forwarded a request by replica ` +
            `${request.headers.get(FORWARDED_BY_HEADER)} that was started with other --peers ` +
            `(fingerprint ${theirs ?? "none"}, this replica's ${peers.fingerprint})`,
        ),
      );
    }
    const url = new URL(request.url);
    const route = controlRoute(request.method, url.pathname);
    if (route.kind === "local") return local(request);
    if (route.kind === "list") return await mergedList(request);
    const body = await readBoundedBody(request, maxBodyBytes);
    if (body === TOO_LARGE) {
      return problem(
        new ControlError(413, `the request body is larger than ${maxBodyBytes} bytes`),
      );
    }
    const cluster = route.kind === "cluster" ? route : clusterOfBody(body);
    const owner = cluster ? peers.ownerOf(cluster.namespace, cluster.name) : peers.selfIndex;
    if (owner === peers.selfIndex) return local(withBody(request, body));
    try {
      const answer = await call(owner, request, url.pathname + url.search, body);
      return new Response(answer.body, {
        status: answer.status,
        statusText: answer.statusText,
        headers: relayedResponseHeaders(answer.headers),
      });
    } catch (error) {
      if (!(error instanceof PeerError)) throw error;
      return problem(
        new ControlError(
          503,
          `Cannot serve cluster ${cluster!.namespace}/${cluster!.name}: its owner ${error.message}`,
          undefined,
          { cause: error },
        ),
      );
    }
  };
}

// The request again, with the body already read (a Request's body can be read only once).
function withBody(request: Request, body: Uint8Array<ArrayBuffer>): Request {
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: body.length > 0 ? body : undefined,
  });
}

// This replica's own list, marked as forwarded so that its answer is its own clusters only.
function forwardedToSelf(request: Request, self: number, fingerprint: string): Request {
  return new Request(request.url, {
    method: "GET",
    headers: forwardedRequestHeaders(request.headers, self, fingerprint),
  });
}

function problem(error: ControlError): Response {
  return new Response(JSON.stringify(error.toBody()), { status: error.status, headers: JSON_TYPE });
}

function preview(body: Uint8Array): string {
  const text = new TextDecoder().decode(body.subarray(0, 200));
  return body.length > 200 ? `${text}...` : text;
}
