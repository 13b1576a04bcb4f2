// Benchmark: a ReplicaSet's pods in one store: heap per stored pod and CPU per `create` (the
// store alone: no HTTP, defaults or managedFields), so the pods' representation can be compared
// between two trees. Copy it into an older checkout and alternate runs.
// Usage: npx --yes bun@1.4.5 scripts/bench/store_pods.ts [--pods 20000]
//        npx --yes deno@2.9.6 run -A --v8-flags=--expose-gc scripts/bench/store_pods.ts

import process from "node:process";
import { parseArgs } from "node:util";
import { type KubeObject, ObjectStore } from "../../src/store/mod.ts";
import { positive } from "./_options.ts";

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { pods: { type: "string" } },
});
const PODS_TO_MAKE = positive("pods", values.pods, 20_000);
const PODS = { key: "pods", namespaced: true, tracksGeneration: true };

function collect(): void {
  const runtime = globalThis as { Bun?: { gc(full: boolean): void }; gc?: () => void };
  if (runtime.Bun) runtime.Bun.gc(true);
  else if (runtime.gc) runtime.gc();
  else throw new Error("Cannot collect garbage: run Deno with --v8-flags=--expose-gc");
}

function heapUsed(): number {
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}

// A defaulted pod as the ReplicaSet controller makes it (v1.33, one container, the API token volume).
function podOf(i: number): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: `web-6d4cf56db6-${i.toString(36).padStart(5, "0")}`,
      generateName: "web-6d4cf56db6-",
      namespace: "default",
      labels: { app: "web", "pod-template-hash": "6d4cf56db6" },
      ownerReferences: [{
        apiVersion: "apps/v1",
        kind: "ReplicaSet",
        name: "web-6d4cf56db6",
        uid: "0f6c1a3e-5d0b-4c41-9a51-5b8f1d0c2e7a",
        controller: true,
        blockOwnerDeletion: true,
      }],
    },
    spec: {
      volumes: [{
        name: "kube-api-access-abcde",
        projected: {
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
            { configMap: { name: "kube-root-ca.crt", items: [{ key: "ca.crt", path: "ca.crt" }] } },
            {
              downwardAPI: {
                items: [{
                  path: "namespace",
                  fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" },
                }],
              },
            },
          ],
          defaultMode: 420,
        },
      }],
      containers: [{
        name: "web",
        image: "nginx:1.27",
        ports: [{ containerPort: 80, protocol: "TCP" }],
        resources: {},
        volumeMounts: [{
          name: "kube-api-access-abcde",
          readOnly: true,
          mountPath: "/var/run/secrets/kubernetes.io/serviceaccount",
        }],
        terminationMessagePath: "/dev/termination-log",
        terminationMessagePolicy: "File",
        imagePullPolicy: "IfNotPresent",
      }],
      restartPolicy: "Always",
      terminationGracePeriodSeconds: 30,
      dnsPolicy: "ClusterFirst",
      serviceAccountName: "default",
      serviceAccount: "default",
      securityContext: {},
      schedulerName: "default-scheduler",
      tolerations: [
        {
          key: "node.kubernetes.io/not-ready",
          operator: "Exists",
          effect: "NoExecute",
          tolerationSeconds: 300,
        },
        {
          key: "node.kubernetes.io/unreachable",
          operator: "Exists",
          effect: "NoExecute",
          tolerationSeconds: 300,
        },
      ],
      priority: 0,
      enableServiceLinks: true,
      preemptionPolicy: "PreemptLowerPriority",
    },
    status: { phase: "Pending", qosClass: "BestEffort" },
  };
}

let uid = 0;
const store = new ObjectStore({ now: () => new Date(), newUid: () => `uid-${++uid}` });
const before = heapUsed();
const inputs = Array.from({ length: PODS_TO_MAKE }, (_, i) => podOf(i));
const cpu = process.cpuUsage();
for (const pod of inputs) store.create(PODS, pod);
const used = process.cpuUsage(cpu);
inputs.length = 0; // what the store keeps of them is what remains
const after = heapUsed();
if (store.count(PODS) !== PODS_TO_MAKE) throw new Error("Cannot measure: pods went missing");
console.log(`pods                 ${PODS_TO_MAKE}`);
console.log(`CPU per create       ${((used.user + used.system) / PODS_TO_MAKE).toFixed(2)} µs`);
console.log(
  `heap per stored pod  ${Math.round((after - before) / PODS_TO_MAKE)} B (inputs dropped; ` +
    `history keeps the last 1,000 changes)`,
);
