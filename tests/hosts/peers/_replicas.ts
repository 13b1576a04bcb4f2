// Three in-process replicas: real control apps over fake-listener registries, each behind its peer
// layer, with a fake network between them that can take a replica down.

import { createControlApp } from "../../../src/control/mod.ts";
import { LocalClusterHost } from "../../../src/hosts/mod.ts";
import { createPeerRouter, PeerSet } from "../../../src/hosts/peers/mod.ts";
import { registryWithFakeListeners } from "../../cluster/registry_fixture.ts";

/** One replica: its registry and the handler clients call. */
export interface Replica {
  readonly registry: ReturnType<typeof registryWithFakeListeners>["registry"];
  /** The cluster host its control API talks to. */
  readonly host: LocalClusterHost;
  readonly handle: (request: Request) => Promise<Response> | Response;
}

/** The replicas, the network's state, and a client calling one replica. */
export interface Replicas {
  readonly urls: string[];
  readonly replicas: Replica[];
  /** Replicas whose connections are refused. */
  readonly down: Set<number>;
  /** Replicas that accept and never answer (until the caller's deadline). */
  readonly hung: Set<number>;
  /** Requests each replica received from another (forwards and list parts). */
  readonly forwarded: number[];
  call(
    replica: number,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; json: Record<string, unknown>; text: string }>;
}

/** Starts `count` replicas named http://replica-<i>:3333, advertising 192.0.2.1<i>. */
export function startReplicas(
  count = 3,
  options: {
    token?: string;
    peersOf?: (index: number, urls: string[]) => string[];
    ports?: { min: number; max: number };
  } = {},
): Replicas {
  const urls = Array.from({ length: count }, (_, i) => `http://replica-${i}:3333`);
  const down = new Set<number>();
  const hung = new Set<number>();
  const forwarded = urls.map(() => 0);
  const network = (request: Request): Promise<Response> => {
    const index = urls.indexOf(new URL(request.url).origin);
    if (down.has(index)) {
      return Promise.reject(new TypeError(`connect ECONNREFUSED ${urls[index]}`));
    }
    if (hung.has(index)) {
      return new Promise((_, reject) =>
        request.signal.addEventListener("abort", () => reject(request.signal.reason))
      );
    }
    forwarded[index]++;
    return Promise.resolve(replicas[index].handle(request));
  };
  const replicas: Replica[] = urls.map((_, index) => {
    const { registry } = registryWithFakeListeners({
      advertiseHost: `192.0.2.1${index}`,
      ports: options.ports ?? { min: 20000, max: 20999 },
    });
    const host = new LocalClusterHost(registry);
    const app = createControlApp({
      host,
      token: options.token,
      clock: () => new Date("2026-01-02T03:04:05Z"),
    });
    const peers = new PeerSet(options.peersOf?.(index, urls) ?? urls, index);
    return {
      registry,
      host,
      handle: createPeerRouter({
        peers,
        local: (request) => app.fetch(request),
        fetch: network,
        deadline: () => AbortSignal.timeout(50),
        timeoutMs: 50,
      }),
    };
  });
  return {
    urls,
    replicas,
    down,
    hung,
    forwarded,
    async call(replica, method, path, body, headers = {}) {
      const response = await replicas[replica].handle(
        new Request(`${urls[replica]}${path}`, {
          method,
          headers,
          body: body === undefined
            ? undefined
            : typeof body === "string"
            ? body
            : JSON.stringify(body),
        }),
      );
      const text = await response.text();
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(text);
      } catch { /* not JSON */ }
      return { status: response.status, json, text };
    },
  };
}
