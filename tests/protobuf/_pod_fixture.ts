// A hand-built Pod body (two containers, init container, env, volumes, probes, status) and its JSON.

import type { BinaryWriter } from "@bufbuild/protobuf/wire";
import {
  entry,
  goMetaDefaults,
  intOrString,
  message,
  quantityEntry,
  str,
  sub,
  time,
  varint,
} from "./_wire.ts";

// Field numbers: k8s.io/api core/v1 generated.proto (v0.26). PodSpec volumes = 1, containers = 2,
// restartPolicy = 3, terminationGracePeriodSeconds = 4, dnsPolicy = 6, nodeSelector = 7,
// serviceAccountName = 8, nodeName = 10, hostNetwork = 11, securityContext = 14, affinity = 18,
// initContainers = 20, tolerations = 22, priorityClassName = 24, priority = 25,
// enableServiceLinks = 30. Container name = 1, image = 2, command = 3, args = 4, ports = 6,
// env = 7, resources = 8, volumeMounts = 9, livenessProbe = 10, readinessProbe = 11,
// imagePullPolicy = 14, securityContext = 15, envFrom = 19.

/** The apiserver container: env of all three kinds, probes, resources, mounts. */
function apiserver(c: BinaryWriter): void {
  str(c, 1, "kube-apiserver");
  str(c, 2, "registry.k8s.io/kube-apiserver:v1.33.0");
  str(c, 3, "kube-apiserver");
  str(c, 4, "--secure-port=6443");
  str(c, 4, "--etcd-servers=https://127.0.0.1:2379");
  sub(c, 6, (p) => { // ContainerPort name = 1, containerPort = 3, protocol = 4
    str(p, 1, "https");
    varint(p, 3, 6443);
    str(p, 4, "TCP");
  });
  sub(c, 7, (e) => str(str(e, 1, "MODE"), 2, "fake")); // EnvVar name = 1, value = 2
  sub(c, 7, (e) => { // valueFrom = 3 → EnvVarSource fieldRef = 1 {apiVersion = 1, fieldPath = 2}
    str(e, 1, "POD_IP");
    sub(e, 3, (s) => sub(s, 1, (f) => str(str(f, 1, "v1"), 2, "status.podIP")));
  });
  sub(c, 7, (e) => { // EnvVarSource secretKeyRef = 4 {LocalObjectReference = 1 {name = 1}, key = 2, optional = 3}
    str(e, 1, "TOKEN");
    sub(e, 3, (s) =>
      sub(s, 4, (k) => {
        sub(k, 1, (l) => str(l, 1, "token"));
        str(k, 2, "value");
        varint(k, 3, false);
      }));
  });
  sub(c, 8, (r) => { // ResourceRequirements limits = 1, requests = 2
    quantityEntry(r, 1, "memory", "512Mi");
    quantityEntry(r, 2, "cpu", "250m");
  });
  sub(c, 9, (m) => { // VolumeMount name = 1, readOnly = 2, mountPath = 3
    str(m, 1, "k8s-certs");
    varint(m, 2, true);
    str(m, 3, "/etc/kubernetes/pki");
  });
  sub(c, 10, (p) => { // Probe handler = 1 (inline ProbeHandler httpGet = 2), initialDelaySeconds = 2,
    // timeoutSeconds = 3, periodSeconds = 4, failureThreshold = 6
    sub(p, 1, (h) =>
      sub(h, 2, (g) => { // HTTPGetAction path = 1, port = 2, host = 3, scheme = 4
        str(g, 1, "/livez");
        intOrString(g, 2, 6443);
        str(g, 3, "127.0.0.1");
        str(g, 4, "HTTPS");
      }));
    varint(p, 2, 10);
    varint(p, 3, 15);
    varint(p, 4, 10);
    varint(p, 6, 8);
  });
  sub(c, 11, (p) => { // readinessProbe: tcpSocket = 3 {port = 1 IntOrString}
    sub(p, 1, (h) => sub(h, 3, (t) => intOrString(t, 1, "https")));
  });
  str(c, 14, "IfNotPresent");
  sub(c, 15, (s) => { // SecurityContext capabilities = 1 {add = 1, drop = 2}, privileged = 2,
    // runAsUser = 4, runAsNonRoot = 5, allowPrivilegeEscalation = 7, seccompProfile = 11 {type = 1}
    sub(s, 1, (cap) => str(cap, 2, "ALL"));
    varint(s, 2, false);
    varint(s, 4, 0);
    varint(s, 5, true);
    varint(s, 7, false);
    sub(s, 11, (p) => str(p, 1, "RuntimeDefault"));
  });
  sub(c, 19, (f) => { // EnvFromSource prefix = 1, configMapRef = 2 {LocalObjectReference = 1, optional = 2}
    str(f, 1, "CFG_");
    sub(f, 2, (r) => sub(r, 1, (l) => str(l, 1, "settings")));
  });
  varint(c, 16, false); // stdin: omitempty, dropped
}

