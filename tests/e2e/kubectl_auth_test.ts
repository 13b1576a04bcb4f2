// kubectl's auth commands and `kubectl scale` against a fake cluster: `auth whoami`, `auth can-i`
// (certificate and service account token clients), `create token` verified against the cluster's
// JWKS, and `scale` through the scale subresource.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { type FkasProcess, startFkasProcess } from "./fkas_process.ts";
import { hasKubectl, kubectlOk, runKubectl } from "./kubectl_runner.ts";

function decodeSegment(segment: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(
    atob(segment.replace(/-/g, "+").replace(/_/g, "/")),
    (c) => c.charCodeAt(0),
  );
}

// What kube-apiserver's bootstrap policy grants every authenticated user (system:discovery,
// system:basic-user), which fkas does not seed yet: the token client needs it to ask at all.
const BASIC_POLICY = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: test:basic}
rules:
- nonResourceURLs: ["/api", "/api/*", "/apis", "/apis/*", "/version"]
  verbs: [get]
- apiGroups: [authorization.k8s.io]
  resources: [selfsubjectaccessreviews, selfsubjectrulesreviews]
  verbs: [create]
- apiGroups: [authentication.k8s.io]
  resources: [selfsubjectreviews]
  verbs: [create]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: test:basic}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: test:basic}
subjects:
- {apiGroup: rbac.authorization.k8s.io, kind: Group, name: system:authenticated}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: cm-reader, namespace: default}
rules:
- apiGroups: [""]
  resources: [configmaps]
  verbs: [get, list]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: builder-cm, namespace: default}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: cm-reader}
