// The clusterctl packaging in deploy/provider: well-formed, matching its CRDs, and accepted by an
// API server (a fake cluster of fkas, with real kubectl) and by clusterctl when it is installed.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments, stringify } from "yaml";
import { buildComponents } from "../../deploy/provider/build.ts";
import { type FkasProcess, startFkasProcess } from "./fkas_process.ts";
import { freeFormCrd } from "./management_fixture.ts";
import { hasKubectl, kubectl } from "./kubectl_runner.ts";
import { ScratchDir } from "./_scratch_dir.ts";

const PROVIDER = new URL("../../deploy/provider/", import.meta.url).pathname;
const hasClusterctl = spawnSync("clusterctl", ["version"], { encoding: "utf8" }).status === 0;

/** The variables `clusterctl generate cluster demo -n demo --kubernetes-version v1.33.1 ...` sets. */
const CLUSTERCTL_VARIABLES = {
  CLUSTER_NAME: "demo",
  NAMESPACE: "demo",
  KUBERNETES_VERSION: "v1.33.1",
  CONTROL_PLANE_MACHINE_COUNT: "3",
  WORKER_MACHINE_COUNT: "2",
};
const PROVIDER_LABEL = "infrastructure-fkas";
const CRD_LABELS = {
  "cluster.x-k8s.io/provider": PROVIDER_LABEL,
  "cluster.x-k8s.io/v1beta1": "v1alpha1",
  "cluster.x-k8s.io/v1beta2": "v1alpha1",
};

// deno-lint-ignore no-explicit-any
type Json = any;

/** clusterctl's variable syntax (drone/envsubst): `${VAR}`, `${VAR:=default}`, `${VAR:-default}`. */
function substitute(text: string, variables: Record<string, string>, source = "template"): string {
  return text.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[=-])([^}]*))?\}/g,
    (_match, name: string, operator: string | undefined, fallback: string | undefined) => {
      const value = variables[name];
      if (value !== undefined && (value !== "" || !operator?.startsWith(":"))) return value;
      if (operator !== undefined) return fallback!;
      throw new Error(
        `Cannot substitute \${${name}} in ${source}: it is not set and has no default`,
      );
    },
  );
}

/** The non-empty documents of a YAML text; a syntax error fails with the file's name. */
function documentsOf(text: string, source: string): Json[] {
  return parseAllDocuments(text).flatMap((document) => {
    if (document.errors.length > 0) {
      throw new Error(`Cannot parse ${source}: ${document.errors[0].message}`);
    }
    const value = document.toJS();
    return value === null ? [] : [value];
  });
}

function yamlFiles(dir = PROVIDER, prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return yamlFiles(join(dir, entry.name), `${prefix}${entry.name}/`);
    return entry.name.endsWith(".yaml") ? [`${prefix}${entry.name}`] : [];
  });
}

const read = (name: string) => readFileSync(join(PROVIDER, name), "utf8");
const rendered = (name: string) =>
  documentsOf(substitute(read(name), CLUSTERCTL_VARIABLES, name), name);
const crds = () =>
  readdirSync(join(PROVIDER, "crds")).sort().flatMap((name) =>
    documentsOf(read(`crds/${name}`), name)
  );
const schemaOf = (kind: string): Json =>
  crds().find((crd) => crd.spec.names.kind === kind).spec.versions[0].schema.openAPIV3Schema;

/** Schema nodes without a type; a structural schema types every node (apiextensions rules). */
function untyped(schema: Json, path: string): string[] {
  const own = schema.type || schema["x-kubernetes-preserve-unknown-fields"] ||
      schema["x-kubernetes-int-or-string"]
    ? []
    : [path];
  const children = [
    ...Object.entries(schema.properties ?? {}).map(([key, child]) => [`${path}.${key}`, child]),
    ...(schema.items ? [[`${path}[]`, schema.items]] : []),
    ...(typeof schema.additionalProperties === "object"
      ? [[`${path}{}`, schema.additionalProperties]]
      : []),
  ] as [string, Json][];
  return [...own, ...children.flatMap(([childPath, child]) => untyped(child, childPath))];
}

