// Pods as kube-apiserver stores them: scheme defaults, then ServiceAccount, toleration and priority admission.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  applySchemeDefaults,
  defaultOnCreate,
  defaultOnUpdate,
  defaultPullPolicy,
  DefaultsError,
  registryOnCreate,
  tokenVolumeName,
} from "../../../src/api/defaults/mod.ts";
import { builtinSchemas, goShaped } from "../../../src/api/schema/mod.ts";
import { target, testContext } from "./_context.ts";

const POD = target("", "Pod", "pods");

// deno-lint-ignore no-explicit-any
function pod(spec: any, metadata: any = {}): any {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "p", namespace: "default", ...metadata },
    spec,
  };
}

const MOUNT = {
  name: "kube-api-access-bbbbb",
  readOnly: true,
  mountPath: "/var/run/secrets/kubernetes.io/serviceaccount",
};

describe("Pod defaults", () => {
  it("a bare Pod gets every default `kubectl run` shows on kube-apiserver 1.33", () => {
    const object = pod({
      containers: [{ name: "c", image: "nginx", ports: [{ containerPort: 80 }] }],
    });
    defaultOnCreate(POD, object, testContext());
    assert.deepEqual(object.spec, {
      containers: [{
        name: "c",
        image: "nginx",
        ports: [{ containerPort: 80, protocol: "TCP" }],
        imagePullPolicy: "Always",
        terminationMessagePath: "/dev/termination-log",
        terminationMessagePolicy: "File",
        volumeMounts: [MOUNT],
      }],
      enableServiceLinks: true,
      dnsPolicy: "ClusterFirst",
      restartPolicy: "Always",
      securityContext: {},
      terminationGracePeriodSeconds: 30,
      schedulerName: "default-scheduler",
      serviceAccountName: "default",
      serviceAccount: "default",
      volumes: [{
        name: "kube-api-access-bbbbb",
        projected: {
          defaultMode: 420,
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
        },
      }],
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
      preemptionPolicy: "PreemptLowerPriority",
    });
  });

  it("admission names the default service account with its alias right after the name", () => {
    const bare = pod({ containers: [{ name: "c", image: "nginx" }] });
    registryOnCreate(POD, bare, testContext());
    const keys = Object.keys(bare.spec);
    assert.deepEqual(keys.slice(keys.indexOf("serviceAccountName")), [
      "serviceAccountName",
      "serviceAccount",
      "volumes",
      "tolerations",
      "priority",
      "preemptionPolicy",
    ]);
    // Empty names sent apart: the alias moves to follow the name.
    const sent = pod({
      serviceAccount: "",
      containers: [{ name: "c", image: "n" }],
      serviceAccountName: "",
    });
    registryOnCreate(POD, sent, testContext());
    assert.deepEqual(Object.keys(sent.spec).slice(0, 3), [
      "containers",
      "serviceAccountName",
      "serviceAccount",
    ]);
    assert.equal(sent.spec.serviceAccount, "default");
  });

  it("imagePullPolicy follows the tag: latest or none → Always, a tag or digest → IfNotPresent", () => {
    const digest = "sha256:" + "a".repeat(64);
    for (
      const [image, policy] of [
        ["nginx", "Always"],
        ["nginx:latest", "Always"],
        ["registry.k8s.io/pause:3.9", "IfNotPresent"],
        ["localhost:5000/app", "Always"],
        [`nginx@${digest}`, "IfNotPresent"],
        [`nginx:latest@${digest}`, "Always"],
        ["Not/Valid", "IfNotPresent"],
      ]
    ) assert.equal(defaultPullPolicy(image), policy, image);
  });

  it("limits become missing requests; hostNetwork pods get hostPort = containerPort", () => {
    const object = pod({
      hostNetwork: true,
      containers: [{
        name: "c",
        image: "x:1",
        ports: [{ containerPort: 8080 }],
        resources: { limits: { cpu: "1", memory: "1Gi" }, requests: { cpu: "500m" } },
      }],
    });
    defaultOnCreate(POD, object, testContext());
    const [container] = object.spec.containers;
    assert.deepEqual(container.resources.requests, { cpu: "500m", memory: "1Gi" });
    assert.deepEqual(container.ports, [{ containerPort: 8080, hostPort: 8080, protocol: "TCP" }]);
  });

  it("volumes, probes and env fieldRefs get their struct defaults", () => {
    const object = pod({
      containers: [{
        name: "c",
        image: "x:1",
        livenessProbe: { httpGet: { port: 80 } },
        env: [{ name: "N", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } }],
      }],
      volumes: [{ name: "a" }, { name: "s", secret: { secretName: "s" } }, {
        name: "h",
        hostPath: { path: "/x" },
      }],
    });
    defaultOnCreate(POD, object, testContext());
    const [container] = object.spec.containers;
    assert.deepEqual(container.livenessProbe, {
      httpGet: { port: 80, path: "/", scheme: "HTTP" },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
    assert.deepEqual(container.env[0].valueFrom.fieldRef, {
      fieldPath: "metadata.name",
      apiVersion: "v1",
    });
    assert.deepEqual(object.spec.volumes.slice(0, 3), [
      { name: "a", emptyDir: {} },
      { name: "s", secret: { secretName: "s", defaultMode: 420 } },
      { name: "h", hostPath: { path: "/x", type: "" } },
    ]);
  });

  it("no token volume when automount is off (Pod or ServiceAccount), nor for mirror pods", () => {
    const off = pod({
      automountServiceAccountToken: false,
      containers: [{ name: "c", image: "x:1" }],
    });
    defaultOnCreate(POD, off, testContext());
    assert.equal(off.spec.volumes, undefined);
    const account = {
      metadata: { name: "robot", namespace: "default" },
      automountServiceAccountToken: false,
    };
    const robot = pod({ serviceAccountName: "robot", containers: [{ name: "c", image: "x:1" }] });
    defaultOnCreate(POD, robot, testContext({ stored: { serviceaccounts: [account] } }));
    assert.equal(robot.spec.volumes, undefined);
    const mirror = pod({ containers: [{ name: "c", image: "x:1" }] }, {
      annotations: { "kubernetes.io/config.mirror": "abc" },
    });
    defaultOnCreate(POD, mirror, testContext());
    assert.equal(mirror.spec.serviceAccountName, undefined);
  });

  it("a Pod naming a missing ServiceAccount is Forbidden, as the ServiceAccount admission says", () => {
    const ghost = pod({ serviceAccountName: "ghost", containers: [{ name: "c", image: "x:1" }] });
    assert.throws(
      () => defaultOnCreate(POD, ghost, testContext({ stored: { serviceaccounts: [] } })),
      // deno-lint-ignore no-explicit-any
      (error: any) =>
        error.reason === "Forbidden" &&
        error.message ===
          'pods "p" is forbidden: error looking up service account default/ghost: serviceaccount "ghost" not found',
    );
    // Without its `default` ServiceAccount (the controller has not made it), a bare Pod too.
    const bare = pod({ containers: [{ name: "c", image: "x:1" }] });
    assert.throws(
      () => defaultOnCreate(POD, bare, testContext({ stored: { serviceaccounts: [] } })),
      /error looking up service account default\/default: serviceaccount "default" not found/,
    );
  });

  it("the token volume name has five characters of apimachinery's alphabet", () => {
    assert.equal(tokenVolumeName(() => 0), "kube-api-access-bbbbb");
    assert.equal(tokenVolumeName(() => 0.999), "kube-api-access-99999");
  });

  it("a toleration with an empty key or effect already covers the taint", () => {
    const object = pod({ tolerations: [{ operator: "Exists" }], containers: [] });
    defaultOnCreate(POD, object, testContext());
    assert.deepEqual(object.spec.tolerations, [{ operator: "Exists" }]);
  });

  it("priority comes from the class: system classes, stored classes, 403 for unknown ones", () => {
    const critical = pod({ priorityClassName: "system-cluster-critical", containers: [] });
    defaultOnCreate(POD, critical, testContext());
    assert.equal(critical.spec.priority, 2000000000);
    const stored = { metadata: { name: "low" }, value: 5, preemptionPolicy: "Never" };
    const low = pod({ priorityClassName: "low", containers: [] });
    defaultOnCreate(
      POD,
      low,
      testContext({ stored: { "scheduling.k8s.io/priorityclasses": [stored] } }),
    );
    assert.deepEqual([low.spec.priority, low.spec.preemptionPolicy], [5, "Never"]);
    assert.throws(
      () => defaultOnCreate(POD, pod({ priorityClassName: "nope", containers: [] }), testContext()),
      (error) =>
        error instanceof DefaultsError && error.reason === "Forbidden" &&
        error.message === 'pods "p" is forbidden: no PriorityClass with name nope was found',
    );
    assert.throws(
      () => defaultOnCreate(POD, pod({ priority: 7, containers: [] }), testContext()),
      /the integer value of priority \(7\) must not be provided in pod spec; priority admission controller computed 0/,
    );
  });

  it("a global default PriorityClass names itself on Pods without one", () => {
    const global = {
      metadata: { name: "normal" },
      value: 100,
      globalDefault: true,
      preemptionPolicy: "PreemptLowerPriority",
    };
    const object = pod({ containers: [] });
    defaultOnCreate(
      POD,
      object,
      testContext({ stored: { "scheduling.k8s.io/priorityclasses": [global] } }),
    );
    assert.deepEqual([object.spec.priorityClassName, object.spec.priority], ["normal", 100]);
  });

  it("of several global default PriorityClasses, the highest value wins (the first of equals)", () => {
    const global = (name: string, value: number) => ({
      metadata: { name },
      value,
      globalDefault: true,
      preemptionPolicy: "Never",
    });
    const classes = [
      { metadata: { name: "higher-not-default" }, value: 900 },
      global("low", 10),
      global("high", 50),
      global("also-high", 50),
    ];
    const object = pod({ containers: [] });
    defaultOnCreate(
      POD,
      object,
      testContext({ stored: { "scheduling.k8s.io/priorityclasses": classes } }),
    );
    assert.deepEqual(
      [object.spec.priorityClassName, object.spec.priority, object.spec.preemptionPolicy],
      ["high", 50, "Never"],
    );
  });

  it("a NoExecute toleration of one default taint keeps it from being added again", () => {
    const mine = { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute" };
    const object = pod({ tolerations: [mine], containers: [] });
    defaultOnCreate(POD, object, testContext());
    assert.deepEqual(object.spec.tolerations.map((t: { key: string }) => t.key), [
      "node.kubernetes.io/unreachable",
      "node.kubernetes.io/not-ready",
    ]);
    assert.equal(object.spec.tolerations[0], mine);
  });

  it("an update keeps the stored priority and re-adds the tolerations", () => {
    const current = pod({ containers: [] });
    defaultOnCreate(POD, current, testContext());
    const incoming = pod({ containers: [] });
    defaultOnUpdate(POD, incoming, current, testContext());
    assert.equal(incoming.spec.priority, 0);
    assert.equal(incoming.spec.tolerations.length, 2);
    assert.equal(incoming.spec.volumes, undefined, "ServiceAccount admission runs on create only");
  });

  it("admission writes a copy of the spec: the decoded spec the field manager saw is unchanged", () => {
    const object = pod({
      containers: [{ name: "c", image: "nginx", resources: { limits: { cpu: "1" } } }],
      initContainers: [{ name: "i", image: "busybox" }],
    });
    const context = testContext({
      stored: {
        serviceaccounts: [{ metadata: { name: "default", namespace: "default" } }],
        limitranges: [{
          metadata: { name: "l", namespace: "default" },
          spec: { limits: [{ type: "Container", default: { memory: "128Mi" } }] },
        }],
      },
    });
    applySchemeDefaults(POD, object, context);
    const decoded = object.spec;
    const before = structuredClone(decoded);
    registryOnCreate(POD, object, context);
    // The store skips what is still the decoded spec's, so admission must not have changed it.
    assert.deepEqual(decoded, before);
    assert.notEqual(object.spec, decoded);
    assert.deepEqual(object.spec.containers[0].resources.limits, { cpu: "1", memory: "128Mi" });
    assert.equal(object.spec.containers[0].volumeMounts[0].mountPath, MOUNT.mountPath);
    assert.equal(object.spec.initContainers[0].volumeMounts[0].mountPath, MOUNT.mountPath);
    assert.equal(object.spec.serviceAccountName, "default");
    assert.equal(object.spec.tolerations.length, 2);
    assert.equal(object.spec.priority, 0);
    // What admission left alone is still shared with the decoded spec.
    assert.equal(object.spec.containers[0].image, decoded.containers[0].image);
    assert.equal(object.spec.securityContext, decoded.securityContext);
  });

  it("admission writes the token volume in Go's field order, which the store keeps as it is", () => {
    const object = pod({ containers: [{ name: "c", image: "nginx" }] });
    registryOnCreate(POD, object, testContext());
    const [volume] = object.spec.volumes;
    const source = builtinSchemas("v1.33.1");
    // Shaping answers its input itself when the input is in Go's shape already (no rebuild).
    assert.equal(goShaped(source, source.struct("core.v1.Volume")!, volume), volume);
    assert.deepEqual(Object.keys(volume.projected), ["sources", "defaultMode"]);
  });

  it("every Pod shares one frozen token volume source and default tolerations (never walked again)", () => {
    const first = pod({ containers: [{ name: "c", image: "nginx" }] });
    const second = pod({ containers: [{ name: "d", image: "nginx" }] }, { name: "q" });
    registryOnCreate(POD, first, testContext());
    registryOnCreate(POD, second, testContext({ values: [0.5] }));
    const projected = first.spec.volumes[0].projected;
    assert.equal(second.spec.volumes[0].projected, projected);
    assert.ok(Object.isFrozen(projected) && Object.isFrozen(projected.sources[2].downwardAPI));
    assert.equal(second.spec.tolerations[0], first.spec.tolerations[0]);
    assert.equal(second.spec.tolerations[1], first.spec.tolerations[1]);
    assert.ok(Object.isFrozen(first.spec.tolerations[1]));
    // Each Pod's volume names its own token volume; the list and the volume are its own.
    assert.notEqual(second.spec.volumes[0], first.spec.volumes[0]);
    assert.notEqual(second.spec.volumes[0].name, first.spec.volumes[0].name);
    assert.deepEqual(first.spec.tolerations, [
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
    ]);
  });
});
