// deploy/: every manifest is applied (server dry run) by real kubectl against a fake cluster, and
// the Deployment and RBAC say what the README promises. fkas checks kinds, versions and namespaces
// but not field schemas, so the fields that matter are asserted from the YAML as well.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parse, parseAllDocuments } from "yaml";
import { type FkasProcess, startFkasProcess } from "./fkas_process.ts";

const hasKubectl = spawnSync("kubectl", ["version", "--client"], { encoding: "utf8" }).status === 0;
const DEPLOY = fileURLToPath(new URL("../../deploy/", import.meta.url));
const METAL3 = join(DEPLOY, "metal3");
const CONTROL_TOKEN = join(DEPLOY, "control-token");
const PERSISTENT_DATA = join(DEPLOY, "persistent-data");
const SHARDED = join(DEPLOY, "sharded");

/** A Kubernetes object as read from YAML. */
type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  // Untyped YAML: the assertions below are the schema.
  // deno-lint-ignore no-explicit-any
  [key: string]: any;
};
interface ManifestFile {
  readonly path: string;
  readonly documents: Manifest[];
}

/** The YAML files in `dir` (not below it), with their documents parsed (kustomization.yaml too). */
function readManifests(dir: string): ManifestFile[] {
  return readdirSync(dir, { encoding: "utf8" })
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => {
      const path = join(dir, name);
      const documents = parseAllDocuments(readFileSync(path, "utf8")).map((document) => {
        assert.equal(document.errors.length, 0, `${name}: ${document.errors.join("; ")}`);
        return document.toJS() as Manifest;
      });
      return { path, documents };
    });
}

const isKustomization = (file: ManifestFile) => basename(file.path) === "kustomization.yaml";
const isPatch = (file: ManifestFile) => basename(file.path).endsWith("_patch.yaml");

/** The objects in `files`, without kustomizations and patches. */
function objectsOf(files: ManifestFile[]): Manifest[] {
  return files.filter((file) => !isKustomization(file) && !isPatch(file))
    .flatMap((file) => file.documents);
}

/** How kubectl names an object in what it prints: `deployment.apps/fkas`, `service/fkas`. */
function kubectlName(object: Manifest): string {
  const group = object.apiVersion.includes("/") ? `.${object.apiVersion.split("/")[0]}` : "";
  return `${object.kind.toLowerCase()}${group}/${object.metadata.name}`;
}

/** The line `kubectl apply --dry-run=server` prints for `object`. */
function appliedLine(object: Manifest): RegExp {
  const name = kubectlName(object).replaceAll(".", "\\.");
  return new RegExp(`^${name} (created|configured|unchanged) \\(server dry run\\)$`, "m");
}

// fkas itself: deploy/ and its metal3 component (other folders of deploy/ ship other things).
const baseFiles = readManifests(DEPLOY);
const metal3Files = readManifests(METAL3);
const tokenFiles = readManifests(CONTROL_TOKEN);
const persistentFiles = readManifests(PERSISTENT_DATA);
const shardedFiles = readManifests(SHARDED);
// The PersistentVolumeClaim of persistent-data is not a kind fkas serves: built, not applied.
const files = [...baseFiles, ...metal3Files, ...tokenFiles];
const objects = objectsOf(files);
const one = (kind: string, name: string) => {
  const found = objects.filter((object) => object.kind === kind && object.metadata.name === name);
  assert.equal(found.length, 1, `exactly one ${kind} ${name} in deploy/`);
  return found[0];
};

