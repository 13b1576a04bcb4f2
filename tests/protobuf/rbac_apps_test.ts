// RBAC objects KCP creates and apps/v1 workloads with a PodTemplate.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodeKubernetesProtobuf } from "../../src/protobuf/mod.ts";
import {
  entry,
  envelope,
  goMetaDefaults,
  intOrString,
  message,
  str,
  sub,
  varint,
} from "./_wire.ts";

describe("rbac.authorization.k8s.io/v1", () => {
  it("decodes the kubeadm:cluster-admins ClusterRoleBinding", () => {
    // k8s.io/api rbac/v1 generated.proto ClusterRoleBinding: metadata = 1, subjects = 2, roleRef = 3;
    // Subject kind = 1, apiGroup = 2, name = 3, namespace = 4; RoleRef apiGroup = 1, kind = 2, name = 3.
    const raw = message((w) => {
      sub(w, 1, (m) => {
        str(m, 1, "kubeadm:cluster-admins");
        goMetaDefaults(m);
      });
      sub(w, 2, (s) => {
        str(s, 1, "Group");
        str(s, 2, "rbac.authorization.k8s.io");
        str(s, 3, "kubeadm:cluster-admins");
        str(s, 4, "");
      });
      sub(w, 3, (r) => {
        str(r, 1, "rbac.authorization.k8s.io");
        str(r, 2, "ClusterRole");
        str(r, 3, "cluster-admin");
      });
    });
    const body = envelope("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", raw);
    assert.deepEqual(decodeKubernetesProtobuf(body).object, {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: { name: "kubeadm:cluster-admins" },
      subjects: [{
        kind: "Group",
        apiGroup: "rbac.authorization.k8s.io",
        name: "kubeadm:cluster-admins",
      }],
      roleRef: {
        apiGroup: "rbac.authorization.k8s.io",
        kind: "ClusterRole",
        name: "cluster-admin",
      },
    });
  });

  it("decodes a Role's rules and keeps the core group as an empty string in a list", () => {
    // Role metadata = 1, rules = 2; PolicyRule verbs = 1, apiGroups = 2, resources = 3, resourceNames = 4.
    const raw = message((w) => {
      sub(w, 1, (m) => str(str(m, 1, "kubeadm:kubelet-config"), 3, "kube-system"));
      sub(w, 2, (r) => {
        str(r, 1, "get");
        str(r, 2, "");
        str(r, 3, "configmaps");
        str(r, 4, "kubelet-config");
      });
    });
    assert.deepEqual(
      decodeKubernetesProtobuf(envelope("rbac.authorization.k8s.io/v1", "Role", raw)).object,
      {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "Role",
        metadata: { name: "kubeadm:kubelet-config", namespace: "kube-system" },
        rules: [{
          verbs: ["get"],
          apiGroups: [""],
          resources: ["configmaps"],
          resourceNames: ["kubelet-config"],
        }],
      },
    );
  });
});

describe("apps/v1", () => {
  it("decodes a Deployment with strategy, selector and PodTemplate", () => {
    // k8s.io/api apps/v1 generated.proto DeploymentSpec: replicas = 1, selector = 2, template = 3,
    // strategy = 4, revisionHistoryLimit = 6, progressDeadlineSeconds = 9; DeploymentStrategy
    // type = 1, rollingUpdate = 2 {maxUnavailable = 1, maxSurge = 2}; core/v1 PodTemplateSpec
    // metadata = 1, spec = 2; meta/v1 LabelSelector matchLabels = 1.
    const raw = message((w) => {
      sub(w, 1, (m) => {
        str(str(m, 1, "coredns"), 3, "kube-system");
        varint(m, 7, 3); // generation
      });
      sub(w, 2, (s) => {
        varint(s, 1, 2);
        sub(s, 2, (sel) => entry(sel, 1, "k8s-app", "kube-dns"));
        sub(s, 3, (t) => {
          sub(t, 1, (m) => {
            goMetaDefaults(m);
            entry(m, 11, "k8s-app", "kube-dns");
          });
          sub(t, 2, (p) => {
            sub(p, 2, (c) => {
              str(c, 1, "coredns");
              str(c, 2, "registry.k8s.io/coredns/coredns:v1.12.0");
              str(c, 4, "-conf");
              str(c, 4, "/etc/coredns/Corefile");
            });
            str(p, 8, "coredns");
          });
        });
        sub(s, 4, (st) => {
          str(st, 1, "RollingUpdate");
          sub(st, 2, (ru) => {
            intOrString(ru, 1, 1);
            intOrString(ru, 2, "25%");
          });
        });
        varint(s, 5, 0); // minReadySeconds: omitempty
        varint(s, 6, 10);
        varint(s, 7, false); // paused: omitempty
        varint(s, 9, 600);
      });
      sub(w, 3, (st) => varint(st, 1, 2)); // status.observedGeneration
    });
    assert.deepEqual(decodeKubernetesProtobuf(envelope("apps/v1", "Deployment", raw)).object, {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "coredns", namespace: "kube-system", generation: 3 },
      spec: {
        replicas: 2,
        selector: { matchLabels: { "k8s-app": "kube-dns" } },
        template: {
          metadata: { labels: { "k8s-app": "kube-dns" } },
          spec: {
            containers: [{
              name: "coredns",
              image: "registry.k8s.io/coredns/coredns:v1.12.0",
              args: ["-conf", "/etc/coredns/Corefile"],
            }],
            serviceAccountName: "coredns",
          },
        },
        strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: "25%" } },
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
      },
      status: { observedGeneration: 2 },
    });
  });

  it("keeps an IntOrString of 0 (maxUnavailable: 0 is a real setting)", () => {
    // DaemonSet spec = 2; DaemonSetSpec updateStrategy = 3 {type = 1, rollingUpdate = 2 {maxUnavailable = 1}}.
    const raw = message((w) => {
      sub(w, 1, (m) => str(m, 1, "kube-proxy"));
      sub(w, 2, (s) =>
        sub(s, 3, (u) => {
          str(u, 1, "RollingUpdate");
          sub(u, 2, (ru) => intOrString(ru, 1, 0));
        }));
    });
    assert.deepEqual(decodeKubernetesProtobuf(envelope("apps/v1", "DaemonSet", raw)).object, {
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      metadata: { name: "kube-proxy" },
      spec: { updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0 } } },
    });
  });
});
