// A pod's list, port, volume-path and IP warnings (pkg/api/pod/warnings.go), as kube-apiserver
// v1.36.3 sends them (checked with scripts/oracle/compare.ts --only "pod warnings"), and the
// minors whose sources (v1.29.15 … v1.35.4) first give each.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { kubeFixture } from "./kube_fixture.ts";
import { volumePathWarnings } from "../../src/kube/warnings_for_pod_volumes.ts";

const NS = "/api/v1/namespaces/default";

function warnings(header: string | null): string[] {
  if (header === null) return [];
  return [...header.matchAll(/299 - "((?:[^"\\]|\\.)*)"/g)].map((m) =>
    m[1].replace(/\\(.)/g, "$1")
  );
}

async function created(minor: number, path: string, body: unknown) {
  const { call } = kubeFixture({ kubernetesVersion: `v1.${minor}.0` });
  const answer = await call("POST", path, body);
  assert.equal(answer.status, 201, answer.text);
  return { warnings: warnings(answer.headers.get("warning")), object: JSON.parse(answer.text) };
}

const warned = async (minor: number, body: unknown, path = `${NS}/pods`) =>
  (await created(minor, path, body)).warnings;

const pod = (spec: Record<string, unknown>) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "p" },
  spec: { containers: [{ name: "app", image: "nginx" }], ...spec },
});

