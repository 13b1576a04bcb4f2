// Validation rules of built-in kinds, each with the message kube-apiserver answers (errors.NewInvalid).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  invalidStatus,
  validateCreate,
  type ValidatedResource,
  validateUpdate,
} from "../../../src/api/validation/mod.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

const R = {
  configmaps: { key: "configmaps", namespaced: true, kind: "ConfigMap", group: "" },
  secrets: { key: "secrets", namespaced: true, kind: "Secret", group: "" },
  services: { key: "services", namespaced: true, kind: "Service", group: "" },
  pods: { key: "pods", namespaced: true, kind: "Pod", group: "" },
  nodes: { key: "nodes", namespaced: false, kind: "Node", group: "" },
  namespaces: { key: "namespaces", namespaced: false, kind: "Namespace", group: "" },
  deployments: { key: "apps/deployments", namespaced: true, kind: "Deployment", group: "apps" },
  daemonsets: { key: "apps/daemonsets", namespaced: true, kind: "DaemonSet", group: "apps" },
  statefulsets: { key: "apps/statefulsets", namespaced: true, kind: "StatefulSet", group: "apps" },
  jobs: { key: "batch/jobs", namespaced: true, kind: "Job", group: "batch" },
  cronjobs: { key: "batch/cronjobs", namespaced: true, kind: "CronJob", group: "batch" },
  rolebindings: {
    key: "rbac.authorization.k8s.io/rolebindings",
    namespaced: true,
    kind: "RoleBinding",
    group: "rbac.authorization.k8s.io",
  },
  roles: {
    key: "rbac.authorization.k8s.io/roles",
    namespaced: true,
    kind: "Role",
    group: "rbac.authorization.k8s.io",
  },
  widgets: {
    key: "example.com/widgets",
    namespaced: true,
    kind: "Widget",
    group: "example.com",
    custom: true,
  },
} satisfies Record<string, ValidatedResource & { kind: string; group: string }>;

type R = (typeof R)[keyof typeof R];

function qualified(r: R) {
  return r.group ? `${r.kind}.${r.group}` : r.kind;
}

/** The Status message of a create, or "" when it is valid. */
function create(r: R, object: Loose, minor = 33): string {
  const errors = validateCreate(r, object, minor);
  return errors.length
    ? invalidStatus(qualified(r), object.metadata?.name ?? "", errors, minor).message
    : "";
}

function update(r: R, object: Loose, old: Loose, minor = 33): string {
  const errors = validateUpdate(r, object, old, minor);
  return errors.length
    ? invalidStatus(qualified(r), object.metadata?.name ?? "", errors, minor).message
    : "";
}

const meta = (name: string, extra: Loose = {}) => ({ name, namespace: "default", ...extra });
const podTemplate = (
  labels: Record<string, string>,
  containers: Loose[] = [{ name: "c", image: "nginx" }],
) => ({
  metadata: { labels },
  spec: { containers },
});
const deployment = (name: string, spec: Loose) => ({ metadata: meta(name), spec });

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