/** What a real API server would reject or prune in `value`: a small OpenAPI v3 validator. */
function violations(value: Json, schema: Json, path = ""): string[] {
  const here = path || "<root>";
  if (schema["x-kubernetes-preserve-unknown-fields"] && !schema.type) return [];
  const problems: string[] = [];
  switch (schema.type) {
    case "object": {
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        return [`${here}: not an object`];
      }
      for (const key of schema.required ?? []) {
        if (!(key in value)) problems.push(`${here}: missing ${key}`);
      }
      for (const [key, child] of Object.entries(value)) {
        const childSchema = schema.properties?.[key] ??
          (typeof schema.additionalProperties === "object" ? schema.additionalProperties : null);
        if (childSchema) problems.push(...violations(child, childSchema, `${path}.${key}`));
        else if (schema.properties) problems.push(`${path}.${key}: unknown field`);
      }
      return problems;
    }
    case "array":
      if (!Array.isArray(value)) return [`${here}: not an array`];
      return value.flatMap((item, index) => violations(item, schema.items, `${path}[${index}]`));
    case "string":
      if (typeof value !== "string") return [`${here}: not a string`];
      if (schema.pattern && !new RegExp(schema.pattern, "u").test(value)) {
        problems.push(`${here}: ${JSON.stringify(value)} does not match ${schema.pattern}`);
      }
      break;
    case "integer":
      if (!Number.isInteger(value)) return [`${here}: not an integer`];
      if (value < (schema.minimum ?? -Infinity) || value > (schema.maximum ?? Infinity)) {
        problems.push(`${here}: ${value} out of range`);
      }
      break;
    case "boolean":
      if (typeof value !== "boolean") return [`${here}: not a boolean`];
  }
  if (schema.enum && !schema.enum.includes(value)) problems.push(`${here}: ${value} not allowed`);
  return problems;
}

const conditions = (types: string[]) =>
  types.map((type) => ({
    type,
    status: "True",
    reason: "Provisioned",
    message: "",
    lastTransitionTime: "2025-01-01T00:00:00Z",
    observedGeneration: 1,
  }));
/** Statuses as the fkas controller writes them (the API it is written to). */
const CLUSTER_STATUS = {
  ready: true,
  initialization: { provisioned: true },
  conditions: conditions(["Ready"]),
  // The v1beta2 contract's list shape.
  failureDomains: [{ name: "fd-1", controlPlane: true, attributes: { zone: "a" } }],
};
const MACHINE_STATUS = {
  ready: true,
  initialization: { provisioned: true },
  addresses: [{ type: "InternalIP", address: "10.0.0.7" }, {
    type: "Hostname",
    address: "demo-cp-1",
  }],
  failureDomain: "fd-1",
  conditions: conditions([
    "VMProvisioned",
    "NodeProvisioned",
    "EtcdProvisioned",
    "APIServerProvisioned",
    "Ready",
  ]),
};

/** Every template file: the v1beta2 flavors (CAPI v1.11+) and their v1beta1 copies (CAPI v1.10). */
const TEMPLATES = [
  "cluster-template.yaml",
  "cluster-template-topology.yaml",
  "clusterclass-fkas.yaml",
  "cluster-template-v1beta1.yaml",
  "cluster-template-topology-v1beta1.yaml",
  "clusterclass-fkas-v1beta1.yaml",
];