describe("pod warnings of lists, ports, volume paths and IPs", () => {
  it("a duplicate env name hides the previous one unless it refers to it; the text grew in v1.30", async () => {
    const body = pod({
      containers: [{
        name: "app",
        image: "nginx",
        env: [
          { name: "A", value: "1" },
          { name: "A", value: "2" },
          { name: "A", value: "$(A)3" },
          { name: "A", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
        ],
      }],
    });
    assert.deepEqual(await warned(29, body), [
      'spec.containers[0].env[1]: hides previous definition of "A"',
      'spec.containers[0].env[3]: hides previous definition of "A"',
    ]);
    assert.deepEqual(await warned(30, body), [
      'spec.containers[0].env[1]: hides previous definition of "A", which may be dropped when using apply',
      'spec.containers[0].env[3]: hides previous definition of "A", which may be dropped when using apply',
    ]);
  });

  it("ports: hostIP without hostPort, duplicates and overlaps, and duplicate names from v1.33", async () => {
    const body = pod({
      initContainers: [{
        name: "init",
        image: "busybox",
        ports: [{ name: "http", containerPort: 80 }, { containerPort: 90, hostIP: "10.0.0.1" }],
      }],
      containers: [
        { name: "app", image: "nginx", ports: [{ name: "http", containerPort: 80 }] },
        {
          name: "two",
          image: "nginx",
          ports: [
            { name: "metrics", containerPort: 80, hostPort: 8080 },
            { containerPort: 80, hostPort: 8080, hostIP: "10.0.0.2" },
          ],
        },
      ],
    });
    const common = [
      "spec.initContainers[0].ports[1]: hostIP set without hostPort: {Name: HostPort:0 ContainerPort:90 Protocol:TCP HostIP:10.0.0.1}",
      "spec.containers[0].ports[0]: duplicate port definition with spec.initContainers[0].ports[0]",
      "spec.containers[1].ports[0]: overlapping port definition with spec.initContainers[0].ports[0]",
      "spec.containers[1].ports[0]: overlapping port definition with spec.containers[0].ports[0]",
      "spec.containers[1].ports[1]: overlapping port definition with spec.initContainers[0].ports[0]",
      "spec.containers[1].ports[1]: overlapping port definition with spec.containers[0].ports[0]",
      "spec.containers[1].ports[1]: dangerously ambiguous port definition with spec.containers[1].ports[0]",
    ];
    assert.deepEqual(await warned(32, body), common);
    assert.deepEqual(await warned(33, body), [
      ...common,
      'spec.containers[0].ports[0]: duplicate port name "http" with spec.initContainers[0].ports[0], services and probes that select ports by name will use spec.initContainers[0].ports[0]',
    ]);
  });

  it("a lone port warns of a hostIP without hostPort; with its hostPort, or alone, it is quiet", async () => {
    const withPort = (port: Record<string, unknown>) =>
      pod({ containers: [{ name: "app", image: "nginx", ports: [port] }] });
    assert.deepEqual(await warned(36, withPort({ containerPort: 80, hostIP: "10.0.0.1" })), [
      "spec.containers[0].ports[0]: hostIP set without hostPort: {Name: HostPort:0 ContainerPort:80 Protocol:TCP HostIP:10.0.0.1}",
    ]);
    const bound = { containerPort: 80, hostIP: "10.0.0.1", hostPort: 8080 };
    assert.deepEqual(await warned(36, withPort(bound)), []);
    assert.deepEqual(await warned(36, withPort({ containerPort: 80, name: "web" })), []);
  });

  it("volumes: overlapping paths from v1.32, gitRepo's text from v1.33", async () => {
    const body = pod({
      volumes: [
        {
          name: "cm",
          configMap: {
            name: "c",
            items: [{ key: "a", path: "x" }, { key: "b", path: "x/y" }, { key: "c", path: "x/" }],
          },
        },
        {
          name: "proj",
          projected: {
            sources: [
              { configMap: { name: "c", items: [{ key: "a", path: "t" }] } },
              { serviceAccountToken: { path: "t/u" } },
              {},
            ],
          },
        },
        { name: "git", gitRepo: { repository: "https://example.com/r.git" } },
      ],
    });
    assert.deepEqual(await warned(31, body), ["spec.volumes[2].gitRepo: deprecated in v1.11"]);
    const paths = [
      'volume "cm" (ConfigMap "c"): overlapping paths: "x/y" with "x"',
      'volume "cm" (ConfigMap "c"): overlapping paths: "x" with "x"',
      'volume "cm" (ConfigMap "c"): overlapping paths: "x" with "x/y"',
      'volume "proj" (Projected): overlapping paths: "t/u" (ServiceAccountToken) with "t" (ConfigMap "c")',
      'volume "proj" (Projected) has no sources provided',
    ];
    assert.deepEqual(await warned(32, body), [
      "spec.volumes[2].gitRepo: deprecated in v1.11",
      ...paths,
    ]);
    assert.deepEqual(await warned(33, body), [
      "spec.volumes[2].gitRepo: deprecated in v1.11, and disabled by default in v1.33+",
      ...paths,
    ]);
  });

  it("host aliases and nameservers: duplicates always, IP spellings from v1.33", async () => {
    const body = pod({
      dnsPolicy: "None",
      dnsConfig: { nameservers: ["2001:DB8::1", "::ffff:1.2.3.4"] },
      hostAliases: [
        { ip: "010.0.0.1", hostnames: ["a"] },
        { ip: "010.0.0.1", hostnames: ["b"] },
        { ip: "2001:0db8::2", hostnames: ["c"] },
      ],
    });
    const duplicate = 'spec.hostAliases[1].ip: duplicate ip "010.0.0.1"';
    assert.deepEqual(await warned(32, body), [duplicate]);
    assert.deepEqual(await warned(33, body), [
      duplicate,
      'spec.dnsConfig.nameservers[0]: IPv6 address "2001:DB8::1" should be in RFC 5952 canonical format ("2001:db8::1")',
      'spec.dnsConfig.nameservers[1]: non-standard IP address "::ffff:1.2.3.4" is invalid: use "1.2.3.4"',
      'spec.hostAliases[0].ip: non-standard IP address "010.0.0.1" is invalid: use "10.0.0.1"',
      'spec.hostAliases[1].ip: non-standard IP address "010.0.0.1" is invalid: use "10.0.0.1"',
      'spec.hostAliases[2].ip: IPv6 address "2001:0db8::2" should be in RFC 5952 canonical format ("2001:db8::2")',
    ]);
  });

  it("image pull secrets, fractional bytes and null pod affinity selectors", async () => {
    const body = pod({
      imagePullSecrets: [{ name: "r" }, { name: "r" }, { name: "" }],
      containers: [{
        name: "app",
        image: "nginx",
        resources: {
          limits: { memory: "1.5" },
          requests: { "ephemeral-storage": "0.5", memory: "1" },
        },
      }],
      affinity: {
        podAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "zone" }],
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 1, podAffinityTerm: { topologyKey: "zone" } },
          ],
        },
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "zone" }],
        },
      },
    });
    assert.deepEqual(await warned(36, body), [
      'spec.imagePullSecrets[1].name: duplicate name "r"',
      'spec.imagePullSecrets[2].name: invalid empty name ""',
      'spec.containers[0].resources.limits[memory]: fractional byte value "1500m" is invalid, must be an integer',
      'spec.containers[0].resources.requests[ephemeral-storage]: fractional byte value "500m" is invalid, must be an integer',
      "spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector: a null labelSelector results in matching no pod",
      "spec.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.labelSelector: a null labelSelector results in matching no pod",
      "spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector: a null labelSelector results in matching no pod",
    ]);
  });

  it("a pod's negative grace period is stored as 1 without a warning; a template's warns", async () => {
    const stored = await created(36, `${NS}/pods`, pod({ terminationGracePeriodSeconds: -5 }));
    assert.deepEqual(stored.warnings, []);
    assert.equal(stored.object.spec.terminationGracePeriodSeconds, 1);
    const deployment = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "d" },
      spec: {
        selector: { matchLabels: { app: "d" } },
        template: {
          metadata: { labels: { app: "d" } },
          spec: {
            containers: [{ name: "app", image: "nginx" }],
            terminationGracePeriodSeconds: -5,
          },
        },
      },
    };
    assert.deepEqual(
      await warned(36, deployment, "/apis/apps/v1/namespaces/default/deployments"),
      [
        "spec.template.spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1",
      ],
    );
  });

  it("thousands of overlapping paths and identical ports answer promptly, warnings bounded", async () => {
    const items = Array.from({ length: 3000 }, (_, i) => ({ key: `k${i}`, path: "same" }));
    const ports = Array.from(
      { length: 3000 },
      (_, i) => ({ containerPort: 80, hostPort: 1000 + i }),
    );
    const body = pod({
      containers: [{ name: "app", image: "nginx", ports }],
      volumes: [{ name: "cm", configMap: { name: "c", items } }],
    });
    const started = performance.now();
    const found = await warned(36, body);
    assert.ok(performance.now() - started < 10_000);
    assert.ok(found.length > 0 && found.length < 1000, String(found.length));
  });
});

