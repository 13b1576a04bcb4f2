// `pods/<name>/exec` and `pods/<name>/attach`: the checks kube-apiserver makes before it reaches
// the kubelet (pod, container, node), then, over WebSocket, the kubelet's channels: the empty
// message that says the streams are up, the Status on the error channel (channel 3), and close.
// Nothing runs: a fake node has no container runtime. SPDY upgrades end the same way over the
// kubelet's SPDY streams (spdy_exec.ts).

import {
  type ApiserverAnswer,
  apiserverStatusResponse,
  type ByteStream,
  type HeaderCompression,
  negotiateChannelProtocol,
  webSocketAccept,
  webSocketChannels,
} from "../../portforward/mod.ts";
import type { ServedCluster } from "../kube_env.ts";
import { queryBool } from "../options_invalid.ts";
import { StatusError } from "../status_error.ts";
import { chooseContainer, type StreamPod } from "./pod_containers.ts";
import { PODS, type PodStream } from "./pod_target.ts";
import { serveSpdyStream } from "./spdy_exec.ts";
import {
  internalErrorStatus,
  STREAM_FAILURES,
  streamProtocols,
  writesJsonStatus,
} from "./stream_answers.ts";

const STDOUT = 1;
const STDERR = 2;
const ERROR = 3;
const encoder = new TextEncoder();

/**
 * ExecLocation/AttachLocation: the pod, its container and its node, or the apiserver's error
 * (404 for the pod, 400 for the container or a pod on no node).
 */
export function checkStreamTarget(
  cluster: ServedCluster,
  namespace: string,
  name: string,
  query: URLSearchParams,
): { pod: StreamPod; container: string } {
  const pod = cluster.store.get(PODS, namespace, name) as StreamPod | undefined;
  if (!pod) throw StatusError.notFound(PODS, name);
  const container = chooseContainer(pod, query.get("container"));
  if (!pod.spec?.nodeName) {
    throw StatusError.badRequest(`pod ${name} does not have a host assigned`);
  }
  return { pod, container };
}

/**
 * Serves an exec or attach upgrade on a raw connection; every answer ends the connection.
 * `answer` carries the Audit-Id and Date of the refusals kube-apiserver writes itself.
 */
export async function serveStreamUpgrade(
  cluster: ServedCluster,
  stream: Exclude<PodStream, "log">,
  namespace: string,
  name: string,
  request: Request,
  conn: ByteStream,
  head: Uint8Array,
  spdyCompression: (maxHeaderBytes: number) => HeaderCompression,
  answer: ApiserverAnswer,
): Promise<void> {
  const query = new URL(request.url).searchParams;
  try {
    checkStreamTarget(cluster, namespace, name, query);
  } catch (error) {
    if (!(error instanceof StatusError)) throw error;
    conn.write(apiserverStatusResponse(error.toStatus() as { code: number }, answer));
    return conn.end();
  }
  const upgrade = (request.headers.get("upgrade") ?? "").toLowerCase();
  const status = internalErrorStatus(STREAM_FAILURES[stream]);
  if (upgrade.includes("spdy/3.1")) {
    return serveSpdyStream(request, conn, head, status, spdyCompression);
  }
  const protocol = upgrade.includes("websocket")
    ? negotiateChannelProtocol(request, streamProtocols(cluster.kubernetesVersion))
    : undefined;
  if (protocol === undefined) {
    // Neither upgrade the kubelet speaks: its SPDY upgrader's refusal.
    return refuseText(conn, 400, "unable to upgrade: missing upgrade headers in request");
  }
  const key = request.headers.get("sec-websocket-key")?.trim() ?? "";
  const accept = await webSocketAccept(key);
  conn.write(encoder.encode(
    [
      "HTTP/1.1 101 Switching Protocols",
      "Upgrade: websocket",
      "Connection: Upgrade",
      `Sec-WebSocket-Accept: ${accept}`,
      ...(protocol === "" ? [] : [`Sec-WebSocket-Protocol: ${protocol}`]),
    ].join("\r\n") + "\r\n\r\n",
  ));
  const channels = webSocketChannels(conn, head, protocol);
  // The lowest writable channel gets an empty message: the streams are up.
  const first = queryBool(query.get("stdout"))
    ? STDOUT
    : queryBool(query.get("stderr"))
    ? STDERR
    : ERROR;
  channels.send(first, new Uint8Array());
  const payload = writesJsonStatus(protocol) ? JSON.stringify(status) : String(status.message);
  channels.send(ERROR, encoder.encode(payload));
  channels.close();
}

function refuseText(conn: ByteStream, status: number, message: string): void {
  conn.write(encoder.encode(
    [
      `HTTP/1.1 ${status} ${status === 400 ? "Bad Request" : "Internal Server Error"}`,
      "Content-Type: text/plain; charset=utf-8",
      `Content-Length: ${encoder.encode(message).length}`,
      "Connection: close",
    ].join("\r\n") + `\r\n\r\n${message}`,
  ));
  conn.end();
}
