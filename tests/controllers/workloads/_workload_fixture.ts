// A cluster with the workload controllers on: nodes rendered as the seed does, seeded randomness.

import type { ControllerOptions } from "../../../src/controllers/mod.ts";
import { BUILTIN_RESOURCES, type ResourceType } from "../../../src/resources/mod.ts";
import { renderNode } from "../../../src/seed/mod.ts";
import type { KubeObject, ObjectStore } from "../../../src/store/mod.ts";
import { newCluster, newStore } from "../controller_fixture.ts";
import { controllerCreates } from "../../../src/cluster/mod.ts";

const byKey = (key: string) => BUILTIN_RESOURCES.find((r) => r.key === key)!;

export const PODS = byKey("pods");
export const NODES = byKey("nodes");
export const DEPLOYMENTS = byKey("apps/deployments");
export const REPLICASETS = byKey("apps/replicasets");
export const DAEMONSETS = byKey("apps/daemonsets");

/** A deterministic random source (a linear congruential generator). */
export function seededRandom(seed = 1): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** A cluster whose controllers include the scheduler, kubelets and workload controllers. */
export function workloadCluster(options: Partial<ControllerOptions> = {}) {
  const store = newStore();
  const resources = (key: string) => BUILTIN_RESOURCES.find((r) => r.key === key);
  const random = options.random ?? seededRandom();
  const kubernetesVersion = options.kubernetesVersion ?? (() => "v1.31.0");
  return newCluster({
    resources,
    workloads: true,
    random,
    kubernetesVersion,
    clusterCidr: "192.168.0.0/16",
    // What kube-apiserver adds to the pods the controllers post, as FakeCluster wires it.
    apiserver: controllerCreates({
      store,
      resources,
      kubernetesVersion,
      random,
      now: () => new Date("2026-01-02T03:04:06Z"),
    }),
    ...options,
  }, store);
}

/** Adds a node as the seed renders it: `cp` gets the control-plane taint. */
export function addNode(
  store: ObjectStore,
  name: string,
  ip: string,
  controlPlane = false,
): KubeObject {
  return store.create(
    NODES,
    renderNode({
      name,
      labels: {},
      kubeletVersion: "v1.31.0",
      controlPlane,
      internalIP: ip,
      systemUUID: `uuid-${name}`,
      now: new Date("2026-01-02T03:04:05Z"),
    }),
  );
}

/** A Deployment of `replicas` nginx pods labelled app=<name>. */
export function deployment(
  name: string,
  replicas: number,
  extra: Record<string, unknown> = {},
): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: "default" },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: "nginx", image: "nginx:1.27" }] },
      },
      ...extra,
    },
  };
}

/** The pods of a namespace. */
export function podsIn(store: ObjectStore, namespace = "default"): KubeObject[] {
  return store.list(PODS, namespace);
}

/** A typed view of any object's status. */
// deno-lint-ignore no-explicit-any
export function statusOf(object: KubeObject | undefined): any {
  return object?.status ?? {};
}

export type { ResourceType };
