// Warning texts that change with the cluster's minor (1.29–1.36): each case below warns from the
// minor whose k8s.io/kubernetes sources (v1.29.15 … v1.36.3 pkg/api/{pod,node,service,
// persistentvolume}, pkg/registry/apps/statefulset) first give it, and not in the minor before.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { kubeFixture } from "./kube_fixture.ts";

const NS = "/api/v1/namespaces/default";

function warnings(header: string | null): string[] {
  if (header === null) return [];
  return [...header.matchAll(/299 - "((?:[^"\\]|\\.)*)"/g)].map((m) =>
    m[1].replace(/\\(.)/g, "$1")
  );
}

async function warned(minor: number, path: string, body: unknown): Promise<string[]> {
  const { call } = kubeFixture({ kubernetesVersion: `v1.${minor}.0` });
  const answer = await call("POST", path, body);
  assert.equal(answer.status, 201, answer.text);
  return warnings(answer.headers.get("warning"));
}

const pod = (spec: Record<string, unknown>) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "p" },
  spec: { containers: [{ name: "app", image: "nginx" }], ...spec },
});

const deployment = (annotations: Record<string, string>, podSpec: Record<string, unknown>) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "d" },
  spec: {
    selector: { matchLabels: { app: "d" } },
    template: {
      metadata: { labels: { app: "d" }, annotations },
      spec: { containers: [{ name: "app", image: "nginx" }], ...podSpec },
    },
  },
});

const service = (spec: Record<string, unknown>) => ({
  apiVersion: "v1",
  kind: "Service",
  metadata: { name: "s" },
  spec: { ports: [{ port: 80 }], ...spec },
});

const volume = (annotations: Record<string, string>, spec: Record<string, unknown>) => ({
  apiVersion: "v1",
  kind: "PersistentVolume",
  metadata: { name: "v", annotations },
  spec: {
    capacity: { storage: "1Gi" },
    accessModes: ["ReadWriteOnce"],
    hostPath: { path: "/tmp/v" },
    ...spec,
  },
});

describe("warnings by minor", () => {
  it("node-role.kubernetes.io/master and two more node labels warn from v1.31", async () => {
    const body = pod({ nodeSelector: { "node-role.kubernetes.io/master": "" } });
    assert.deepEqual(await warned(30, `${NS}/pods`, body), []);
    assert.deepEqual(await warned(31, `${NS}/pods`, body), [
      'spec.nodeSelector[node-role.kubernetes.io/master]: use "node-role.kubernetes.io/control-plane" instead',
    ]);
  });

  it("a template's AppArmor annotation warns from v1.30; a different pod profile no longer hides it from v1.34", async () => {
    const key = "container.apparmor.security.beta.kubernetes.io/app";
    const text =
      `spec.template.metadata.annotations[${key}]: deprecated since v1.30; use the "appArmorProfile" field instead`;
    const bare = deployment({ [key]: "localhost/x" }, {});
    assert.deepEqual(await warned(29, "/apis/apps/v1/namespaces/default/deployments", bare), []);
    assert.deepEqual(await warned(30, "/apis/apps/v1/namespaces/default/deployments", bare), [
      text,
    ]);
    const other = deployment({ [key]: "localhost/x" }, {
      securityContext: { appArmorProfile: { type: "RuntimeDefault" } },
    });
    assert.deepEqual(await warned(33, "/apis/apps/v1/namespaces/default/deployments", other), []);
    assert.deepEqual(await warned(34, "/apis/apps/v1/namespaces/default/deployments", other), [
      text,
    ]);
    const same = deployment({ [key]: "runtime/default" }, {
      securityContext: { appArmorProfile: { type: "RuntimeDefault" } },
    });
    assert.deepEqual(await warned(36, "/apis/apps/v1/namespaces/default/deployments", same), []);
  });

  it("services: headless warnings from v1.34, PreferClose from v1.35, externalIPs from v1.36", async () => {
    const headless = service({ clusterIP: "None", sessionAffinity: "ClientIP" });
    assert.deepEqual(await warned(33, `${NS}/services`, headless), []);
    assert.deepEqual(await warned(34, `${NS}/services`, headless), [
      "spec.SessionAffinity is ignored for headless services",
    ]);
    const close = service({ trafficDistribution: "PreferClose" });
    assert.deepEqual(await warned(34, `${NS}/services`, close), []);
    assert.deepEqual(await warned(35, `${NS}/services`, close), [
      'spec.trafficDistribution: "PreferClose" is deprecated; use "PreferSameZone"',
    ]);
    const external = service({ externalIPs: ["192.0.2.10"] });
    assert.deepEqual(await warned(35, `${NS}/services`, external), []);
    assert.deepEqual(await warned(36, `${NS}/services`, external), [
      "spec.externalIPs is deprecated and may no longer be implemented in some clusters",
    ]);
  });

  it("persistent volumes: Recycle from v1.30, the mount-options annotation from v1.31", async () => {
    const recycle = volume({}, { persistentVolumeReclaimPolicy: "Recycle" });
    assert.deepEqual(await warned(29, "/api/v1/persistentvolumes", recycle), []);
    assert.deepEqual(await warned(30, "/api/v1/persistentvolumes", recycle), [
      "spec.persistentVolumeReclaimPolicy: The Recycle reclaim policy is deprecated. Instead, the recommended approach is to use dynamic provisioning.",
    ]);
    const options = volume({ "volume.beta.kubernetes.io/mount-options": "ro" }, {});
    assert.deepEqual(await warned(30, "/api/v1/persistentvolumes", options), []);
    assert.deepEqual(await warned(31, "/api/v1/persistentvolumes", options), [
      'metadata.annotations[volume.beta.kubernetes.io/mount-options]: deprecated since v1.31; use "mountOptions" attribute instead',
    ]);
  });

  it("a StatefulSet's negative revisionHistoryLimit warns from v1.33", async () => {
    const set = {
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: { name: "s" },
      spec: {
        revisionHistoryLimit: -1,
        serviceName: "s",
        selector: { matchLabels: { app: "s" } },
        template: {
          metadata: { labels: { app: "s" } },
          spec: { containers: [{ name: "app", image: "nginx" }] },
        },
      },
    };
    const path = "/apis/apps/v1/namespaces/default/statefulsets";
    assert.deepEqual(await warned(32, path, set), []);
    assert.deepEqual(await warned(33, path, set), [
      "spec.revisionHistoryLimit: a negative value retains all historical revisions; a value >= 0 is recommended",
    ]);
  });
});