/** Volume name = 1, then the inline VolumeSource = 2. */
function volume(w: BinaryWriter, name: string, source: (v: BinaryWriter) => void): void {
  sub(w, 1, (v) => {
    str(v, 1, name);
    sub(v, 2, source);
  });
}

/** The Pod's protobuf message (without envelope). */
export const podBody = (): Uint8Array =>
  message((w) => {
    sub(w, 1, (m) => {
      str(m, 1, "kube-apiserver-cp-1");
      str(m, 3, "kube-system");
      goMetaDefaults(m);
      entry(m, 11, "component", "kube-apiserver");
      entry(m, 11, "tier", "control-plane");
      entry(m, 12, "kubernetes.io/config.hash", "abc");
      sub(m, 13, (o) => { // OwnerReference kind = 1, name = 3, uid = 4, apiVersion = 5, controller = 6
        str(o, 1, "Node");
        str(o, 3, "cp-1");
        str(o, 4, "node-uid");
        str(o, 5, "v1");
        varint(o, 6, true);
      });
    });
    sub(w, 2, (s) => {
      // VolumeSource hostPath = 1 {path = 1, type = 2}, emptyDir = 2 {medium = 1, sizeLimit = 2},
      // secret = 6 {secretName = 1, items = 2, defaultMode = 3}, persistentVolumeClaim = 10
      // {claimName = 1, readOnly = 2}, downwardAPI = 16 {items = 1}, configMap = 19
      // {LocalObjectReference = 1, items = 2, defaultMode = 3}, projected = 26 {sources = 1}.
      volume(s, "k8s-certs", (v) =>
        sub(v, 1, (h) =>
          str(str(h, 1, "/etc/kubernetes/pki"), 2, "DirectoryOrCreate")));
      volume(s, "scratch", (v) =>
        sub(v, 2, (e) => {
          str(e, 1, "Memory");
          sub(e, 2, (q) =>
            str(q, 1, "64Mi"));
        }));
      volume(s, "token", (v) =>
        sub(v, 6, (sec) => {
          str(sec, 1, "token");
          sub(sec, 2, (k) => str(str(k, 1, "value"), 2, "token.txt")); // KeyToPath key = 1, path = 2
          varint(sec, 3, 0o400);
        }));
      volume(s, "data", (v) => sub(v, 10, (p) => str(p, 1, "data-claim")));
      volume(s, "podinfo", (v) =>
        sub(v, 16, (d) =>
          sub(d, 1, (f) => { // DownwardAPIVolumeFile path = 1, fieldRef = 2
            str(f, 1, "labels");
            sub(f, 2, (r) => str(r, 2, "metadata.labels"));
          })));
      volume(s, "config", (v) =>
        sub(v, 19, (c) => {
          sub(c, 1, (l) => str(l, 1, "settings"));
          varint(c, 3, 420);
        }));
      volume(s, "kube-api-access", (v) =>
        sub(v, 26, (p) => { // VolumeProjection serviceAccountToken = 4 {expirationSeconds = 2, path = 3},
          // configMap = 3 {LocalObjectReference = 1, items = 2}
          sub(p, 1, (src) => sub(src, 4, (t) => varint(str(t, 3, "token"), 2, 3607)));
          sub(p, 1, (src) =>
            sub(src, 3, (c) => {
              sub(c, 1, (l) => str(l, 1, "kube-root-ca.crt"));
              sub(c, 2, (k) => str(str(k, 1, "ca.crt"), 2, "ca.crt"));
            }));
        }));
      sub(s, 2, apiserver);
      sub(s, 2, (c) => {
        str(c, 1, "sidecar");
        str(c, 2, "busybox");
        sub(c, 8, () => {}); // empty ResourceRequirements, as Go always writes it
      });
      str(s, 3, "Always");
      varint(s, 4, 30);
      str(s, 6, "ClusterFirst");
      entry(s, 7, "kubernetes.io/os", "linux");
      str(s, 8, "");
      str(s, 10, "cp-1");
      varint(s, 11, true);
      sub(s, 14, (p) => varint(p, 2, 0)); // PodSecurityContext runAsUser = 2: 0 is kept (pointer)
      sub(s, 18, (a) =>
        // Affinity nodeAffinity = 1 {required = 1 {nodeSelectorTerms = 1 {matchExpressions = 1}}}
        sub(a, 1, (n) =>
          sub(n, 1, (sel) =>
            sub(sel, 1, (t) =>
              sub(t, 1, (r) => {
                str(r, 1, "kubernetes.io/os");
                str(r, 2, "In");
                str(r, 3, "linux");
              })))));
      sub(s, 20, (c) => {
        str(c, 1, "init");
        str(c, 2, "busybox");
        str(c, 3, "true");
      });
      sub(s, 22, (t) => { // Toleration key = 1, operator = 2, effect = 4, tolerationSeconds = 5
        str(t, 2, "Exists");
        str(t, 4, "NoExecute");
        varint(t, 5, 300);
      });
      str(s, 24, "system-node-critical");
      varint(s, 25, 2000001000);
      varint(s, 30, true);
    });
    sub(w, 3, (st) => {
      // PodStatus phase = 1, conditions = 2, hostIP = 5, podIP = 6, startTime = 7,
      // containerStatuses = 8, qosClass = 9, podIPs = 12; PodCondition type = 1, status = 2,
      // lastProbeTime = 3, lastTransitionTime = 4; ContainerStatus name = 1, state = 2, ready = 4,
      // restartCount = 5, image = 6, imageID = 7, containerID = 8, started = 9;
      // ContainerState running = 2 {startedAt = 1}.
      str(st, 1, "Running");
      sub(st, 2, (c) => {
        str(c, 1, "Ready");
        str(c, 2, "True");
        sub(c, 3, () => {});
        time(c, 4, "2026-01-02T03:04:05Z");
      });
      str(st, 5, "10.0.0.5");
      str(st, 6, "10.0.0.5");
      time(st, 7, "2026-01-02T03:04:00Z");
      sub(st, 8, (cs) => {
        str(cs, 1, "kube-apiserver");
        sub(cs, 2, (state) => sub(state, 2, (r) => time(r, 1, "2026-01-02T03:04:01Z")));
        sub(cs, 3, () => {});
        varint(cs, 4, true);
        varint(cs, 5, 0);
        str(cs, 6, "registry.k8s.io/kube-apiserver:v1.33.0");
        str(cs, 7, "");
        str(cs, 8, "containerd://123");
        varint(cs, 9, true);
      });
      str(st, 9, "Burstable");
      sub(st, 12, (ip) => str(ip, 1, "10.0.0.5"));
    });
  });

