// `pods/<name>/exec` and `pods/<name>/attach` upgrades: authenticate, then the kube layer answers.

import type { FakeCluster } from "../cluster/mod.ts";
import { podStreamTarget, serveStreamUpgrade } from "../kube/mod.ts";
import {
  type ApiserverAnswer,
  apiserverStatusResponse,
  type ByteStream,
  refusalStatus,
  socketByteStream,
  SPDY_DICTIONARY,
} from "../portforward/mod.ts";
import { createHeaderCompression, type Peer, type UpgradeSocket } from "../runtime/mod.ts";

/** The exec or attach stream a path names, or undefined (port-forward and anything else). */
export function execOrAttachTarget(pathname: string) {
  if (!pathname.startsWith("/api/v1/namespaces/")) return undefined;
  const segments = pathname.slice("/api/v1/".length).split("/").map(decodeURIComponent);
  const target = podStreamTarget(segments);
  return target && target.stream !== "log" ? { ...target, stream: target.stream } : undefined;
}

/**
 * The Audit-Id and Date kube-apiserver's handler chain gives an upgrade it refuses itself: the
 * client's own `Audit-ID` or a fresh UUID, as `setAuditId` does for every other answer.
 */
export function apiserverAnswer(request: Request, now: () => Date): ApiserverAnswer {
  return { auditId: request.headers.get("audit-id") || crypto.randomUUID(), date: now() };
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
  now: () => Date,
): Promise<void> {
  const conn: ByteStream = socketByteStream(socket);
  if (!anonymousAuth && !peer.authorized) {
    conn.write(
      apiserverStatusResponse(refusalStatus(401, "Unauthorized"), apiserverAnswer(request, now)),
    );
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
    apiserverAnswer(request, now),
  );
}
