// kubectl against fkas's validation: invalid objects print kube-apiserver's exact "is invalid" text.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { type FkasProcess, startWithCluster } from "./fkas_process.ts";
import { hasKubectl, runKubectl } from "./kubectl_runner.ts";

const deployment = (selector: string, labels: string, image = "\n        image: nginx:1.27") =>
  `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
spec:
  selector:
    matchLabels: ${selector}
  template:
    metadata:
      labels: ${labels}
    spec:
      containers:
      - name: web${image}
`;

describe(
  "kubectl and validation",
  { skip: hasKubectl ? false : "kubectl is not installed" },
  () => {
    let fkas: FkasProcess;
    let kc: string;
    before(async () => ({ fkas, kc } = await startWithCluster("valid")));
    after(() => fkas.stop());

    it("apply of a Deployment whose selector does not match its template", () => {
      const result = runKubectl(kc, [
        "apply",
        "-f",
        fkas.writeFile("mismatch.yaml", deployment("{app: web}", "{app: other}")),
      ]);
      assert.equal(result.status, 1);
      assert.equal(
        result.stderr,
        'The Deployment "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`\n',
      );
    });

    it("apply of a container without an image", () => {
      const result = runKubectl(kc, [
        "apply",
        "-f",
        fkas.writeFile("noimage.yaml", deployment("{app: web}", "{app: web}", "")),
      ]);
      assert.equal(result.status, 1);
      assert.equal(
        result.stderr,
        'The Deployment "web" is invalid: spec.template.spec.containers[0].image: Required value\n',
      );
    });

    it("apply that changes a Deployment's selector: field is immutable", () => {
      const created = runKubectl(kc, [
        "apply",
        "-f",
        fkas.writeFile("web.yaml", deployment("{app: web}", "{app: web, v: '1'}")),
      ]);
      assert.equal(created.status, 0, created.stderr);
      const result = runKubectl(kc, [
        "apply",
        "-f",
        fkas.writeFile("web2.yaml", deployment("{app: web, v: '1'}", "{app: web, v: '1'}")),
      ]);
      assert.equal(result.status, 1);
      assert.equal(
        result.stderr,
        'The Deployment "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "v":"1"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable\n',
      );
    });

    it("create of a TLS Secret without its key lists each cause", () => {
      const secret = `apiVersion: v1
kind: Secret
metadata: {name: tls, namespace: default}
type: kubernetes.io/tls
data: {}
`;
      const result = runKubectl(kc, ["create", "-f", fkas.writeFile("tls.yaml", secret)]);
      assert.equal(result.status, 1);
      assert.equal(
        result.stderr,
        'The Secret "tls" is invalid: \n* data[tls.crt]: Required value\n* data[tls.key]: Required value\n',
      );
    });

    it("apply of a Pod mounting a missing volume, requesting more CPU than its limit", () => {
      const pod = `apiVersion: v1
kind: Pod
metadata: {name: greedy, namespace: default}
spec:
  containers:
  - name: app
    image: nginx:1.27
    volumeMounts: [{name: data, mountPath: /data}]
    resources:
      limits: {cpu: "1"}
      requests: {cpu: 1500m}
    livenessProbe: {periodSeconds: 5}
`;
      const result = runKubectl(kc, ["apply", "-f", fkas.writeFile("greedy.yaml", pod)]);
      assert.equal(result.status, 1);
      assert.equal(
        result.stderr,
        'The Pod "greedy" is invalid: \n' +
          '* spec.containers[0].volumeMounts[0].name: Not found: "data"\n' +
          '* spec.containers[0].resources.requests: Invalid value: "1500m": must be less than or equal to cpu limit of 1\n' +
          "* spec.containers[0].livenessProbe: Required value: must specify a handler type\n",
      );
    });

    it("apply of an Ingress without a path type and a Role without verbs", () => {
      const manifests = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: default}
spec:
  rules:
  - host: web.example.com
    http:
      paths:
      - path: /
        backend: {service: {name: web, port: {number: 80}}}
`;
      const ingress = runKubectl(kc, ["apply", "-f", fkas.writeFile("ingress.yaml", manifests)]);
      assert.equal(ingress.status, 1);
      assert.equal(
        ingress.stderr,
        'The Ingress "web" is invalid: spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified\n',
      );
      const role = runKubectl(kc, [
        "apply",
        "-f",
        fkas.writeFile(
          "role.yaml",
          "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r, namespace: default}\n" +
            "rules: [{apiGroups: [''], resources: [pods]}]\n",
        ),
      ]);
      assert.equal(role.status, 1);
      assert.equal(
        role.stderr,
        'The Role "r" is invalid: rules[0].verbs: Required value: verbs must contain at least one value\n',
      );
    });
  },
);
