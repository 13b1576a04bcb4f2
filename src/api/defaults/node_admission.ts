// kube-apiserver's TaintNodesByCondition admission (on by default): a new Node is created with the
// `node.kubernetes.io/not-ready:NoSchedule` taint, which the node lifecycle controller lifts once
// its kubelet reports Ready. Source: k8s.io/kubernetes plugin/pkg/admission/nodetaint (v1.29–v1.36
// alike): only creates of the node itself, not its subresources; a taint with the same key and
// effect already there is kept (Taint.MatchTaint).

// deno-lint-ignore no-explicit-any
type Loose = any;

const NOT_READY = "node.kubernetes.io/not-ready";

/** Adds the not-ready NoSchedule taint to a Node being created, unless it has it. */
export function admitNodeCreate(node: Loose): void {
  const spec = node.spec && typeof node.spec === "object" ? node.spec : (node.spec = {});
  const taints: Loose[] = Array.isArray(spec.taints) ? spec.taints : [];
  if (taints.some((t) => t?.key === NOT_READY && t?.effect === "NoSchedule")) return;
  spec.taints = [...taints, { key: NOT_READY, effect: "NoSchedule" }];
}