describe("object names per kind", () => {
  it("a ConfigMap name is a DNS-1123 subdomain", () => {
    assert.equal(create(R.configmaps, { metadata: meta("a.b-c") }), "");
    assert.equal(
      create(R.configmaps, { metadata: meta("Bad_Name") }),
      `ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": ${SUBDOMAIN_MSG}`,
    );
  });

  it("a Service name is a DNS-1035 label", () => {
    assert.equal(
      create(R.services, { metadata: meta("1abc"), spec: { ports: [{ port: 80 }] } }),
      `Service "1abc" is invalid: metadata.name: Invalid value: "1abc": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
    );
  });

  it("a Namespace name is a DNS-1123 label: dots are refused", () => {
    assert.equal(
      create(R.namespaces, { metadata: { name: "a.b" } }),
      `Namespace "a.b" is invalid: metadata.name: Invalid value: "a.b": must not contain dots`,
    );
  });

  it("RBAC names are path segments: anything but '/', '%', '.' and '..'", () => {
    assert.equal(create(R.roles, { metadata: meta("system:Controller_X") }), "");
    assert.equal(
      create(R.roles, { metadata: meta("a/b%") }),
      `Role.rbac.authorization.k8s.io "a/b%" is invalid: [metadata.name: Invalid value: "a/b%": may not contain '/', metadata.name: Invalid value: "a/b%": may not contain '%']`,
    );
  });

  it("a missing name is Required; a bad generateName is refused with a masked trailing dash", () => {
    assert.equal(
      create(R.configmaps, { metadata: { namespace: "default" } }),
      `ConfigMap "" is invalid: metadata.name: Required value: name or generateName is required`,
    );
    assert.equal(
      create(R.configmaps, { metadata: meta("web-abcde", { generateName: "web-" }) }),
      "",
    );
    assert.match(
      create(R.configmaps, { metadata: meta("x", { generateName: "Web-" }) }),
      /^ConfigMap "x" is invalid: metadata.generateName: Invalid value: "Web-": a lowercase RFC 1123 subdomain/,
    );
  });

  it("a StatefulSet name is a DNS-1123 label; a CronJob name at most 52 characters", () => {
    assert.match(
      create(R.statefulsets, { metadata: meta("a.b") }),
      /metadata.name: Invalid value: "a.b": must not contain dots/,
    );
    const long = "c".repeat(53);
    assert.equal(
      create(R.cronjobs, {
        metadata: meta(long),
        spec: {
          schedule: "@hourly",
          jobTemplate: {
            spec: {
              template: {
                spec: { containers: [{ name: "c", image: "i" }], restartPolicy: "Never" },
              },
            },
          },
        },
      }),
      `CronJob.batch "${long}" is invalid: metadata.name: Invalid value: "${long}": must be no more than 52 characters`,
    );
  });

  it("custom resources: DNS-1123 subdomain names, no kube finalizer rule", () => {
    assert.equal(create(R.widgets, { metadata: meta("w", { finalizers: ["custom"] }) }), "");
    assert.match(
      create(R.widgets, { metadata: meta("W") }),
      /^Widget.example.com "W" is invalid: metadata.name/,
    );
  });
});

describe("labels, annotations, finalizers, owner references", () => {
  it("label keys and values", () => {
    assert.equal(
      create(R.configmaps, { metadata: meta("c", { labels: { "-a": "ok", b: "bad value" } }) }),
      `ConfigMap "c" is invalid: [metadata.labels: Invalid value: "-a": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]'), metadata.labels: Invalid value: "bad value": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')]`,
    );
    assert.match(
      create(R.configmaps, { metadata: meta("c", { labels: { "a/b/c": "" } }) }, 33),
      /Invalid value: "a\/b\/c": a qualified name must consist of/,
    );
    assert.match(
      create(R.configmaps, { metadata: meta("c", { labels: { "a/b/c": "" } }) }, 35),
      /Invalid value: "a\/b\/c": a valid label key must consist of/,
    );
  });

  it("annotations: keys checked lower-cased, 256 KiB in total (Too long, worded per minor)", () => {
    assert.equal(
      create(R.configmaps, { metadata: meta("c", { annotations: { "Example.COM/Key": "v" } }) }),
      "",
    );
    const big = { metadata: meta("c", { annotations: { a: "x".repeat(256 * 1024) } }) };
    assert.equal(
      create(R.configmaps, big, 31),
      `ConfigMap "c" is invalid: metadata.annotations: Too long: must have at most 262144 bytes`,
    );
    assert.equal(
      create(R.configmaps, big, 33),
      `ConfigMap "c" is invalid: metadata.annotations: Too long: may not be more than 262144 bytes`,
    );
  });

  it("finalizers: qualified names, domain-prefixed unless standard, not orphan and foreground together", () => {
    assert.equal(
      create(R.configmaps, {
        metadata: meta("c", { finalizers: ["kubernetes", "example.com/x"] }),
      }),
      "",
    );
    assert.equal(
      create(R.configmaps, { metadata: meta("c", { finalizers: ["custom"] }) }),
      `ConfigMap "c" is invalid: metadata.finalizers[0]: Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified`,
    );
    assert.equal(
      create(R.configmaps, {
        metadata: meta("c", { finalizers: ["orphan", "foregroundDeletion"] }),
      }),
      `ConfigMap "c" is invalid: metadata.finalizers: Invalid value: []string{"orphan", "foregroundDeletion"}: finalizer orphan and foregroundDeletion cannot be both set`,
    );
  });

  it("owner references need apiVersion, kind, name and uid (messages shortened in v1.34)", () => {
    const ref = {
      metadata: meta("c", { ownerReferences: [{ apiVersion: "v1", kind: "Pod", name: "p" }] }),
    };
    assert.equal(
      create(R.configmaps, ref, 33),
      `ConfigMap "c" is invalid: metadata.ownerReferences.uid: Invalid value: "": uid must not be empty`,
    );
    assert.equal(
      create(R.configmaps, ref, 34),
      `ConfigMap "c" is invalid: metadata.ownerReferences.uid: Invalid value: "": must not be empty`,
    );
  });

  it("an update may not decrement the generation", () => {
    assert.equal(
      update(R.configmaps, { metadata: meta("c", { generation: 1 }) }, {
        metadata: meta("c", { generation: 2 }),
      }),
      `ConfigMap "c" is invalid: metadata.generation: Invalid value: 1: must not be decremented`,
    );
  });
});

describe("ConfigMap and Secret data", () => {
  it("data keys are config keys; a key may not sit in data and binaryData", () => {
    assert.equal(
      create(R.configmaps, { metadata: meta("c"), data: { "a b": "1" } }),
      `ConfigMap "c" is invalid: data[a b]: Invalid value: "a b": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
    );
    assert.equal(
      create(R.configmaps, { metadata: meta("c"), data: { k: "1" }, binaryData: { k: "MQ==" } }),
      `ConfigMap "c" is invalid: data[k]: Invalid value: "k": duplicate of key present in binaryData`,
    );
    assert.equal(
      create(R.secrets, { metadata: meta("s"), data: { "..x": "eA==" } }),
      `Secret "s" is invalid: data[..x]: Invalid value: "..x": must not start with '..'`,
    );
  });

  it("bad data keys are reported in sorted order, data before binaryData, valid ones skipped", () => {
    const data = { "z z": "1", ok: "2", "b b": "3", dup: "4" };
    const binaryData = { "y y": "MQ==", dup: "MQ==", "a a": "MQ==" };
    const message = create(R.configmaps, { metadata: meta("c"), data, binaryData });
    const fields = [...message.matchAll(/(binaryData|data)\[([^\]]*)\]: Invalid value/g)]
      .map((m) => `${m[1]}[${m[2]}]`);
    assert.deepEqual(fields, [
      "data[b b]",
      "data[dup]",
      "data[z z]",
      "binaryData[a a]",
      "binaryData[y y]",
    ]);
  });

  it('1 MiB in total: a ConfigMap reports on the whole object (path "[]"), a Secret on data', () => {
    const mib = 1024 * 1024;
    assert.equal(create(R.configmaps, { metadata: meta("c"), data: { a: "x".repeat(mib) } }), "");
    assert.equal(
      create(R.configmaps, { metadata: meta("c"), data: { a: "x".repeat(mib), b: "y" } }),
      `ConfigMap "c" is invalid: []: Too long: may not be more than 1048576 bytes`,
    );
    const base64 = btoa("x".repeat(mib + 3));
    assert.equal(
      create(R.secrets, { metadata: meta("s"), data: { a: base64 } }, 30),
      `Secret "s" is invalid: data: Too long: must have at most 1048576 bytes`,
    );
  });

  it("an immutable ConfigMap or Secret keeps its data and stays immutable", () => {
    const old = { metadata: meta("c"), immutable: true, data: { a: "1" } };
    assert.equal(update(R.configmaps, { ...old }, old), "");
    assert.equal(
      update(R.configmaps, { metadata: meta("c"), data: { a: "2" } }, old),
      'ConfigMap "c" is invalid: [immutable: Forbidden: field is immutable when `immutable` is set, data: Forbidden: field is immutable when `immutable` is set]',
    );
    const secret = { metadata: meta("s"), immutable: true, data: { a: "MQ==" } };
    assert.equal(
      update(R.secrets, { ...secret, data: { a: "Mg==" } }, secret),
      'Secret "s" is invalid: data: Forbidden: field is immutable when `immutable` is set',
    );
  });

  it("a Secret's type never changes (an empty type is Opaque)", () => {
    const old = { metadata: meta("s"), type: "Opaque", data: {} };
    assert.equal(update(R.secrets, { metadata: meta("s") }, old), "");
    assert.equal(
      update(R.secrets, { metadata: meta("s"), type: "example.com/x" }, old),
      `Secret "s" is invalid: type: Invalid value: "example.com/x": field is immutable`,
    );
  });

  it("type-specific keys: tls, basic-auth, ssh-auth, dockerconfigjson, service-account-token", () => {
    assert.equal(
      create(R.secrets, {
        metadata: meta("t"),
        type: "kubernetes.io/tls",
        data: { "tls.crt": "eA==" },
      }),
      `Secret "t" is invalid: data[tls.key]: Required value`,
    );
    assert.equal(
      create(R.secrets, { metadata: meta("t"), type: "kubernetes.io/tls" }),
      `Secret "t" is invalid: [data[tls.crt]: Required value, data[tls.key]: Required value]`,
    );
    assert.equal(
      create(R.secrets, {
        metadata: meta("b"),
        type: "kubernetes.io/basic-auth",
        data: { password: "" },
      }),
      "",
    );
    assert.equal(
      create(R.secrets, { metadata: meta("b"), type: "kubernetes.io/basic-auth" }),
      `Secret "b" is invalid: [data[username]: Required value, data[password]: Required value]`,
    );
    assert.equal(
      create(R.secrets, {
        metadata: meta("k"),
        type: "kubernetes.io/ssh-auth",
        data: { "ssh-privatekey": "" },
      }),
      `Secret "k" is invalid: data[ssh-privatekey]: Required value`,
    );
    assert.equal(
      create(R.secrets, {
        metadata: meta("d"),
        type: "kubernetes.io/dockerconfigjson",
        data: { ".dockerconfigjson": btoa("[1]") },
      }),
      `Secret "d" is invalid: data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": json: cannot unmarshal array into Go value of type map[string]interface {}`,
    );
    // Go's scanner words a syntax error (kube-apiserver v1.36.3, scripts/oracle).
    for (
      const [text, problem] of [
        ["notjson", "invalid character 'o' in literal null (expecting 'u')"],
        ['{"auths":', "unexpected end of JSON input"],
        ["{'a':1}", "invalid character '\\'' looking for beginning of object key string"],
      ]
    ) {
      assert.equal(
        create(R.secrets, {
          metadata: meta("d"),
          type: "kubernetes.io/dockercfg",
          data: { ".dockercfg": btoa(text) },
        }),
        `Secret "d" is invalid: data[.dockercfg]: Invalid value: "<secret contents redacted>": ${problem}`,
      );
    }
    assert.equal(
      create(R.secrets, { metadata: meta("sa"), type: "kubernetes.io/service-account-token" }),
      `Secret "sa" is invalid: metadata.annotations[kubernetes.io/service-account.name]: Required value`,
    );
  });
});

