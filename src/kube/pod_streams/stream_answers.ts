// What exec and attach end with on a fake node: the Status a kubelet whose container runtime is
// unreachable writes on the error channel (remotecommand `ServeExec`/`ServeAttach` wrap the
// runtime's error in `apierrors.NewInternalError`), and the WebSocket subprotocols it speaks.

import { kubernetesMinor } from "../../api/version/mod.ts";

// The CRI error a kubelet gets when no runtime listens on its socket.
const NO_RUNTIME =
  'rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix /run/containerd/containerd.sock: connect: no such file or directory"';

/** The runtime failure behind each stream, as the kubelet words it. */
export const STREAM_FAILURES = {
  exec: `error executing command in container: failed to exec in container: ${NO_RUNTIME}`,
  attach: `error attaching to container: ${NO_RUNTIME}`,
} as const;

/** `apierrors.NewInternalError(err).Status()` as `json.Marshal` writes it (no kind/apiVersion). */
export function internalErrorStatus(detail: string): Record<string, unknown> {
  return {
    metadata: {},
    status: "Failure",
    message: `Internal error occurred: ${detail}`,
    reason: "InternalError",
    details: { causes: [{ message: detail }] },
    code: 500,
  };
}

/**
 * The WebSocket subprotocols of exec and attach, in no order (the client's first supported one
 * wins): kubelet remotecommand's list, plus `v5.channel.k8s.io` where kube-apiserver translates
 * WebSocket streams itself (TranslateStreamCloseWebsocketRequests, on from 1.30).
 */
export function streamProtocols(kubernetesVersion: string): string[] {
  const protocols = [
    "",
    "channel.k8s.io",
    "base64.channel.k8s.io",
    "v4.channel.k8s.io",
    "v4.base64.channel.k8s.io",
  ];
  if ((kubernetesMinor(kubernetesVersion) ?? 0) >= 30) protocols.push("v5.channel.k8s.io");
  return protocols;
}

/** Whether the protocol writes a JSON Status on the error channel (v4 and later) or its text. */
export function writesJsonStatus(protocol: string): boolean {
  return protocol.startsWith("v4.") || protocol.startsWith("v5.");
}