describe("the clusterctl provider manifests", () => {
  it("every YAML file under deploy/provider parses", () => {
    const files = yamlFiles();
    for (
      const required of [
        "infrastructure-components.yaml",
        "metadata.yaml",
        ...TEMPLATES,
      ]
    ) assert.ok(files.includes(required), `${required} exists`);
    for (const file of files) assert.ok(documentsOf(read(file), file).length > 0, file);
  });

  it("infrastructure-components.yaml is what build.ts makes of crds/ and config/", () => {
    assert.equal(read("infrastructure-components.yaml"), buildComponents());
  });

  it("CRDs are namespaced, labelled for clusterctl and CAPI contracts, with structural schemas", () => {
    const definitions = crds();
    assert.deepEqual(definitions.map((crd) => crd.spec.names.kind).sort(), [
      "FkasCluster",
      "FkasClusterTemplate",
      "FkasMachine",
      "FkasMachineTemplate",
    ]);
    for (const crd of definitions) {
      const { kind, plural } = crd.spec.names;
      assert.equal(crd.metadata.name, `${plural}.infrastructure.cluster.x-k8s.io`);
      assert.equal(plural, `${kind.toLowerCase()}s`);
      assert.equal(crd.spec.scope, "Namespaced");
      assert.ok(crd.spec.names.categories.includes("cluster-api"), kind);
      assert.deepEqual(crd.metadata.labels, CRD_LABELS, kind);
      assert.deepEqual(crd.spec.versions.map((v: Json) => [v.name, v.served, v.storage]), [[
        "v1alpha1",
        true,
        true,
      ]]);
      assert.deepEqual(untyped(crd.spec.versions[0].schema.openAPIV3Schema, kind), []);
      const hasStatus = !kind.endsWith("Template");
      assert.equal(Boolean(crd.spec.versions[0].subresources?.status), hasStatus, kind);
    }
  });

  it("the controller's statuses fit the CRDs, and their printer columns read them", () => {
    assert.deepEqual(violations({ status: CLUSTER_STATUS }, schemaOf("FkasCluster")), []);
    const v1beta1Map = { ...CLUSTER_STATUS, failureDomains: { "fd-1": { controlPlane: true } } };
    assert.deepEqual(violations({ status: v1beta1Map }, schemaOf("FkasCluster")), [
      ".status.failureDomains: not an array",
    ]);
    assert.deepEqual(violations({ status: MACHINE_STATUS }, schemaOf("FkasMachine")), []);
    const columns = (kind: string) =>
      crds().find((crd) => crd.spec.names.kind === kind).spec.versions[0]
        .additionalPrinterColumns.map((c: Json) => c.name);
    assert.deepEqual(columns("FkasCluster"), ["Cluster", "Host", "Port", "Ready", "Age"]);
    assert.deepEqual(columns("FkasMachine"), ["Cluster", "ProviderID", "Ready", "Age"]);
  });

  it("the schema validator used below catches typos and bad delays", () => {
    const typo = { spec: { template: { spec: { vm: { provisionig: {} } } } } };
    assert.deepEqual(violations(typo, schemaOf("FkasMachineTemplate")), [
      ".spec.template.spec.vm.provisionig: unknown field",
    ]);
    const bad = { spec: { node: { provisioning: { startupDuration: "2", startupJitter: "x" } } } };
    assert.equal(violations(bad, schemaOf("FkasMachine")).length, 2);
  });

  it("templates render with clusterctl's variables, and their Fkas objects fit the CRDs", () => {
    const objects = ["cluster-template.yaml", "cluster-template-topology.yaml"]
      .flatMap(rendered).concat(rendered("clusterclass-fkas.yaml"));
    const fkas = objects.filter((o) => o.apiVersion.startsWith("infrastructure.cluster.x-k8s.io/"));
    assert.deepEqual(fkas.map((o) => o.kind).sort(), [
      "FkasCluster",
      "FkasClusterTemplate",
      "FkasMachineTemplate",
      "FkasMachineTemplate",
      "FkasMachineTemplate",
      "FkasMachineTemplate",
    ]);
    for (const object of fkas) {
      assert.equal(object.apiVersion, "infrastructure.cluster.x-k8s.io/v1alpha1");
      assert.deepEqual(violations(object, schemaOf(object.kind)), [], object.metadata.name);
    }
    const [cp] = fkas.filter((o) => o.metadata.name === "demo-control-plane");
    assert.deepEqual(cp.spec.template.spec.vm, {
      provisioning: { startupDuration: "10s", startupJitter: "0.2" },
    });
    for (const phase of ["node", "etcd", "apiServer"]) {
      assert.equal(cp.spec.template.spec[phase].provisioning.startupDuration, "2s");
    }
    const byKind = (kind: string) => objects.filter((o) => o.kind === kind);
    assert.equal(byKind("KubeadmControlPlane")[0].spec.replicas, 3);
    assert.equal(byKind("KubeadmControlPlane")[0].spec.version, "v1.33.1");
    assert.equal(byKind("MachineDeployment")[0].spec.replicas, 2);
    assert.deepEqual(byKind("Cluster")[0].spec.clusterNetwork.pods.cidrBlocks, ["192.168.0.0/16"]);
    const topology = byKind("Cluster")[1].spec.topology;
    assert.equal(topology.classRef.name, byKind("ClusterClass")[0].metadata.name);
    assert.equal(topology.workers.machineDeployments[0].class, "default-worker");
    assert.equal(topology.controlPlane.replicas, 3);
  });

  it("the default flavors use CAPI's v1beta2 API; the v1beta1 flavors hold the same objects", () => {
    const kinds = (files: string[]) => files.flatMap(rendered).map((o) => o.kind).sort();
    const current = [
      "cluster-template.yaml",
      "cluster-template-topology.yaml",
      "clusterclass-fkas.yaml",
    ];
    const v1beta1 = current.map((f) => f.replace(".yaml", "-v1beta1.yaml"));
    assert.deepEqual(kinds(current), kinds(v1beta1));
    for (const object of current.flatMap(rendered)) {
      if (object.apiVersion.startsWith("infrastructure.")) continue;
      assert.match(object.apiVersion, /\/v1beta2$/, `${object.kind} ${object.metadata.name}`);
    }
    for (const object of v1beta1.flatMap(rendered)) {
      if (object.apiVersion.startsWith("infrastructure.")) continue;
      assert.match(object.apiVersion, /\/v1beta1$/, `${object.kind} ${object.metadata.name}`);
    }
    // v1beta2 references name an apiGroup (ContractVersionedObjectReference), never a version.
    const [cluster] = rendered("cluster-template.yaml");
    assert.deepEqual(cluster.spec.infrastructureRef, {
      apiGroup: "infrastructure.cluster.x-k8s.io",
      kind: "FkasCluster",
      name: "demo",
    });
    const kcp = rendered("cluster-template.yaml").find((o) => o.kind === "KubeadmControlPlane");
    assert.equal(kcp.spec.machineTemplate.spec.infrastructureRef.kind, "FkasMachineTemplate");
    const [classV1beta1] = rendered("clusterclass-fkas-v1beta1.yaml").filter((o) =>
      o.kind === "ClusterClass"
    );
    assert.equal(classV1beta1.metadata.name, "fkas-v1beta1");
    assert.equal(
      rendered("cluster-template-topology-v1beta1.yaml")[0].spec.topology.class,
      "fkas-v1beta1",
    );
  });

  it("components: one Namespace, everything labelled, the image a clusterctl variable", () => {
    const text = read("infrastructure-components.yaml");
    assert.deepEqual([...text.matchAll(/\$\{[^}]*\}/g)].map((m) => m[0]), [
      "${FKAS_IMAGE:=fkas:0.1.0}",
    ]);
    const objects = documentsOf(substitute(text, {}), "infrastructure-components.yaml");
    assert.deepEqual(objects.filter((o) => o.kind === "Namespace").map((o) => o.metadata.name), [
      "fkas-system",
    ]);
    for (const object of objects) {
      const name = `${object.kind} ${object.metadata.name}`;
      assert.equal(object.metadata.labels?.["cluster.x-k8s.io/provider"], PROVIDER_LABEL, name);
      const clusterScoped = [
        "Namespace",
        "CustomResourceDefinition",
        "ClusterRole",
        "ClusterRoleBinding",
      ]
        .includes(object.kind);
      assert.equal(object.metadata.namespace, clusterScoped ? undefined : "fkas-system", name);
    }
    const deployment = objects.find((o) => o.kind === "Deployment");
    const container = deployment.spec.template.spec.containers[0];
    assert.equal(container.image, "fkas:0.1.0");
    assert.deepEqual(container.args, [
      "serve",
      "--provider",
      "--advertise-host",
      "fkas-controller-manager.fkas-system.svc",
      "--control-address",
      "0.0.0.0:3333",
      "--log-format",
      "json",
    ]);
    assert.deepEqual(container.env, [
      { name: "POD_IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } },
      {
        name: "FKAS_CONTROL_TOKEN",
        valueFrom: { secretKeyRef: { name: "fkas-control-token", key: "token", optional: true } },
      },
      { name: "FKAS_DATA_DIR", value: "/var/lib/fkas" },
    ]);
    assert.equal(container.securityContext.readOnlyRootFilesystem, true);
    assert.deepEqual(container.securityContext.capabilities.drop, ["ALL"]);
    // Least privilege: no wildcards, nothing deleted, nothing created but events.
    const role = objects.find((o) => o.kind === "ClusterRole");
    for (const rule of role.rules) {
      assert.ok(!rule.verbs.includes("*") && !rule.resources.includes("*"), rule.resources.join());
      assert.ok(!rule.verbs.includes("delete"), rule.resources.join());
      if (rule.verbs.includes("create")) assert.deepEqual(rule.resources, ["events"]);
    }
  });

  it("the test's substitution follows clusterctl: defaults, empty values, missing variables", () => {
    assert.equal(substitute("${A}-${B:=b}-${C=c}-${D:-d}", { A: "a", B: "", C: "" }), "a-b--d");
    assert.throws(() => substitute("x: ${MISSING}", {}, "t.yaml"), /\$\{MISSING\} in t\.yaml/);
  });

  it("metadata.yaml maps the 0.1 series to a CAPI contract", () => {
    const [metadata] = documentsOf(read("metadata.yaml"), "metadata.yaml");
    assert.equal(metadata.apiVersion, "clusterctl.cluster.x-k8s.io/v1alpha3");
    assert.equal(metadata.kind, "Metadata");
    assert.deepEqual(metadata.releaseSeries, [{ major: 0, minor: 1, contract: "v1beta1" }]);
  });
});