describe("deploy/ manifests", () => {
  it("every manifest file is part of a kustomization", () => {
    const listed = (dir: string) => {
      const { resources = [], patches = [] } = parse(
        readFileSync(join(dir, "kustomization.yaml"), "utf8"),
      );
      return [...resources, ...patches.map((patch: { path: string }) => patch.path)]
        .map((entry: string) => join(dir, entry));
    };
    const covered = new Set([
      ...listed(DEPLOY),
      ...listed(METAL3),
      ...listed(CONTROL_TOKEN),
      ...listed(PERSISTENT_DATA),
      ...listed(SHARDED),
    ]);
    const all = [...files, ...persistentFiles, ...shardedFiles];
    for (const file of all.filter((file) => !isKustomization(file))) {
      assert.ok(covered.has(file.path), `${relative(DEPLOY, file.path)} is in a kustomization`);
    }
  });

  it("the Deployment runs one non-root, read-only replica probed on /readyz and /healthz", () => {
    const deployment = one("Deployment", "fkas");
    assert.equal(deployment.spec.replicas, 1, "clusters live in one process");
    const pod = deployment.spec.template.spec;
    assert.equal(pod.hostNetwork, undefined, "hostNetwork stays opt-in");
    assert.equal(pod.serviceAccountName, "fkas");
    assert.equal(pod.containers.length, 1);
    const [container] = pod.containers;
    assert.deepEqual(container.ports, [{ name: "control", containerPort: 3333, protocol: "TCP" }]);
    assert.deepEqual(container.readinessProbe.httpGet, { path: "/readyz", port: "control" });
    assert.deepEqual(container.livenessProbe.httpGet, { path: "/healthz", port: "control" });
    assert.deepEqual(container.env, [
      { name: "POD_IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } },
      { name: "FKAS_DATA_DIR", value: "/var/lib/fkas" },
    ]);
    // State survives container restarts on an emptyDir (persistent-data: a PVC).
    assert.deepEqual(container.volumeMounts, [{ name: "data", mountPath: "/var/lib/fkas" }]);
    assert.deepEqual(pod.volumes, [{ name: "data", emptyDir: {} }]);
    assert.deepEqual(container.args.slice(0, 3), ["serve", "--watch", "machines"]);
    const security = container.securityContext;
    assert.equal(pod.securityContext.runAsNonRoot, true);
    assert.equal(security.runAsNonRoot, true);
    assert.equal(security.runAsUser, 65532);
    assert.equal(security.readOnlyRootFilesystem, true);
    assert.equal(security.allowPrivilegeEscalation, false);
    assert.deepEqual(security.capabilities.drop, ["ALL"]);
    assert.equal(security.seccompProfile.type, "RuntimeDefault");
    assert.equal(container.resources.limits.memory, "2Gi");
  });

  it("the Service selects the Deployment's pods and targets the control port", () => {
    const deployment = one("Deployment", "fkas");
    const service = one("Service", "fkas");
    assert.deepEqual(service.spec.selector, deployment.spec.template.metadata.labels);
    assert.deepEqual(
      deployment.spec.selector.matchLabels,
      deployment.spec.template.metadata.labels,
    );
    assert.deepEqual(service.spec.ports.map((port: Manifest) => [port.port, port.targetPort]), [
      [3333, "control"],
    ]);
  });

  it("no ClusterRole grants list or watch on secrets, and every binding names fkas's account", () => {
    for (const role of objects.filter((object) => object.kind === "ClusterRole")) {
      for (const rule of role.rules) {
        if (
          !rule.resources.some((resource: string) => resource === "secrets" || resource === "*")
        ) {
          continue;
        }
        assert.ok(
          rule.apiGroups.includes("") || rule.apiGroups.includes("*"),
          `${role.metadata.name}: a secrets rule in the core group`,
        );
        for (const verb of ["list", "watch", "*"]) {
          assert.ok(!rule.verbs.includes(verb), `${role.metadata.name} must not ${verb} secrets`);
        }
      }
    }
    assert.deepEqual(one("ClusterRole", "fkas-ca-secrets").rules, [
      { apiGroups: [""], resources: ["secrets"], verbs: ["get"] },
    ]);
    assert.ok(
      !objects.some((object) =>
        object.kind === "ClusterRoleBinding" && object.roleRef.name === "fkas-ca-secrets"
      ),
      "the CA Secrets role is bound per namespace",
    );
    const bindings = objects.filter((object) => object.kind.endsWith("RoleBinding"));
    assert.ok(bindings.length >= 3);
    for (const binding of bindings) {
      assert.equal(binding.roleRef.kind, "ClusterRole");
      one("ClusterRole", binding.roleRef.name);
      assert.deepEqual(binding.subjects, [
        { kind: "ServiceAccount", name: "fkas", namespace: "fkas-system" },
      ]);
    }
  });

  it("the control API listens on every interface of the pod, where the Service reaches it", () => {
    const args: string[] = one("Deployment", "fkas").spec.template.spec.containers[0].args;
    assert.equal(args[args.indexOf("--control-address") + 1], "0.0.0.0:3333");
  });

  it("the control-token component adds FKAS_CONTROL_TOKEN from a required Secret, nothing else", () => {
    assert.deepEqual(objectsOf(tokenFiles), [], "the Secret is the operator's, not in git");
    const patch = tokenFiles.find((file) => isPatch(file))!.documents[0];
    assert.equal(patch.kind, "Deployment");
    assert.equal(patch.metadata.name, "fkas");
    const [container] = patch.spec.template.spec.containers;
    assert.equal(container.name, "fkas");
    assert.deepEqual(container.env, [{
      name: "FKAS_CONTROL_TOKEN",
      valueFrom: { secretKeyRef: { name: "fkas-control-token", key: "token" } },
    }]);
  });

  it("the sharded component runs a parallel StatefulSet whose FKAS_PEERS name every replica", () => {
    const sharded = objectsOf(shardedFiles);
    const set = sharded.find((object) => object.kind === "StatefulSet")!;
    const headless = sharded.find((object) => object.kind === "Service")!;
    const budget = sharded.find((object) => object.kind === "PodDisruptionBudget")!;
    assert.equal(set.metadata.name, "fkas", "pods fkas-0, fkas-1, ...: the ordinal is the index");
    assert.equal(set.spec.podManagementPolicy, "Parallel");
    assert.equal(set.spec.serviceName, headless.metadata.name);
    assert.equal(headless.spec.clusterIP, "None");
    assert.equal(headless.spec.publishNotReadyAddresses, true);
    const labels = set.spec.template.metadata.labels;
    // The base's Service `fkas` selects the replicas too: it stays the one control address.
    assert.deepEqual(one("Service", "fkas").spec.selector, labels);
    assert.deepEqual(headless.spec.selector, labels);
    assert.deepEqual(budget.spec.selector.matchLabels, labels);
    assert.equal(budget.spec.maxUnavailable, 1);
    const env = Object.fromEntries(
      set.spec.template.spec.containers[0].env.map((e: Manifest) => [e.name, e.value]),
    );
    const peers = env.FKAS_PEERS.split(",");
    assert.equal(peers.length, set.spec.replicas);
    peers.forEach((url: string, i: number) =>
      assert.equal(url, `http://fkas-${i}.${headless.metadata.name}.fkas-system.svc:3333`)
    );
    assert.equal(env.FKAS_ADVERTISE_HOST, "$(POD_NAME).fkas-replicas.fkas-system.svc");
    assert.equal(env.FKAS_SHARD_INDEX, undefined, "the index comes from the host name");
    assert.deepEqual(set.spec.volumeClaimTemplates.map((c: Manifest) => c.metadata.name), ["data"]);
  });

  it("the Metal3 component adds read access to BareMetalHosts and Metal3Machines only", () => {
    assert.deepEqual(objectsOf(metal3Files).map(kubectlName), [
      "clusterrole.rbac.authorization.k8s.io/fkas-metal3",
      "clusterrolebinding.rbac.authorization.k8s.io/fkas-metal3",
    ]);
    const rules = one("ClusterRole", "fkas-metal3").rules;
    assert.deepEqual(
      rules.flatMap((rule: Manifest) =>
        rule.resources.map((resource: string) => `${resource}.${rule.apiGroups.join()}`)
      ),
      ["baremetalhosts.metal3.io", "metal3machines.infrastructure.cluster.x-k8s.io"],
    );
    for (const rule of rules) assert.deepEqual(rule.verbs, ["get", "list", "watch"]);
  });
});

describe("deploy/ applied by kubectl (server dry run)", {
  skip: hasKubectl ? false : "kubectl is not installed",
}, () => {
  let fkas: FkasProcess;
  let kubeconfig: string;
  const scratch = mkdtempSync(join(tmpdir(), "fkas-deploy-"));
  const kubectl = (...args: string[]) =>
    execFileSync("kubectl", ["--kubeconfig", kubeconfig, ...args], {
      encoding: "utf8",
      timeout: 60_000,
      stdio: ["ignore", "pipe", "pipe"],
    });

  before(async () => {
    fkas = await startFkasProcess();
    kubeconfig = (await fkas.activate("default", "mgmt")).path;
    // A dry run creates nothing, so objects in fkas-system need the namespace for real first,
    // as they would from kube-apiserver.
    kubectl("apply", "-f", join(DEPLOY, "namespace.yaml"));
  });
  after(async () => {
    rmSync(scratch, { recursive: true, force: true });
    const code = await fkas.stop();
    if (code !== null) assert.equal(code, 0, "fkas exits 0 on SIGTERM");
  });

  it("kubectl apply -k deploy accepts every object of the base", () => {
    const output = kubectl("apply", "--dry-run=server", "-k", DEPLOY);
    for (const object of objectsOf(baseFiles)) {
      assert.match(output, appliedLine(object));
    }
  });

  it("the base with the metal3 component is accepted too, watching BareMetalHosts", () => {
    // Kustomize allows no absolute roots; a scratch kustomization points at deploy/ relatively.
    writeFileSync(
      join(scratch, "kustomization.yaml"),
      `resources:\n  - ${relative(scratch, DEPLOY)}\ncomponents:\n  - ${
        relative(scratch, METAL3)
      }\n`,
    );
    const output = kubectl("apply", "--dry-run=server", "-k", scratch);
    for (const object of objects) {
      assert.match(output, appliedLine(object));
    }
    const built = parseAllDocuments(kubectl("kustomize", scratch)).map((document) =>
      document.toJS() as Manifest
    );
    const deployment = built.find((object) => object.kind === "Deployment")!;
    assert.deepEqual(
      deployment.spec.template.spec.containers[0].args.slice(0, 3),
      ["serve", "--watch", "baremetalhosts"],
    );
  });

  it("the base with the control-token component (and metal3) is accepted, POD_IP kept", () => {
    const dir = join(scratch, "token");
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, "kustomization.yaml"),
      `resources:\n  - ${relative(dir, DEPLOY)}\ncomponents:\n  - ${relative(dir, METAL3)}\n  - ${
        relative(dir, CONTROL_TOKEN)
      }\n`,
    );
    const output = kubectl("apply", "--dry-run=server", "-k", dir);
    for (const object of objects) assert.match(output, appliedLine(object));
    const built = parseAllDocuments(kubectl("kustomize", dir)).map((document) =>
      document.toJS() as Manifest
    );
    const container = built.find((object) => object.kind === "Deployment")!.spec.template.spec
      .containers[0];
    // Kustomize puts the patch's entry first; the order of env entries without references is free.
    const byName = (a: Manifest, b: Manifest) => a.name.localeCompare(b.name);
    assert.deepEqual([...container.env].sort(byName), [
      {
        name: "FKAS_CONTROL_TOKEN",
        valueFrom: { secretKeyRef: { name: "fkas-control-token", key: "token" } },
      },
      { name: "FKAS_DATA_DIR", value: "/var/lib/fkas" },
      { name: "POD_IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } },
    ]);
    assert.deepEqual(container.args.slice(0, 3), ["serve", "--watch", "baremetalhosts"]);
  });

  it("the sharded component replaces the Deployment by the StatefulSet, and is accepted", () => {
    const dir = join(scratch, "sharded");
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, "kustomization.yaml"),
      `resources:\n  - ${relative(dir, DEPLOY)}\ncomponents:\n  - ${relative(dir, SHARDED)}\n`,
    );
    const built = parseAllDocuments(kubectl("kustomize", dir)).map((document) =>
      document.toJS() as Manifest
    );
    assert.equal(built.filter((object) => object.kind === "Deployment").length, 0);
    assert.equal(built.filter((object) => object.kind === "StatefulSet").length, 1);
    const output = kubectl("apply", "--dry-run=server", "-k", dir);
    for (const object of built) assert.match(output, appliedLine(object));
  });

  it("the persistent-data component puts the data dir on a PersistentVolumeClaim", () => {
    const dir = join(scratch, "persistent");
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, "kustomization.yaml"),
      `resources:\n  - ${relative(dir, DEPLOY)}\ncomponents:\n  - ${
        relative(dir, PERSISTENT_DATA)
      }\n`,
    );
    const built = parseAllDocuments(kubectl("kustomize", dir)).map((document) =>
      document.toJS() as Manifest
    );
    const claim = built.find((object) => object.kind === "PersistentVolumeClaim")!;
    assert.equal(claim.metadata.name, "fkas-data");
    assert.deepEqual(claim.spec.accessModes, ["ReadWriteOnce"]);
    const pod = built.find((object) => object.kind === "Deployment")!.spec.template.spec;
    assert.deepEqual(pod.volumes, [
      { name: "data", persistentVolumeClaim: { claimName: "fkas-data" } },
    ]);
    assert.equal(pod.securityContext.fsGroup, 65532);
    assert.deepEqual(pod.containers[0].volumeMounts, [{
      name: "data",
      mountPath: "/var/lib/fkas",
    }]);
  });
});
