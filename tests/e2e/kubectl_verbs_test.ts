// The kubectl commands CAPI users run, at a low and a high kubectl version, against one fake cluster each.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { type FkasProcess, startFkasProcess } from "./fkas_process.ts";
import { hasKubectl, kubectlOk, runKubectl } from "./kubectl_runner.ts";

const DEPLOYMENT = (replicas: number) =>
  `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
`;

for (const version of ["v1.27.16", "v1.33.2"]) {
  const minor = version.split(".")[1];
  describe(
    `kubectl 1.${minor} verbs`,
    { skip: hasKubectl ? false : "kubectl is not installed" },
    () => {
      let fkas: FkasProcess;
      let kc: string;
      const name = `verbs-${minor}`;
      before(async () => {
        fkas = await startFkasProcess();
        await fkas.register("default", name);
        for (
          const [node, labels] of [["cp-1", { "cluster.x-k8s.io/control-plane": "" }], [
            "md-1",
            {},
          ]] as const
        ) {
          await fkas.updateNode({
            cluster: name,
            namespace: "default",
            nodeName: node,
            labels,
            k8sversion: version,
          });
        }
        kc = (await fkas.kubeconfig("default", name)).path;
      });
      after(() => fkas.stop());

      it("get -o wide, describe, api-resources", () => {
        assert.match(
          kubectlOk(kc, ["get", "nodes", "-o", "wide"]),
          /INTERNAL-IP.*\n.*cp-1\s+Ready/s,
        );
        assert.match(
          kubectlOk(kc, ["describe", "node", "cp-1"]),
          /Taints:\s+node-role.kubernetes.io\/control-plane:NoSchedule/,
        );
        const resources = kubectlOk(kc, ["api-resources"]);
        assert.match(resources, /^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);
        assert.match(resources, /^pods\s+po\s+v1\s+true\s+Pod$/m);
      });

      it("apply (client-side and server-side), edit, delete", () => {
        const manifest = fkas.writeFile(`web-${minor}.yaml`, DEPLOYMENT(2));
        assert.match(kubectlOk(kc, ["apply", "-f", manifest]), /deployment.apps\/web created/);
        assert.match(kubectlOk(kc, ["apply", "-f", manifest]), /deployment.apps\/web unchanged/);
        assert.match(
          kubectlOk(kc, ["apply", "-f", fkas.writeFile(`web3-${minor}.yaml`, DEPLOYMENT(3))]),
          /configured/,
        );
        assert.match(
          kubectlOk(kc, [
            "apply",
            "--server-side",
            "-f",
            fkas.writeFile(`web4-${minor}.yaml`, DEPLOYMENT(4)),
          ]),
          /serverside-applied/,
        );
        assert.equal(
          kubectlOk(kc, ["get", "deploy", "web", "-o", "jsonpath={.spec.replicas}"]),
          "4",
        );
        kubectlOk(kc, ["edit", "deploy", "web"], {
          env: { KUBE_EDITOR: "sed -i s/replicas:\\ 4/replicas:\\ 5/" },
        });
        assert.equal(
          kubectlOk(kc, ["get", "deploy", "web", "-o", "jsonpath={.spec.replicas}"]),
          "5",
        );
        assert.match(kubectlOk(kc, ["delete", "deploy", "web"]), /deleted/);
        assert.match(runKubectl(kc, ["get", "deploy", "web"]).stderr, /NotFound/);
      });

      it("wrong types and unknown fields are refused as kube-apiserver refuses them", () => {
        const bad = (name: string, extra: string) =>
          fkas.writeFile(
            `${name}-${minor}.yaml`,
            `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${extra}\n`,
          );
        const typed = runKubectl(kc, [
          "create",
          "--validate=false",
          "-f",
          bad("typed", "data: [1, 2]"),
        ]);
        assert.notEqual(typed.status, 0);
        assert.match(
          typed.stderr,
          /Error from server \(BadRequest\).*ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal array into Go struct field ConfigMap\.data of type map\[string\]string/,
        );
        const unknown = runKubectl(kc, ["apply", "-f", bad("unknown", "foo: 1")]);
        assert.notEqual(unknown.status, 0);
        assert.match(unknown.stderr, /unknown field "foo"/);
        assert.match(runKubectl(kc, ["get", "configmap", "typed"]).stderr, /NotFound/);
        assert.match(runKubectl(kc, ["get", "configmap", "unknown"]).stderr, /NotFound/);
      });

      it("patch of all three types, label and annotate", () => {
        kubectlOk(kc, ["create", "configmap", "settings", "--from-literal=a=1"]);
        kubectlOk(kc, ["patch", "configmap", "settings", "-p", '{"data":{"b":"2"}}']);
        kubectlOk(kc, [
          "patch",
          "configmap",
          "settings",
          "--type=merge",
          "-p",
          '{"data":{"a":null}}',
        ]);
        kubectlOk(kc, [
          "patch",
          "configmap",
          "settings",
          "--type=json",
          "-p",
          '[{"op":"add","path":"/data/c","value":"3"}]',
        ]);
        assert.equal(
          kubectlOk(kc, ["get", "cm", "settings", "-o", "jsonpath={.data}"]),
          '{"b":"2","c":"3"}',
        );
        kubectlOk(kc, ["label", "cm", "settings", "team=a"]);
        kubectlOk(kc, ["annotate", "cm", "settings", "note=hello"]);
        assert.match(kubectlOk(kc, ["get", "cm", "-l", "team=a"]), /settings/);
        assert.equal(
          kubectlOk(kc, ["get", "cm", "settings", "-o", "jsonpath={.metadata.annotations.note}"]),
          "hello",
        );
      });

      it("get -w streams changes", async () => {
        const watcher = spawn("kubectl", ["--kubeconfig", kc, "get", "cm", "-w", "--no-headers"], {
          stdio: ["ignore", "pipe", "pipe"],
        });
        let output = "";
        watcher.stdout.on("data", (chunk) => output += chunk);
        const seen = (text: string) =>
          new Promise<void>((resolve, reject) => {
            const started = Date.now();
            const poll = setInterval(() => {
              if (output.includes(text)) {
                clearInterval(poll);
                resolve();
              } else if (Date.now() - started > 20_000) {
                clearInterval(poll);
                reject(new Error(`kubectl get -w did not show ${text}; output:\n${output}`));
              }
            }, 50);
          });
        try {
          await seen("settings");
          kubectlOk(kc, ["create", "configmap", "watched", "--from-literal=x=y"]);
          await seen("watched");
        } finally {
          watcher.kill();
        }
      });

      it("wait --for=condition, cordon and uncordon", () => {
        assert.match(
          kubectlOk(kc, ["wait", "--for=condition=Ready", "node/cp-1", "--timeout=20s"]),
          /condition met/,
        );
        kubectlOk(kc, ["cordon", "md-1"]);
        assert.match(kubectlOk(kc, ["get", "node", "md-1"]), /SchedulingDisabled/);
        kubectlOk(kc, ["uncordon", "md-1"]);
        assert.doesNotMatch(kubectlOk(kc, ["get", "node", "md-1"]), /SchedulingDisabled/);
      });

      it("drain evicts the pods of a node", () => {
        const pod = (podName: string) =>
          fkas.writeFile(
            `${podName}-${minor}.yaml`,
            `apiVersion: v1\nkind: Pod\nmetadata: {name: ${podName}, namespace: default}\nspec:\n  nodeName: md-1\n  containers: [{name: c, image: busybox}]\n`,
          );
        kubectlOk(kc, ["apply", "-f", pod("app-1")]);
        kubectlOk(kc, ["apply", "-f", pod("app-2")]);
        const drained = kubectlOk(kc, [
          "drain",
          "md-1",
          "--ignore-daemonsets",
          "--force",
          "--timeout=30s",
        ]);
        assert.match(drained, /evicting pod default\/app-1|pod\/app-1 evicted/);
        assert.match(drained, /node\/md-1 drained/);
        assert.match(runKubectl(kc, ["get", "pod", "app-1"]).stderr, /NotFound/);
        assert.match(kubectlOk(kc, ["get", "node", "md-1"]), /SchedulingDisabled/);
      });
    },
  );
}