subjects:
- {kind: ServiceAccount, name: builder, namespace: default}
`;

describe("kubectl auth, create token and scale", {
  skip: hasKubectl ? false : "kubectl is not installed",
}, () => {
  let fkas: FkasProcess;
  let kc: string;
  let server: string;
  let caFile: string;
  let certificatePem: string;

  before(async () => {
    fkas = await startFkasProcess(["--service-account-token-auth"]);
    await fkas.register("default", "auth");
    await fkas.updateNode({
      cluster: "auth",
      namespace: "default",
      nodeName: "cp-1",
      labels: { "cluster.x-k8s.io/control-plane": "" },
      k8sversion: "v1.33.2",
    });
    const { path, config } = await fkas.kubeconfig("default", "auth");
    kc = path;
    server = config.clusters[0].cluster.server;
    certificatePem = config.users[0].user["client-certificate-data"];
    caFile = fkas.writeFile(
      "ca.crt",
      atob(config.clusters[0].cluster["certificate-authority-data"]),
    );
    kubectlOk("", ["--kubeconfig", kc, "create", "serviceaccount", "builder"]);
    kubectlOk("", ["--kubeconfig", kc, "apply", "-f", "-"], { input: BASIC_POLICY });
  });
  after(() => fkas.stop());

  // A kubeconfig-less client holding only the token: no client certificate to win over it.
  const asToken = (token: string, args: string[]) =>
    runKubectl("", [
      "--kubeconfig",
      "/dev/null",
      "--server",
      server,
      "--certificate-authority",
      caFile,
      "--token",
      token,
      ...args,
    ]);

  it("auth whoami reports the certificate's user, groups with system:authenticated and its credential ID", async () => {
    const review = JSON.parse(kubectlOk("", ["--kubeconfig", kc, "auth", "whoami", "-o", "json"]));
    assert.equal(review.kind, "SelfSubjectReview");
    assert.equal(review.status.userInfo.username, "kubernetes-admin");
    assert.deepEqual(review.status.userInfo.groups, ["system:masters", "system:authenticated"]);
    // 1.32+: the SHA-256 of the client certificate's DER.
    const pem = atob(certificatePem);
    const der = decodeSegment(
      pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "").replace(/\+/g, "-").replace(
        /\//g,
        "_",
      ).replace(/=+$/, ""),
    );
    const sha = [...new Uint8Array(await crypto.subtle.digest("SHA-256", der))]
      .map((b) => b.toString(16).padStart(2, "0")).join("");
    assert.deepEqual(review.status.userInfo.extra, {
      "authentication.kubernetes.io/credential-id": [`X509SHA256=${sha}`],
    });
  });

  it("auth can-i answers yes for system:masters", () => {
    assert.equal(
      kubectlOk("", ["--kubeconfig", kc, "auth", "can-i", "delete", "nodes"]).trim(),
      "yes",
    );
    assert.match(
      kubectlOk("", ["--kubeconfig", kc, "auth", "can-i", "--list", "-n", "default"]),
      /Resources\s+Non-Resource URLs/,
    );
  });

  it("create token issues a JWT that verifies against /openid/v1/jwks", async () => {
    const token = kubectlOk("", [
      "--kubeconfig",
      kc,
      "create",
      "token",
      "builder",
      "--duration",
      "20m",
    ])
      .trim();
    const [header, payload, signature] = token.split(".");
    const claims = JSON.parse(new TextDecoder().decode(decodeSegment(payload)));
    assert.equal(claims.sub, "system:serviceaccount:default:builder");
    assert.equal(claims.exp - claims.iat, 1200);
    assert.equal(claims.iss, "https://kubernetes.default.svc.cluster.local");
    const jwks = JSON.parse(kubectlOk("", ["--kubeconfig", kc, "get", "--raw", "/openid/v1/jwks"]));
    const { kid } = JSON.parse(new TextDecoder().decode(decodeSegment(header)));
    const jwk = jwks.keys.find((k: { kid: string }) => k.kid === kid);
    assert.ok(jwk, "the token's kid is in the JWKS");
    const key = await crypto.subtle.importKey(
      "jwk",
      jwk,
      { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
      false,
      [
        "verify",
      ],
    );
    const signed = new TextEncoder().encode(`${header}.${payload}`);
    assert.ok(
      await crypto.subtle.verify("RSASSA-PKCS1-v1_5", key, decodeSegment(signature), signed),
    );
    const missing = runKubectl("", ["--kubeconfig", kc, "create", "token", "nobody"]);
    assert.notEqual(missing.status, 0);
    assert.match(
      missing.stderr,
      /failed to create token: serviceaccounts "nobody" not found/,
    );
  });

  it("a token client is its service account: whoami, can-i and RBAC on requests", () => {
    const token = kubectlOk("", ["--kubeconfig", kc, "create", "token", "builder"]).trim();
    const whoami = asToken(token, ["auth", "whoami", "-o", "jsonpath={.status.userInfo.username}"]);
    assert.equal(whoami.stdout, "system:serviceaccount:default:builder", whoami.stderr);
    assert.equal(
      asToken(token, ["auth", "can-i", "list", "configmaps", "-n", "default"]).stdout.trim(),
      "yes",
    );
    assert.equal(
      asToken(token, ["auth", "can-i", "list", "secrets", "-n", "default"]).stdout.trim(),
      "no",
    );
    assert.equal(asToken(token, ["get", "configmaps", "-n", "default", "-o", "name"]).status, 0);
    const denied = asToken(token, ["get", "secrets", "-n", "default"]);
    assert.match(
      denied.stderr,
      /Error from server \(Forbidden\): secrets is forbidden: User "system:serviceaccount:default:builder" cannot list resource "secrets" in API group "" in the namespace "default"/,
    );
    assert.match(
      asToken("not-a-token", ["get", "configmaps"]).stderr,
      /Unauthorized|provide credentials/,
    );
  });

  it("--as impersonates: whoami, can-i and requests run as the impersonated user", () => {
    const whoami = JSON.parse(
      kubectlOk("", [
        "--kubeconfig",
        kc,
        "auth",
        "whoami",
        "--as",
        "alice",
        "--as-group",
        "dev",
        "-o",
        "json",
      ]),
    );
    assert.deepEqual(whoami.status.userInfo, {
      username: "alice",
      groups: ["dev", "system:authenticated"],
    });
    const sa = ["--kubeconfig", kc, "--as", "system:serviceaccount:default:builder"];
    assert.equal(kubectlOk("", [...sa, "auth", "can-i", "get", "configmaps"]).trim(), "yes");
    assert.equal(runKubectl("", [...sa, "auth", "can-i", "get", "secrets"]).stdout.trim(), "no");
    assert.match(
      runKubectl("", [...sa, "get", "secrets"]).stderr,
      /Error from server \(Forbidden\): secrets is forbidden/,
    );
  });

  it("scale writes replicas through the scale subresource", () => {
    kubectlOk("", [
      "--kubeconfig",
      kc,
      "create",
      "deployment",
      "web",
      "--image=nginx:1.27",
      "--replicas=2",
    ]);
    assert.match(
      kubectlOk("", ["--kubeconfig", kc, "scale", "deployment", "web", "--replicas=4"]),
      /deployment.apps\/web scaled/,
    );
    assert.equal(
      kubectlOk("", [
        "--kubeconfig",
        kc,
        "get",
        "deploy",
        "web",
        "-o",
        "jsonpath={.spec.replicas}",
      ]),
      "4",
    );
    const stale = runKubectl("", [
      "--kubeconfig",
      kc,
      "scale",
      "deployment",
      "web",
      "--current-replicas=2",
      "--replicas=1",
    ]);
    assert.notEqual(stale.status, 0);
    assert.match(stale.stderr, /Expected replicas to be 2, was 4/);
    const scale = JSON.parse(
      kubectlOk("", [
        "--kubeconfig",
        kc,
        "get",
        "--raw",
        "/apis/apps/v1/namespaces/default/deployments/web/scale",
      ]),
    );
    assert.deepEqual(scale.spec, { replicas: 4 });
    assert.equal(scale.status.selector, "app=web");
  });
});