/** The JSON object the Pod decodes to. */
export const expectedPod = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "kube-apiserver-cp-1",
    namespace: "kube-system",
    labels: { component: "kube-apiserver", tier: "control-plane" },
    annotations: { "kubernetes.io/config.hash": "abc" },
    ownerReferences: [{
      kind: "Node",
      name: "cp-1",
      uid: "node-uid",
      apiVersion: "v1",
      controller: true,
    }],
  },
  spec: {
    volumes: [
      { name: "k8s-certs", hostPath: { path: "/etc/kubernetes/pki", type: "DirectoryOrCreate" } },
      { name: "scratch", emptyDir: { medium: "Memory", sizeLimit: "64Mi" } },
      {
        name: "token",
        secret: {
          secretName: "token",
          items: [{ key: "value", path: "token.txt" }],
          defaultMode: 256,
        },
      },
      { name: "data", persistentVolumeClaim: { claimName: "data-claim" } },
      {
        name: "podinfo",
        downwardAPI: { items: [{ path: "labels", fieldRef: { fieldPath: "metadata.labels" } }] },
      },
      { name: "config", configMap: { name: "settings", defaultMode: 420 } },
      {
        name: "kube-api-access",
        projected: {
          sources: [
            { serviceAccountToken: { path: "token", expirationSeconds: 3607 } },
            { configMap: { name: "kube-root-ca.crt", items: [{ key: "ca.crt", path: "ca.crt" }] } },
          ],
        },
      },
    ],
    containers: [
      {
        name: "kube-apiserver",
        image: "registry.k8s.io/kube-apiserver:v1.33.0",
        command: ["kube-apiserver"],
        args: ["--secure-port=6443", "--etcd-servers=https://127.0.0.1:2379"],
        ports: [{ name: "https", containerPort: 6443, protocol: "TCP" }],
        env: [
          { name: "MODE", value: "fake" },
          {
            name: "POD_IP",
            valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "status.podIP" } },
          },
          {
            name: "TOKEN",
            valueFrom: { secretKeyRef: { name: "token", key: "value", optional: false } },
          },
        ],
        resources: { limits: { memory: "512Mi" }, requests: { cpu: "250m" } },
        volumeMounts: [{ name: "k8s-certs", readOnly: true, mountPath: "/etc/kubernetes/pki" }],
        livenessProbe: {
          httpGet: { path: "/livez", port: 6443, host: "127.0.0.1", scheme: "HTTPS" },
          initialDelaySeconds: 10,
          timeoutSeconds: 15,
          periodSeconds: 10,
          failureThreshold: 8,
        },
        readinessProbe: { tcpSocket: { port: "https" } },
        imagePullPolicy: "IfNotPresent",
        securityContext: {
          capabilities: { drop: ["ALL"] },
          privileged: false,
          runAsUser: 0,
          runAsNonRoot: true,
          allowPrivilegeEscalation: false,
          seccompProfile: { type: "RuntimeDefault" },
        },
        envFrom: [{ prefix: "CFG_", configMapRef: { name: "settings" } }],
      },
      { name: "sidecar", image: "busybox", resources: {} },
    ],
    restartPolicy: "Always",
    terminationGracePeriodSeconds: 30,
    dnsPolicy: "ClusterFirst",
    nodeSelector: { "kubernetes.io/os": "linux" },
    nodeName: "cp-1",
    hostNetwork: true,
    securityContext: { runAsUser: 0 },
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{
            matchExpressions: [{ key: "kubernetes.io/os", operator: "In", values: ["linux"] }],
          }],
        },
      },
    },
    initContainers: [{ name: "init", image: "busybox", command: ["true"] }],
    tolerations: [{ operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 }],
    priorityClassName: "system-node-critical",
    priority: 2000001000,
    enableServiceLinks: true,
  },
  status: {
    phase: "Running",
    conditions: [{ type: "Ready", status: "True", lastTransitionTime: "2026-01-02T03:04:05Z" }],
    hostIP: "10.0.0.5",
    podIP: "10.0.0.5",
    startTime: "2026-01-02T03:04:00Z",
    containerStatuses: [{
      name: "kube-apiserver",
      state: { running: { startedAt: "2026-01-02T03:04:01Z" } },
      lastState: {},
      ready: true,
      restartCount: 0,
      image: "registry.k8s.io/kube-apiserver:v1.33.0",
      imageID: "",
      containerID: "containerd://123",
      started: true,
    }],
    qosClass: "Burstable",
    podIPs: [{ ip: "10.0.0.5" }],
  },
};