describe("overlapping paths of frozen projected volumes", () => {
  // Every Pod's token volume shares one frozen source: its quiet answer is remembered, warnings
  // never are.
  const deepFreeze = <T>(value: T): T => {
    if (value !== null && typeof value === "object") {
      for (const child of Object.values(value)) deepFreeze(child);
      Object.freeze(value);
    }
    return value;
  };

  it("a frozen source that overlaps warns at each use, under each volume's name", () => {
    const projected = deepFreeze({
      sources: [
        { configMap: { name: "c", items: [{ key: "a", path: "t" }] } },
        { serviceAccountToken: { path: "t/u" } },
      ],
    });
    const volumes = [{ name: "a", projected }, { name: "b", projected }];
    const expected = [
      'volume "a" (Projected): overlapping paths: "t/u" (ServiceAccountToken) with "t" (ConfigMap "c")',
      'volume "b" (Projected): overlapping paths: "t/u" (ServiceAccountToken) with "t" (ConfigMap "c")',
    ];
    assert.deepEqual(volumePathWarnings(volumes, 36), expected);
    assert.deepEqual(volumePathWarnings(volumes, 36), expected);
  });

  it("a quiet frozen source stays quiet; a podCertificate's paths count from v1.34 only", () => {
    const projected = deepFreeze({
      sources: [
        { podCertificate: { keyPath: "k", certificateChainPath: "k/c" } },
        { configMap: { name: "c", items: [{ key: "a", path: "x" }] } },
      ],
    });
    const volumes = [{ name: "a", projected }];
    for (let round = 0; round < 2; round++) {
      assert.deepEqual(volumePathWarnings(volumes, 33), []);
      assert.deepEqual(volumePathWarnings(volumes, 34), [
        'volume "a" (Projected): overlapping paths: "k" (PodCertificate key) with "k/c" (PodCertificate chain)',
      ]);
    }
  });
});