/** A CRD that accepts anything, standing in for a CAPI kind (Cluster, KubeadmControlPlane...). */
function looseCrd(apiVersions: string[], kind: string): Json {
  const [group] = apiVersions[0].split("/");
  const plural = kind.toLowerCase() + (kind.endsWith("s") ? "es" : "s");
  return freeFormCrd(group, plural, kind, apiVersions.map((v) => v.split("/")[1]));
}

describe("the provider manifests against a fake cluster", {
  skip: hasKubectl ? false : "kubectl is not installed",
}, () => {
  let fkas: FkasProcess;
  let kubeconfig: string;
  // Manifests and a clusterctl repository; removed after the tests.
  const scratch = new ScratchDir("fkas-provider-");
  const write = (name: string, objects: Json[]) =>
    scratch.write(name, objects.map((o) => stringify(o)).join("---\n"));

  before(async () => {
    fkas = await startFkasProcess();
    kubeconfig = (await fkas.activate("default", "mgmt")).path;
    kubectl(kubeconfig, "create", "namespace", "demo");
  });
  after(async () => {
    scratch.remove();
    await fkas.stop();
  });

  it("the CRDs apply server-side and serve FkasClusters and FkasMachines with their columns", () => {
    const applied = kubectl(kubeconfig, "apply", "--server-side", "-f", join(PROVIDER, "crds"));
    assert.equal(applied.trim().split("\n").length, 4, applied);
    const labels = { "cluster.x-k8s.io/cluster-name": "demo" };
    const objects = [
      {
        apiVersion: "infrastructure.cluster.x-k8s.io/v1alpha1",
        kind: "FkasCluster",
        metadata: { name: "demo", namespace: "demo", labels },
        spec: { controlPlaneEndpoint: { host: "10.0.0.7", port: 20001 } },
      },
      {
        apiVersion: "infrastructure.cluster.x-k8s.io/v1alpha1",
        kind: "FkasMachine",
        metadata: { name: "demo-cp-1", namespace: "demo", labels },
        spec: { providerID: "fkas://demo-cp-1", vm: { provisioning: { startupDuration: "1s" } } },
      },
    ];
    kubectl(kubeconfig, "apply", "-f", write("objects.yaml", objects));
    for (
      const [resource, status] of [["fkascluster/demo", CLUSTER_STATUS], [
        "fkasmachine/demo-cp-1",
        MACHINE_STATUS,
      ]] as const
    ) {
      kubectl(
        kubeconfig,
        "patch",
        "-n",
        "demo",
        resource,
        "--subresource=status",
        "--type=merge",
        "-p",
        JSON.stringify({ status }),
      );
    }
    // The Cluster column's JSONPath is .metadata.labels['cluster\.x-k8s\.io/cluster-name'], as in
    // every CAPI CRD.
    const clusters = kubectl(kubeconfig, "get", "fkasclusters", "-n", "demo");
    assert.match(clusters, /^NAME\s+CLUSTER\s+HOST\s+PORT\s+READY\s+AGE\n/);
    assert.match(clusters, /\ndemo\s+demo\s+10\.0\.0\.7\s+20001\s+true\s+\S+/);
    const machines = kubectl(kubeconfig, "get", "fkasmachines", "-n", "demo");
    assert.match(machines, /^NAME\s+CLUSTER\s+PROVIDERID\s+READY\s+AGE\n/);
    assert.match(machines, /\ndemo-cp-1\s+demo\s+fkas:\/\/demo-cp-1\s+true\s+\S+/);
    const all = kubectl(kubeconfig, "get", "cluster-api", "-n", "demo", "-o", "name");
    assert.match(all, /fkascluster\.infrastructure\.cluster\.x-k8s\.io\/demo/);
    assert.match(all, /fkasmachine\.infrastructure\.cluster\.x-k8s\.io\/demo-cp-1/);
  });

  it("the rest of infrastructure-components.yaml passes client- and server-side dry runs", () => {
    const objects = documentsOf(
      substitute(read("infrastructure-components.yaml"), {}),
      "infrastructure-components.yaml",
    ).filter((o) => o.kind !== "CustomResourceDefinition");
    const namespace = objects.filter((o) => o.kind === "Namespace");
    kubectl(kubeconfig, "apply", "-f", write("namespace.yaml", namespace));
    const rest = objects.filter((o) => o.kind !== "Namespace");
    const client = kubectl(
      kubeconfig,
      "apply",
      "--dry-run=client",
      "-f",
      write("components.yaml", rest),
    );
    assert.equal(client.match(/\(dry run\)/g)?.length, rest.length, client);
    const output = kubectl(
      kubeconfig,
      "apply",
      "--dry-run=server",
      "-f",
      write("components.yaml", rest),
    );
    for (const object of rest) {
      assert.match(
        output,
        new RegExp(`${object.metadata.name} (created|configured) \\(server dry run\\)`),
      );
    }
    assert.equal(
      spawnSync("kubectl", ["--kubeconfig", kubeconfig, "get", "deployment", "-n", "fkas-system"], {
        encoding: "utf8",
      }).stdout,
      "",
      "a dry run creates nothing",
    );
  });

  it("every template's objects pass a server-side dry run (CAPI kinds as schemaless CRDs)", () => {
    const templates = TEMPLATES;
    const objects = templates.flatMap(rendered);
    const capiVersions = new Map<string, Set<string>>();
    for (const object of objects) {
      if (object.apiVersion.startsWith("infrastructure.cluster.x-k8s.io/")) continue;
      const versions = capiVersions.get(object.kind) ?? new Set<string>();
      capiVersions.set(object.kind, versions.add(object.apiVersion));
    }
    const capiKinds = new Map(
      [...capiVersions].map(([kind, versions]) => [kind, looseCrd([...versions].sort(), kind)]),
    );
    assert.deepEqual([...capiKinds.keys()].sort(), [
      "Cluster",
      "ClusterClass",
      "KubeadmConfigTemplate",
      "KubeadmControlPlane",
      "KubeadmControlPlaneTemplate",
      "MachineDeployment",
    ]);
    kubectl(kubeconfig, "apply", "-f", write("capi-crds.yaml", [...capiKinds.values()]));
    for (const template of templates) {
      for (const mode of ["client", "server"]) {
        const output = kubectl(
          kubeconfig,
          "apply",
          `--dry-run=${mode}`,
          "-n",
          "demo",
          "-f",
          write(template, rendered(template)),
        );
        assert.equal(
          // kubectl marks them "(dry run)" and "(server dry run)".
          output.match(mode === "client" ? /\(dry run\)/g : /\(server dry run\)/g)?.length,
          rendered(template).length,
          `${template}, --dry-run=${mode}:\n${output}`,
        );
      }
    }
  });

  it("clusterctl renders both flavors from a local repository", {
    skip: hasClusterctl ? false : "clusterctl is not installed",
  }, () => {
    const dir = scratch.path;
    const version = join(dir, "repository", PROVIDER_LABEL, "v0.1.0");
    mkdirSync(version, { recursive: true });
    for (
      const file of [
        "infrastructure-components.yaml",
        "metadata.yaml",
        ...TEMPLATES,
      ]
    ) copyFileSync(join(PROVIDER, file), join(version, file));
    const config = join(dir, "clusterctl.yaml");
    writeFileSync(
      config,
      stringify({
        overridesFolder: join(dir, "overrides"),
        providers: [{
          name: "fkas",
          type: "InfrastructureProvider",
          url: `file://${join(version, "infrastructure-components.yaml")}`,
        }],
      }),
    );
    for (const flavor of [[], ["--flavor", "topology"]]) {
      const output = execFileSync("clusterctl", [
        "generate",
        "cluster",
        "demo",
        "--config",
        config,
        "--kubeconfig",
        kubeconfig,
        "--infrastructure",
        "fkas:v0.1.0",
        "--target-namespace",
        "demo",
        "--kubernetes-version",
        "v1.33.1",
        "--control-plane-machine-count",
        "3",
        "--worker-machine-count",
        "2",
        ...flavor,
      ], {
        encoding: "utf8",
        timeout: 60_000,
        env: { ...process.env, CLUSTERCTL_DISABLE_VERSIONCHECK: "true" },
      });
      const objects = documentsOf(output, `clusterctl generate cluster ${flavor.join(" ")}`);
      const expected = flavor.length > 0
        ? [...rendered("cluster-template-topology.yaml"), ...rendered("clusterclass-fkas.yaml")]
        : rendered("cluster-template.yaml");
      assert.deepEqual(objects.map((o) => o.kind).sort(), expected.map((o) => o.kind).sort());
      assert.ok(
        objects.every((o) => o.metadata.namespace === "demo"),
        "all in the target namespace",
      );
    }
  });
});
