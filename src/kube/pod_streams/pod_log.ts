// `GET pods/<name>/log`: kube-apiserver's LogREST (options validated, container chosen, a pod
// without a node answers 204 No Content) and the kubelet's answer (lines, or why there are none).

import type { ServedCluster } from "../kube_env.ts";
import { queryBool } from "../options_invalid.ts";
import { StatusError } from "../status_error.ts";
import { containerLogLines } from "./log_lines.ts";
import { chooseContainer, logStart, type StreamPod } from "./pod_containers.ts";
import { PODS } from "./pod_target.ts";

/** The log of one container as `text/plain`; `follow` keeps the body open, as a live container's. */
export function servePodLog(
  cluster: ServedCluster,
  namespace: string,
  name: string,
  query: URLSearchParams,
): Response {
  const tailLines = int64(query, "tailLines");
  const limitBytes = int64(query, "limitBytes");
  checkLogOptions(name, tailLines, limitBytes);
  const pod = cluster.store.get(PODS, namespace, name) as StreamPod | undefined;
  if (!pod) throw StatusError.notFound(PODS, name);
  const container = chooseContainer(pod, query.get("container"));
  // LogLocation: no node, no kubelet to ask, no stream; the handler (StreamObject) answers a nil
  // stream with 204 No Content and no content type, `follow` or not.
  if (!pod.spec?.nodeName) {
    return new Response(null, { status: 204, headers: { "cache-control": "no-cache, private" } });
  }
  const startedAt = logStart(pod, container, queryBool(query.get("previous")));
  const since = startedAt ? new Date(startedAt) : new Date(0);
  let lines = containerLogLines(container, since, cluster.kubernetesVersion);
  if (tailLines !== undefined) lines = tailLines === 0 ? [] : lines.slice(-tailLines);
  const timestamps = queryBool(query.get("timestamps"));
  let text = lines.map((line) =>
    `${timestamps ? `${line.time.toISOString().replace("Z", "000000Z")} ` : ""}${line.text}\n`
  ).join("");
  if (limitBytes !== undefined) text = truncate(text, limitBytes);
  return logResponse(text, queryBool(query.get("follow")));
}

function logResponse(text: string, follow: boolean): Response {
  const bytes = new TextEncoder().encode(text);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (bytes.length > 0) controller.enqueue(bytes);
      // A followed log stays open until the client goes: the container logs nothing more.
      if (!follow) controller.close();
    },
  });
  return new Response(body, {
    status: 200,
    headers: { "content-type": "text/plain", "cache-control": "no-cache, private" },
  });
}

// PodLogOptions as the query converts them (int64); a value that is not one is a 400.
function int64(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  if (value === null || value === "") return undefined;
  if (!/^-?\d+$/.test(value)) {
    throw StatusError.badRequest(
      `strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`,
    );
  }
  return Number(value);
}

// core validation `ValidatePodLogOptions`, as `errors.NewInvalid(Kind("PodLogOptions"), name, ...)`.
function checkLogOptions(name: string, tailLines?: number, limitBytes?: number): void {
  const causes: { reason: string; message: string; field: string }[] = [];
  if (tailLines !== undefined && tailLines < 0) {
    causes.push({
      reason: "FieldValueInvalid",
      message: `Invalid value: ${tailLines}: must be greater than or equal to 0`,
      field: "tailLines",
    });
  }
  if (limitBytes !== undefined && limitBytes < 1) {
    causes.push({
      reason: "FieldValueInvalid",
      message: `Invalid value: ${limitBytes}: must be greater than 0`,
      field: "limitBytes",
    });
  }
  if (causes.length === 0) return;
  const texts = causes.map((c) => `${c.field}: ${c.message}`);
  const aggregate = texts.length === 1 ? texts[0] : `[${texts.join(", ")}]`;
  throw new StatusError(422, "Invalid", `PodLogOptions "${name}" is invalid: ${aggregate}`, {
    name,
    kind: "PodLogOptions",
    causes,
  });
}

function truncate(text: string, limit: number): string {
  const bytes = new TextEncoder().encode(text);
  return bytes.length <= limit ? text : new TextDecoder().decode(bytes.subarray(0, limit));
}
