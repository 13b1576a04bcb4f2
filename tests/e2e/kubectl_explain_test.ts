// Real kubectl explain and api-resources against fake clusters of two minors: the schema and surface of each.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { type FkasProcess, startFkasProcess } from "./fkas_process.ts";
import { hasKubectl, kubectl } from "./kubectl_runner.ts";

describe("kubectl explain and api-resources", {
  skip: hasKubectl ? false : "kubectl is not installed",
}, () => {
  let fkas: FkasProcess;
  before(async () => {
    fkas = await startFkasProcess();
  });
  after(async () => {
    await fkas.stop();
  });

  async function clusterAt(version: string): Promise<string> {
    const name = `explain-${version.split(".")[1]}`;
    await fkas.register("default", name);
    await fkas.updateNode({
      cluster: name,
      namespace: "default",
      nodeName: `${name}-cp-1`,
      labels: { "cluster.x-k8s.io/control-plane": "" },
      k8sversion: version,
    });
    return (await fkas.kubeconfig("default", name)).path;
  }

  for (const version of ["v1.29.4", "v1.33.2"]) {
    const minor = Number(version.split(".")[1]);
    it(`explains pods.spec.containers with upstream's text at ${version}`, async () => {
      const path = await clusterAt(version);
      const out = kubectl(path, "explain", "pods.spec.containers");
      assert.match(out, /^KIND:\s+Pod\nVERSION:\s+v1\n/);
      assert.match(out, /FIELD:\s+containers <\[\]Container>/);
      assert.match(
        out,
        /List of containers belonging to the pod\. Containers cannot currently be\s+added or removed\./,
      );
      assert.ok(out.includes("\n  name\t<string> -required-\n"));
      assert.ok(out.includes("\n  resizePolicy\t<[]ContainerResizePolicy>\n"));
      // Container.restartPolicy arrived with sidecar containers (1.28); stopSignal in 1.33.
      assert.ok(out.includes("\n  restartPolicy\t<string>\n"));
      assert.equal(
        kubectl(path, "explain", "pods.spec.containers.lifecycle").includes("\n  stopSignal\t"),
        minor >= 33,
      );

      // kube-apiserver publishes enums (OpenAPIEnums, on since 1.24) and their descriptions;
      // kubectl 1.33 lists them under ENUM (1.29's template does not).
      const dnsPolicy = kubectl(path, "explain", "pods.spec.dnsPolicy");
      assert.match(dnsPolicy, /Possible enum values:\n\s+- `"ClusterFirst"` indicates/);
      if (minor >= 33) {
        assert.match(
          dnsPolicy,
          /ENUM:\n\s+ClusterFirst\n\s+ClusterFirstWithHostNet\n\s+Default\n\s+None\n/,
        );
      }

      const recursive = kubectl(path, "explain", "deployment", "--recursive");
      assert.match(recursive, /^GROUP:\s+apps\nKIND:\s+Deployment\nVERSION:\s+v1\n/);
      assert.match(recursive, /Deployment enables declarative updates for Pods and ReplicaSets\./);
      assert.ok(
        recursive.includes(
          "\n    strategy\t<DeploymentStrategy>\n      rollingUpdate\t<RollingUpdateDeployment>\n        maxSurge\t<IntOrString>\n",
        ),
      );
      assert.ok(recursive.includes("\n        containers\t<[]Container> -required-\n"));
      // PodSpec.resources (pod-level resources) is a 1.32 field.
      assert.equal(
        recursive.includes("\n        resources\t<ResourceRequirements>\n"),
        minor >= 32,
      );
    });

    it(`applies with strategic merge keys from the served schema at ${version}`, async () => {
      const path = await clusterAt(version);
      const manifest = (containers: string) =>
        fkas.writeFile(
          `d-${Math.random()}.json`,
          JSON.stringify({
            apiVersion: "apps/v1",
            kind: "Deployment",
            metadata: { name: "merge", namespace: "default" },
            spec: {
              selector: { matchLabels: { app: "merge" } },
              template: {
                metadata: { labels: { app: "merge" } },
                spec: { containers: JSON.parse(containers) },
              },
            },
          }),
        );
      kubectl(
        path,
        "apply",
        "-f",
        manifest(
          '[{"name":"a","image":"a:1","env":[{"name":"X","value":"1"}]},{"name":"b","image":"b:1"}]',
        ),
      );
      // A container added by someone else survives the next apply (lists merge on "name"); b,
      // dropped from the manifest, is deleted by kubectl's patch.
      kubectl(
        path,
        "patch",
        "deployment",
        "merge",
        "--type=strategic",
        "-p",
        '{"spec":{"template":{"spec":{"containers":[{"name":"c","image":"c:1"}]}}}}',
      );
      kubectl(
        path,
        "apply",
        "-f",
        manifest('[{"name":"a","image":"a:2","env":[{"name":"X","value":"2"}]}]'),
      );
      const containers = JSON.parse(
        kubectl(
          path,
          "get",
          "deployment",
          "merge",
          "-o",
          "jsonpath={.spec.template.spec.containers}",
        ),
      ) as { name: string; image: string; env?: { value: string }[] }[];
      // apimachinery's mergeSortedSlice puts a patch item the server lacked (c) first, and keeps
      // the live order (c, a) when $setElementOrder names only a.
      assert.deepEqual(containers.map((c) => [c.name, c.image]), [["c", "c:1"], ["a", "a:2"]]);
      assert.equal(containers[1].env![0].value, "2");
    });

    it(`lists the minor's resources in api-resources at ${version}`, async () => {
      const path = await clusterAt(version);
      const rows = kubectl(path, "api-resources", "--no-headers").trim().split("\n").map((line) =>
        line.trim().split(/\s+/)
      );
      const byName = new Map(rows.map((row) => [`${row.at(-3)}/${row[0]}`, row]));
      assert.deepEqual(byName.get("v1/pods"), ["pods", "po", "v1", "true", "Pod"]);
      assert.deepEqual(byName.get("v1/componentstatuses"), [
        "componentstatuses",
        "cs",
        "v1",
        "false",
        "ComponentStatus",
      ]);
      assert.deepEqual(byName.get("apps/v1/deployments"), [
        "deployments",
        "deploy",
        "apps/v1",
        "true",
        "Deployment",
      ]);
      assert.ok(byName.has("autoscaling/v2/horizontalpodautoscalers"));
      assert.ok(byName.has("authentication.k8s.io/v1/tokenreviews"));
      // ValidatingAdmissionPolicy went GA in 1.30; ServiceCIDR in 1.33.
      assert.equal(
        byName.has("admissionregistration.k8s.io/v1/validatingadmissionpolicies"),
        minor >= 30,
      );
      assert.equal(byName.has("networking.k8s.io/v1/servicecidrs"), minor >= 33);
      // Preferred versions only (autoscaling/v1 and 1.29's flowcontrol v1beta3 are served too).
      assert.ok(byName.has("flowcontrol.apiserver.k8s.io/v1/flowschemas"));
      assert.equal(rows.length, minor >= 33 ? 60 : 56, rows.map((row) => row[0]).join(" "));
    });
  }
});
