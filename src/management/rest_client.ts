// The management client: GET, LIST and WATCH over HTTPS, JSON in and out.
//
// Not @kubernetes/client-node: its 2.x sends every request through undici's fetch with an Agent
// carrying the kubeconfig's TLS material, and Bun swaps undici for a shim that drops it, so on Bun
// (fkas's default runtime) every call fails certificate verification and sends no client cert.

import { fromBase64Utf8 } from "../encoding/mod.ts";
import type { HttpsCall, StreamedAnswer } from "../runtime/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import type { ManagementEndpoint } from "./kubeconfig_credentials.ts";
import {
  type ManagementClient,
  ManagementError,
  type ManagementWrites,
  type OpenWatch,
  type ResourceRef,
  type WatchEvent,
} from "./management_client.ts";
import { concatBytes } from "../encoding/mod.ts";

/** The transport, passed in (src/runtime's httpsText/httpsStream). */
export interface Transport {
  text(call: HttpsCall): Promise<{ status: number; text: string }>;
  stream(call: HttpsCall): Promise<StreamedAnswer>;
}

const REQUEST_IDLE_MS = 30_000;
// As client-go's reflector: the server ends a watch after 5-10 minutes, then fkas opens another.
const WATCH_SECONDS = 300;
// Bookmarks come about once a minute from kube-apiserver; a longer silence means a dead link.
const WATCH_IDLE_MS = (WATCH_SECONDS * 2 + 60) * 1000;

/** A ManagementClient over the endpoint's server and credentials. */
export function restClient(
  endpoint: ManagementEndpoint,
  transport: Transport,
  random: () => number = Math.random,
): ManagementClient & ManagementWrites {
  const call = async (
    method: "GET" | "PATCH",
    path: string,
    idleTimeoutMs = REQUEST_IDLE_MS,
    body?: string,
  ) => {
    const credentials = await endpoint.credentials();
    return {
      url: endpoint.server + path,
      method,
      headers: {
        Accept: "application/json",
        "User-Agent": "fkas",
        ...(body === undefined ? {} : { "Content-Type": "application/merge-patch+json" }),
        ...(credentials.token ? { Authorization: `Bearer ${credentials.token}` } : {}),
      },
      body,
      ...credentials,
      idleTimeoutMs,
    } satisfies HttpsCall;
  };
  // A 401 may mean an exec plugin's token expired early: fetch a fresh one and try once more.
  const send = async (method: "GET" | "PATCH", path: string, body?: string) => {
    const answer = await transport.text(await call(method, path, REQUEST_IDLE_MS, body));
    if (answer.status !== 401) return answer;
    endpoint.invalidate();
    return transport.text(await call(method, path, REQUEST_IDLE_MS, body));
  };
  const getJson = async (path: string): Promise<unknown | undefined> => {
    const answer = await send("GET", path);
    if (answer.status === 404) return undefined;
    if (answer.status !== 200) throw failure(`GET ${path}`, answer.status, answer.text);
    return JSON.parse(answer.text);
  };
  const required = async (path: string) => {
    const value = await getJson(path);
    if (value === undefined) throw new ManagementError(`GET ${path}: 404 Not Found`, 404);
    return value;
  };

  return {
    server: endpoint.server,
    async readSecret(namespace, name) {
      const secret = await getJson(`/api/v1/namespaces/${namespace}/secrets/${name}`) as
        | { data?: Record<string, string> }
        | undefined;
      if (!secret) return undefined;
      return Object.fromEntries(
        Object.entries(secret.data ?? {}).map(([key, value]) => [key, fromBase64Utf8(value)]),
      );
    },
    async get(resource, namespace, name) {
      return await getJson(
        `${base(resource)}/namespaces/${namespace}/${resource.plural}/${name}`,
      ) as
        | KubeObject
        | undefined;
    },
    async list(resource) {
      const list = await required(`${base(resource)}/${resource.plural}`) as {
        items?: KubeObject[];
        metadata?: { resourceVersion?: string };
      };
      return { items: list.items ?? [], resourceVersion: list.metadata?.resourceVersion ?? "" };
    },
    async watch(resource, resourceVersion, onEvent): Promise<OpenWatch> {
      const seconds = WATCH_SECONDS + Math.floor(random() * WATCH_SECONDS);
      const query = new URLSearchParams({
        watch: "true",
        allowWatchBookmarks: "true",
        timeoutSeconds: String(seconds),
        ...(resourceVersion ? { resourceVersion } : {}),
      });
      const path = `${base(resource)}/${resource.plural}?${query}`;
      const answer = await transport.stream(await call("GET", path, WATCH_IDLE_MS));
      if (answer.status !== 200) {
        const chunks: Uint8Array[] = [];
        await answer.read((chunk) => chunks.push(chunk)).catch(() => {});
        if (answer.status === 401) endpoint.invalidate();
        throw failure(
          `watch ${path}`,
          answer.status,
          new TextDecoder().decode(concatBytes(chunks)),
        );
      }
      const lines = new LineSplitter((line) => {
        let event: WatchEvent;
        try {
          event = JSON.parse(line) as WatchEvent;
        } catch {
          throw new ManagementError(`watch ${path}: not a watch event: ${line.slice(0, 100)}`);
        }
        onEvent(event);
      });
      return { done: answer.read((chunk) => lines.push(chunk)), stop: () => answer.abort() };
    },
    async patch(resource, namespace, name, patch, subresource) {
      const path = `${base(resource)}/namespaces/${namespace}/${resource.plural}/${name}${
        subresource ? `/${subresource}` : ""
      }`;
      const answer = await send("PATCH", path, JSON.stringify(patch));
      if (answer.status !== 200) throw failure(`PATCH ${path}`, answer.status, answer.text);
      return JSON.parse(answer.text) as KubeObject;
    },
    async servedVersions(group) {
      const groups = await required("/apis") as {
        groups?: {
          name: string;
          versions: { version: string }[];
          preferredVersion?: { version: string };
        }[];
      };
      const found = groups.groups?.find((g) => g.name === group);
      if (!found) return [];
      const preferred = found.preferredVersion?.version;
      const versions = found.versions.map((v) => v.version);
      return preferred ? [preferred, ...versions.filter((v) => v !== preferred)] : versions;
    },
  };
}

function base(resource: ResourceRef): string {
  return resource.group === ""
    ? `/api/${resource.version}`
    : `/apis/${resource.group}/${resource.version}`;
}

function failure(what: string, status: number, body: string): ManagementError {
  let message = body.slice(0, 300);
  try {
    message = (JSON.parse(body) as { message?: string }).message ?? message;
  } catch { /* not a Status */ }
  return new ManagementError(`${what}: ${status} ${message}`, status);
}

// Splits a byte stream into lines (one watch event each), however the chunks fall.
class LineSplitter {
  readonly #decoder = new TextDecoder();
  #pending = "";
  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: Uint8Array): void {
    const text = this.#pending + this.#decoder.decode(chunk, { stream: true });
    const lines = text.split("\n");
    this.#pending = lines.pop()!;
    for (const line of lines) if (line.trim()) this.onLine(line);
  }
}
