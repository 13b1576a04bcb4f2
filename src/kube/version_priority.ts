// The order kube-apiserver lists a CRD group's versions in (discovery, aggregated discovery), the
// first being the preferred one: apimachinery's CompareKubeAwareVersionStrings, as
// apiextensions-apiserver's discovery controller sorts them (sortGroupDiscoveryByKubeAwareVersion).
//
// Source: k8s.io/apimachinery v0.36.3 pkg/version/helpers.go; k8s.io/apiextensions-apiserver
// v0.36.3 pkg/apiserver/customresource_discovery_controller.go.

const KUBE_VERSION = /^v(\d+)(?:(alpha|beta)(\d+))?$/;
const STABILITY: Readonly<Record<string, number>> = { "": 2, beta: 1, alpha: 0 };

/**
 * Negative when `a` sorts before `b` (has the higher priority): GA before beta before alpha,
 * then the higher major, then the higher alpha/beta number; versions that do not look like
 * Kubernetes versions come last, in lexical order.
 */
export function compareKubeAwareVersions(a: string, b: string): number {
  if (a === b) return 0;
  const x = KUBE_VERSION.exec(a);
  const y = KUBE_VERSION.exec(b);
  if (!x || !y) {
    if (x) return -1;
    if (y) return 1;
    return a < b ? -1 : 1;
  }
  return STABILITY[y[2] ?? ""] - STABILITY[x[2] ?? ""] || Number(y[1]) - Number(x[1]) ||
    Number(y[3] ?? 0) - Number(x[3] ?? 0);
}
