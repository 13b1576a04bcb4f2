// The peer layer in front of a replica's control API: serves what this replica owns, forwards the
// rest to its owner and relays the owner's answer, and merges `GET /clusters` over all replicas.

import { ControlError } from "../../control/mod.ts";
import { readBoundedBody, TOO_LARGE } from "./bounded_body.ts";
import { clusterOfBody, type ControlRoute, controlRoute } from "./control_route.ts";
import { listItems, type ListPart, mergedClusterList } from "./merged_list.ts";
import { type FetchHandler, PeerClient, type PeerClientOptions } from "./peer_client.ts";
import { PeerError } from "./peer_error.ts";
import {
  FORWARDED_BY_HEADER,
  forwardedRequestHeaders,
  PEERS_HEADER,
  relayedResponseHeaders,
} from "./peer_headers.ts";
import type { PeerSet } from "./peer_set.ts";

/** How the peer layer is wired (and how it calls the other replicas). */
export interface PeerRouterOptions extends PeerClientOptions {
  /** All replicas and which one this is. */
  readonly peers: PeerSet;
  /** This replica's own control API (and dashboard), which answers what this replica owns. */
  readonly local: FetchHandler;
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
  const client = new PeerClient(peers, options);
  const maxBodyBytes = options.maxBodyBytes ?? 1 << 20;

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
          : client.listPart(replica, request)
      ),
    );
    return new Response(mergedClusterList(parts), { status: 200, headers: JSON_TYPE });
  };

  // A forward from another replica: served here, if both agree on the replicas and on the owner.
  const serveForwarded = async (request: Request): Promise<Response> => {
    const theirs = request.headers.get(PEERS_HEADER);
    const from = request.headers.get(FORWARDED_BY_HEADER);
    if (theirs !== peers.fingerprint) {
      return problem(
        new ControlError(
          503,
          `${peers.describe(peers.selfIndex)} was forwarded a request by replica ${from} that ` +
            `was started with other --peers (fingerprint ${theirs ?? "none"}, this replica's ` +
            `${peers.fingerprint})`,
        ),
      );
    }
    const route = controlRoute(request.method, new URL(request.url).pathname);
    if (route.kind !== "cluster" && route.kind !== "body") return local(request);
    const read = await readCluster(request, route);
    if (read === TOO_LARGE) return tooLarge();
    const { body, cluster } = read;
    const owner = cluster ? peers.ownerOf(cluster.namespace, cluster.name) : peers.selfIndex;
    // Only a client forging the header gets here: a cluster must never live on two replicas.
    if (owner !== peers.selfIndex) {
      return problem(
        new ControlError(
          400,
          `${FORWARDED_BY_HEADER}: cluster ${cluster!.namespace}/${cluster!.name} is owned by ` +
            `${peers.describe(owner)}, not by ${peers.describe(peers.selfIndex)}`,
        ),
      );
    }
    return local(withBody(request, body));
  };

  const readCluster = async (request: Request, route: ControlRoute) => {
    const body = await readBoundedBody(request, maxBodyBytes);
    if (body === TOO_LARGE) return TOO_LARGE;
    const cluster = route.kind === "cluster" ? route : clusterOfBody(body);
    return { body, cluster };
  };
  const tooLarge = () =>
    problem(new ControlError(413, `the request body is larger than ${maxBodyBytes} bytes`));

  return async (request) => {
    if (request.headers.has(FORWARDED_BY_HEADER)) return await serveForwarded(request);
    const url = new URL(request.url);
    const route = controlRoute(request.method, url.pathname);
    if (route.kind === "local") return local(request);
    if (route.kind === "list") return await mergedList(request);
    const read = await readCluster(request, route);
    if (read === TOO_LARGE) return tooLarge();
    const { body, cluster } = read;
    const owner = cluster ? peers.ownerOf(cluster.namespace, cluster.name) : peers.selfIndex;
    if (owner === peers.selfIndex) return local(withBody(request, body));
    try {
      const answer = await client.forward(owner, request, url.pathname + url.search, body);
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
