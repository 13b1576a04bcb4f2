// The headers kube-apiserver's handler chain puts on answers whatever serves them
// (k8s.io/apiserver pkg/server/config.go `DefaultBuildHandlerChain`): `Audit-Id` on every one
// (WithAuditInit: the client's own `Audit-ID`, else a fresh UUID), and after authentication the
// uids of the FlowSchema and priority level the request was classified into (WithPriorityAndFairness;
// a 401 never reaches it, and long-running requests other than watches skip it). They are set on
// the outgoing message before the Response is returned, so no Response is rebuilt for them.

import { requestAttributes } from "../auth/mod.ts";
import { classifyRequest } from "./flow_classification.ts";
import type { ClientIdentity, ResponseHeaderSink, ServedCluster } from "./kube_env.ts";
import { decodePath } from "./request_target.ts";

/** `Audit-Id`: the request's own when it sent one, else a new one. */
export function setAuditId(
  sink: ResponseHeaderSink,
  request: Request,
  newAuditId: () => string,
): void {
  sink.setHeader("audit-id", request.headers.get("audit-id") || newAuditId());
}

// BasicLongRunningRequestCheck of kube-apiserver: the `proxy` verb and these subresources; `watch`
// is long-running too but APF classifies it (it only holds a seat until the watch starts).
const LONG_RUNNING = /\/(?:attach|exec|proxy|log|portforward)(?:\/|$)/;
const LONG_RUNNING_SUBRESOURCES = new Set(["attach", "exec", "proxy", "log", "portforward"]);

/**
 * `X-Kubernetes-PF-FlowSchema-UID` and `-PriorityLevel-UID` of a request by `client` (who
 * authenticated, not whom it impersonates); nothing when the cluster has no FlowSchema for it.
 */
export function setFlowHeaders(
  sink: ResponseHeaderSink,
  cluster: ServedCluster,
  client: ClientIdentity,
  request: Request,
  path: string,
): void {
  let query: URLSearchParams | undefined;
  const attributes = () => {
    const at = request.url.indexOf("?");
    query ??= new URLSearchParams(at === -1 ? "" : request.url.slice(at + 1));
    return requestAttributes(request.method, decodePath(path), query);
  };
  if (LONG_RUNNING.test(path)) {
    const asked = attributes();
    if (
      asked.kind === "resource" &&
      (asked.verb === "proxy" || LONG_RUNNING_SUBRESOURCES.has(asked.subresource))
    ) return;
  }
  const classification = classifyRequest(cluster.store, client, attributes);
  if (classification === undefined) return;
  sink.setHeader("x-kubernetes-pf-flowschema-uid", classification.flowSchemaUid);
  sink.setHeader("x-kubernetes-pf-prioritylevel-uid", classification.priorityLevelUid);
}

/** Collects headers where no outgoing message takes them (`app.request` in tests, benchmarks). */
export class CollectedHeaders implements ResponseHeaderSink {
  readonly #headers: [string, string][] = [];

  setHeader(name: string, value: string): void {
    this.#headers.push([name, value]);
  }

  /** The response with the collected headers added (its own win, as on the outgoing message). */
  applyTo(response: Response): Response {
    for (const [name, value] of this.#headers) {
      if (!response.headers.has(name)) response.headers.set(name, value);
    }
    return response;
  }
}
