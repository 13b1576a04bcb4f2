// `pods/<name>/exec` and `pods/<name>/attach` upgrades: authenticate, then the kube layer answers.

import type { FakeCluster } from "../cluster/mod.ts";
import { podStreamTarget, serveStreamUpgrade } from "../kube/mod.ts";
import {
  type ByteStream,
  socketByteStream,
  SPDY_DICTIONARY,
  statusResponse,
} from "../portforward/mod.ts";
import { createHeaderCompression, type Peer, type UpgradeSocket } from "../runtime/mod.ts";

/** The exec or attach stream a path names, or undefined (port-forward and anything else). */
export function execOrAttachTarget(pathname: string) {
  if (!pathname.startsWith("/api/v1/namespaces/")) return undefined;
  const segments = pathname.slice("/api/v1/".length).split("/").map(decodeURIComponent);
  const target = podStreamTarget(segments);
  return target && target.stream !== "log" ? { ...target, stream: target.stream } : undefined;
}

/** Serves one exec or attach upgrade of a cluster. */
export async function servePodStreamUpgrade(
  cluster: FakeCluster,
  target: NonNullable<ReturnType<typeof execOrAttachTarget>>,
  request: Request,
  socket: UpgradeSocket,
  head: Uint8Array,
  peer: Peer,
  anonymousAuth: boolean,
): Promise<void> {
  const conn: ByteStream = socketByteStream(socket);
  if (!anonymousAuth && !peer.authorized) {
    conn.write(statusResponse(401, "Unauthorized"));
    conn.end();
    return;
  }
  const stream = target.stream as "exec" | "attach";
  await serveStreamUpgrade(
    cluster,
    stream,
    target.namespace,
    target.name,
    request,
    conn,
    head,
    (maxHeaderBytes) => createHeaderCompression(SPDY_DICTIONARY, maxHeaderBytes),
  );
}