describe("workloads", () => {
  const selector = { matchLabels: { app: "web" } };

  it("a valid Deployment passes", () => {
    assert.equal(
      create(R.deployments, deployment("web", { selector, template: podTemplate({ app: "web" }) })),
      "",
    );
  });

  it("the selector must match the template's labels (Go map up to v1.33, JSON from v1.34)", () => {
    const object = deployment("web", { selector, template: podTemplate({ app: "other" }) });
    const tail = "`selector` does not match template `labels`";
    assert.equal(
      create(R.deployments, object, 33),
      `Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: ${tail}`,
    );
    assert.equal(
      create(R.deployments, object, 34),
      `Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value: {"app":"other"}: ${tail}`,
    );
  });

  it("a missing selector is Required and matches nothing; an empty one is invalid", () => {
    assert.equal(
      create(R.deployments, deployment("web", { template: podTemplate({ app: "web" }) })),
      'Deployment.apps "web" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`]',
    );
    assert.equal(
      create(
        R.deployments,
        deployment("web", { selector: {}, template: podTemplate({ app: "web" }) }),
      ),
      'Deployment.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
    );
  });

  it("containers: required, named, with an image and valid ports", () => {
    assert.equal(
      create(
        R.deployments,
        deployment("web", { selector, template: podTemplate({ app: "web" }, [{ name: "c" }]) }),
      ),
      `Deployment.apps "web" is invalid: spec.template.spec.containers[0].image: Required value`,
    );
    assert.equal(
      create(
        R.deployments,
        deployment("web", { selector, template: podTemplate({ app: "web" }, []) }),
      ),
      `Deployment.apps "web" is invalid: spec.template.spec.containers: Required value`,
    );
    assert.equal(
      create(R.pods, {
        metadata: meta("p"),
        spec: {
          containers: [
            { name: "c", image: "i", ports: [{ containerPort: 70000, protocol: "HTTP" }, {}] },
            { name: "c", image: "i" },
          ],
        },
      }),
      'Pod "p" is invalid: [spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive, spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP", spec.containers[0].ports[1].containerPort: Required value, spec.containers[1].name: Duplicate value: "c"]',
    );
  });

  it("a StatefulSet checks its template's labels but not its pod spec (upstream TODO)", () => {
    const set = deployment("db", { selector, template: podTemplate({ app: "web" }, []) });
    assert.equal(create(R.statefulsets, set), "");
    assert.equal(
      create(R.statefulsets, {
        ...set,
        spec: {
          ...set.spec,
          template: { ...podTemplate({ app: "web" }), spec: { restartPolicy: "Never" } },
        },
      }),
      `StatefulSet.apps "db" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"`,
    );
  });

  it("a selector that does not convert skips the template: 'invalid label selector'", () => {
    const bad = { matchExpressions: [{ key: "a", operator: "Near" }] };
    assert.equal(
      create(R.deployments, deployment("web", { selector: bad, template: podTemplate({}, []) })),
      'Deployment.apps "web" is invalid: [spec.selector.matchExpressions[0].operator: Invalid value: "Near": not a valid selector operator, spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"a", Operator:"Near", Values:[]string(nil)}}}: invalid label selector]',
    );
  });

  it("apps/v1 selectors are immutable", () => {
    const old = deployment("web", { selector, template: podTemplate({ app: "web", v: "1" }) });
    const changed = deployment("web", {
      selector: { matchLabels: { app: "web", v: "1" } },
      template: podTemplate({ app: "web", v: "1" }),
    });
    assert.equal(
      update(R.deployments, changed, old),
      'Deployment.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "v":"1"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
    assert.equal(
      update(R.daemonsets, changed, old, 34),
      'DaemonSet.apps "web" is invalid: spec.selector: Invalid value: {"matchLabels":{"app":"web","v":"1"}}: field is immutable',
    );
  });

  it("a StatefulSet update may change only some spec fields (the list grew in v1.33)", () => {
    const old = deployment("db", {
      selector,
      serviceName: "db",
      template: podTemplate({ app: "web" }),
    });
    assert.equal(update(R.statefulsets, { ...old, spec: { ...old.spec, replicas: 3 } }, old), "");
    const changed = { ...old, spec: { ...old.spec, serviceName: "other" } };
    assert.equal(
      update(R.statefulsets, changed, old, 32),
      `StatefulSet.apps "db" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden`,
    );
    assert.match(
      update(R.statefulsets, changed, old, 33),
      /'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy'/,
    );
  });

  it("a Job's pods restart OnFailure or Never (an empty policy is defaulted to Always upstream)", () => {
    const job = (restartPolicy?: string) => ({
      metadata: meta("j"),
      spec: { template: { spec: { containers: [{ name: "c", image: "i" }], restartPolicy } } },
    });
    assert.equal(create(R.jobs, job("Never")), "");
    assert.equal(
      create(R.jobs, job()),
      'Job.batch "j" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    );
    assert.equal(
      create(R.cronjobs, {
        metadata: meta("cj"),
        spec: { schedule: "@hourly", jobTemplate: { spec: job("Always").spec } },
      }),
      'CronJob.batch "cj" is invalid: spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    );
  });

  it("a Job keeps its selector and template", () => {
    const old = {
      metadata: meta("j"),
      spec: {
        selector,
        template: {
          ...podTemplate({ app: "web" }),
          spec: { containers: [{ name: "c", image: "nginx" }], restartPolicy: "Never" },
        },
      },
    };
    const changed = {
      ...old,
      spec: {
        ...old.spec,
        template: {
          ...old.spec.template,
          spec: { containers: [{ name: "c", image: "other" }], restartPolicy: "Never" },
        },
      },
    };
    assert.match(
      update(R.jobs, changed, old),
      /^Job.batch "j" is invalid: spec.template: Invalid value: .*: field is immutable$/,
    );
  });
});

describe("pods, services, nodes, bindings", () => {
  const pod = {
    metadata: meta("p"),
    spec: { containers: [{ name: "c", image: "a" }], restartPolicy: "Always" },
  };

  it("a Pod update may change images; other spec fields are Forbidden", () => {
    assert.equal(
      update(
        R.pods,
        { ...pod, spec: { ...pod.spec, containers: [{ name: "c", image: "b" }] } },
        pod,
      ),
      "",
    );
    assert.match(
      update(R.pods, { ...pod, spec: { ...pod.spec, restartPolicy: "Never" } }, pod),
      /^Pod "p" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`,`spec.initContainers\[\*\].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` \(only additions to existing tolerations\),`spec.terminationGracePeriodSeconds` \(allow it to be set to 1 if it was previously negative\)\n/,
    );
    assert.equal(
      update(R.pods, { ...pod, spec: { ...pod.spec, containers: [] } }, pod),
      'Pod "p" is invalid: [spec.containers: Required value, spec.containers: Forbidden: pod updates may not add or remove containers]',
    );
  });

  it("a Pod's activeDeadlineSeconds may be set or shrunk, never raised or unset", () => {
    const timed = (seconds?: number) => ({
      ...pod,
      spec: { ...pod.spec, ...(seconds === undefined ? {} : { activeDeadlineSeconds: seconds }) },
    });
    assert.equal(update(R.pods, timed(100), timed()), "");
    assert.equal(update(R.pods, timed(50), timed(100)), "");
    // As kube-apiserver v1.36.3 answers.
    assert.equal(
      update(R.pods, timed(200), timed(100)),
      'Pod "p" is invalid: spec.activeDeadlineSeconds: Invalid value: 200: must be less than or equal to previous value',
    );
    assert.equal(
      update(R.pods, timed(), timed(100)),
      'Pod "p" is invalid: spec.activeDeadlineSeconds: Invalid value: null: must not update from a positive integer to nil value',
    );
  });

  it("tolerations: operator Exists without a key, effects as taints have them", () => {
    const tolerating = (tolerations: Loose[]) => ({
      metadata: meta("p"),
      spec: { containers: [{ name: "c", image: "a" }], tolerations },
    });
    assert.equal(
      create(
        R.pods,
        tolerating([{ operator: "Exists" }, {
          key: "k",
          effect: "NoExecute",
          tolerationSeconds: 5,
        }]),
      ),
      "",
    );
    assert.equal(
      create(R.pods, tolerating([{ key: "k", operator: "Equal", value: "v", effect: "Never" }])),
      `Pod "p" is invalid: spec.tolerations[0].effect: Unsupported value: "Never": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"`,
    );
    assert.equal(
      create(R.pods, tolerating([{ value: "v" }])),
      'Pod "p" is invalid: spec.tolerations[0].operator: Invalid value: "": operator must be Exists when `key` is empty, which means "match all values and all keys"',
    );
  });

  it("a Service needs ports (unless headless), named when several, with valid numbers", () => {
    assert.equal(create(R.services, { metadata: meta("s"), spec: { clusterIP: "None" } }), "");
    assert.equal(
      create(R.services, { metadata: meta("s"), spec: {} }),
      `Service "s" is invalid: spec.ports: Required value`,
    );
    assert.equal(
      create(R.services, {
        metadata: meta("s"),
        spec: { ports: [{ port: 80 }, { name: "b", port: 0 }] },
      }),
      `Service "s" is invalid: [spec.ports[0].name: Required value, spec.ports[1].port: Invalid value: 0: must be between 1 and 65535, inclusive]`,
    );
    // As kube-apiserver v1.36.3 answers (scripts/oracle/compare.ts, "service bad type").
    assert.equal(
      create(R.services, { metadata: meta("s"), spec: { type: "Nope", ports: [{ port: 80 }] } }),
      `Service "s" is invalid: spec.type: Unsupported value: "Nope": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"`,
    );
  });

  it("a Service keeps its cluster IP", () => {
    const old = {
      metadata: meta("s"),
      spec: { clusterIP: "10.96.0.10", clusterIPs: ["10.96.0.10"], ports: [{ port: 53 }] },
    };
    assert.equal(
      update(R.services, {
        metadata: meta("s"),
        spec: { clusterIP: "10.96.0.99", clusterIPs: ["10.96.0.10"], ports: [{ port: 53 }] },
      }, old),
      `Service "s" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.0.99"}: may not change once set`,
    );
    assert.equal(
      update(R.services, { metadata: meta("s"), spec: { ports: [{ port: 54 }] } }, old),
      "",
    );
  });

  it("node taints: effect required and supported, unique by key and effect, under metadata.taints", () => {
    const node = (taints: Loose[]) => ({ metadata: { name: "n" }, spec: { taints } });
    assert.equal(
      create(R.nodes, node([{ key: "a", effect: "Sometimes" }])),
      `Node "n" is invalid: metadata.taints[0].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"`,
    );
    assert.equal(
      create(R.nodes, node([{ key: "a" }])),
      `Node "n" is invalid: metadata.taints[0].effect: Required value`,
    );
    assert.equal(
      create(
        R.nodes,
        node([{ key: "a", effect: "NoSchedule" }, { key: "a", effect: "NoSchedule" }]),
      ),
      `Node "n" is invalid: metadata.taints[1]: Duplicate value: core.Taint{Key:"a", Value:"", Effect:"NoSchedule", TimeAdded:<nil>}: taints must be unique by key and effect pair`,
    );
    // As kube-apiserver v1.36.3 answers: JSON values from 1.34.
    assert.equal(
      create(
        R.nodes,
        node([{ key: "a", effect: "NoSchedule" }, { key: "a", effect: "NoSchedule" }]),
        36,
      ),
      `Node "n" is invalid: metadata.taints[1]: Duplicate value: {"Key":"a","Value":"","Effect":"NoSchedule","TimeAdded":null}: taints must be unique by key and effect pair`,
    );
    // An update checks the taints in ValidateNode and again in ValidateNodeUpdate: two equal
    // causes, one message.
    const bad = node([{ key: "a", effect: "Sometimes" }]);
    const errors = validateUpdate(R.nodes, bad, node([]), 36);
    assert.deepEqual(errors.map((e) => e.field), [
      "metadata.taints[0].effect",
      "metadata.taints[0].effect",
    ]);
    assert.equal(
      update(R.nodes, bad, node([]), 36),
      `Node "n" is invalid: metadata.taints[0].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"`,
    );
  });

  it("a Node update checks its metadata twice, and remembers nothing of one validation in the next", () => {
    const node = (taints: Loose[]) => ({ metadata: { name: "n" }, spec: { taints } });
    const labelled = (labels: Record<string, string>) => ({
      ...node([{ key: "a", effect: "NoSchedule" }]),
      metadata: { name: "n", labels },
    });
    // ValidateNode's and ValidateNodeUpdate's metadata checks both report a bad label.
    const bad = labelled({ "bad key": "v" });
    assert.deepEqual(validateUpdate(R.nodes, bad, node([]), 36).map((e) => e.field), [
      "metadata.labels",
      "metadata.labels",
    ]);
    // A clean object, then the same objects changed (no stored object is, but a memo kept across
    // validations would hide it): each validation checks them afresh.
    const clean = labelled({ good: "v" });
    assert.deepEqual(validateUpdate(R.nodes, clean, node([]), 36), []);
    clean.metadata.labels["bad key"] = "v";
    (clean.spec.taints as Loose[]).push({ key: "a", effect: "NoSchedule" });
    assert.deepEqual(validateUpdate(R.nodes, clean, node([]), 36).map((e) => e.field), [
      "metadata.labels",
      "metadata.taints[1]",
      "metadata.labels",
      "metadata.taints[1]",
    ]);
  });

  it("a RoleBinding's roleRef is checked and never changes", () => {
    const roleRef = { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" };
    const old = { metadata: meta("rb"), roleRef };
    assert.equal(create(R.rolebindings, old), "");
    assert.equal(
      create(R.rolebindings, { metadata: meta("rb"), roleRef: { ...roleRef, kind: "User" } }),
      `RoleBinding.rbac.authorization.k8s.io "rb" is invalid: roleRef.kind: Unsupported value: "User": supported values: "Role", "ClusterRole"`,
    );
    assert.equal(
      update(R.rolebindings, { metadata: meta("rb"), roleRef: { ...roleRef, name: "edit" } }, old),
      `RoleBinding.rbac.authorization.k8s.io "rb" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"edit"}: cannot change roleRef`,
    );
  });
});

describe("causes", () => {
  it("each cause carries the field, the reason and the message without the field", () => {
    const errors = validateCreate(
      R.deployments,
      deployment("web", { template: podTemplate({}) }) as Loose,
      33,
    );
    assert.deepEqual(invalidStatus("Deployment.apps", "web", errors, 33).causes, [
      { reason: "FieldValueRequired", message: "Required value", field: "spec.selector" },
      {
        reason: "FieldValueInvalid",
        message: "Invalid value: map[string]string{}: `selector` does not match template `labels`",
        field: "spec.template.metadata.labels",
      },
    ]);
  });
});
