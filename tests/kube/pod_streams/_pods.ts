// Test pods for pod stream tests: a running static pod, a pending one, one with two containers.

import { BUILTIN_CATALOG } from "../../../src/resources/mod.ts";
import type { KubeObject } from "../../../src/store/mod.ts";
import type { kubeFixture } from "../kube_fixture.ts";

const PODS = BUILTIN_CATALOG.byKey("pods")!;

/** Stores the test pods straight in the cluster's store (status included). */
export function addPods(fixture: ReturnType<typeof kubeFixture>): void {
  const pod = (
    namespace: string,
    name: string,
    containers: string[],
    nodeName: string | undefined,
    state: Record<string, unknown> | undefined,
  ): KubeObject => ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { namespace, name },
    spec: {
      ...(nodeName ? { nodeName } : {}),
      containers: containers.map((c) => ({ name: c, image: "x" })),
    },
    status: state
      ? { phase: "Running", containerStatuses: containers.map((c) => ({ name: c, state })) }
      : { phase: "Pending" },
  });
  const running = { running: { startedAt: "2026-01-02T03:00:00Z" } };
  const store = fixture.cluster.store;
  store.create(
    PODS,
    pod("kube-system", "kube-apiserver-cp-1", ["kube-apiserver"], "cp-1", running),
  );
  store.create(PODS, pod("default", "web", ["app"], "worker-1", running));
  store.create(PODS, pod("default", "two", ["app", "sidecar"], "worker-1", running));
  store.create(PODS, pod("default", "unscheduled", ["app"], undefined, undefined));
  store.create(
    PODS,
    pod("default", "creating", ["app"], "worker-1", {
      waiting: { reason: "ContainerCreating" },
    }),
  );
}
