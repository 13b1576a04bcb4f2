// The headers kube-apiserver's handler chain puts on answers: Audit-Id on every one, the APF
// FlowSchema and priority level uids after authentication (not on 401s nor on long-running
// requests other than watches), nosniff on authorization's 403s.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createKubeApp, type KubeBindings } from "../../src/kube/mod.ts";
import { ADMIN, kubeFixture } from "./kube_fixture.ts";

// The rules of a schema that matches every request of its subjects.
const EVERY_REQUEST = {
  resourceRules: [{
    verbs: ["*"],
    apiGroups: ["*"],
    resources: ["*"],
    clusterScope: true,
    namespaces: ["*"],
  }],
  nonResourceRules: [{ verbs: ["*"], nonResourceURLs: ["*"] }],
};
const FLOWCONTROL = "/apis/flowcontrol.apiserver.k8s.io/v1";

// kube-apiserver's bootstrap objects, cut to what classification reads.
const LEVELS = ["exempt", "workload-high", "global-default", "catch-all"];
const SCHEMAS = [
  {
    name: "exempt",
    matchingPrecedence: 1,
    priorityLevelConfiguration: { name: "exempt" },
    rules: [{
      subjects: [{ kind: "Group", group: { name: "system:masters" } }],
      ...EVERY_REQUEST,
    }],
  },
  {
    name: "probes",
    matchingPrecedence: 2,
    priorityLevelConfiguration: { name: "exempt" },
    rules: [{
      subjects: [
        { kind: "Group", group: { name: "system:unauthenticated" } },
        { kind: "Group", group: { name: "system:authenticated" } },
      ],
      nonResourceRules: [{ verbs: ["get"], nonResourceURLs: ["/healthz", "/readyz", "/livez"] }],
    }],
  },
  {
    name: "kube-controller-manager",
    matchingPrecedence: 800,
    priorityLevelConfiguration: { name: "workload-high" },
    rules: [{
      subjects: [{ kind: "User", user: { name: "system:kube-controller-manager" } }],
      ...EVERY_REQUEST,
    }],
  },
  {
    name: "global-default",
    matchingPrecedence: 9900,
    priorityLevelConfiguration: { name: "global-default" },
    rules: [{
      subjects: [{ kind: "Group", group: { name: "system:authenticated" } }],
      ...EVERY_REQUEST,
    }],
  },
  {
    name: "dangling",
    matchingPrecedence: 5,
    priorityLevelConfiguration: { name: "missing" },
    rules: [{
      subjects: [{ kind: "Group", group: { name: "*" } }],
      nonResourceRules: [{ verbs: ["*"], nonResourceURLs: ["*"] }],
    }],
  },
  {
    name: "catch-all",
    matchingPrecedence: 10000,
    priorityLevelConfiguration: { name: "catch-all" },
    rules: [{
      subjects: [
        { kind: "Group", group: { name: "system:unauthenticated" } },
        { kind: "Group", group: { name: "system:authenticated" } },
      ],
      ...EVERY_REQUEST,
    }],
  },
];

/** A cluster with the APF objects above; `uid(kind, name)` reads each object's uid back. */
async function withFlowControl(fixture = kubeFixture()) {
  for (const name of LEVELS) {
    const exempt = name === "exempt";
    const created = await fixture.call("POST", `${FLOWCONTROL}/prioritylevelconfigurations`, {
      metadata: { name },
      spec: exempt ? { type: "Exempt" } : {
        type: "Limited",
        limited: { nominalConcurrencyShares: 10, limitResponse: { type: "Reject" } },
      },
    });
    assert.equal(created.status, 201, JSON.stringify(created.json));
  }
  for (const { name, ...spec } of SCHEMAS) {
    const created = await fixture.call("POST", `${FLOWCONTROL}/flowschemas`, {
      metadata: { name },
      spec,
    });
    assert.equal(created.status, 201, JSON.stringify(created.json));
  }
  const uid = async (resource: string, name: string) =>
    (await fixture.call("GET", `${FLOWCONTROL}/${resource}/${name}`)).json.metadata.uid as string;
  const flow = async (schema: string, level: string) => ({
    schema: await uid("flowschemas", schema),
    level: await uid("prioritylevelconfigurations", level),
  });
  return { ...fixture, uid, flow };
}

function flowOf(headers: Headers) {
  return {
    schema: headers.get("x-kubernetes-pf-flowschema-uid"),
    level: headers.get("x-kubernetes-pf-prioritylevel-uid"),
  };
}

describe("answer headers", () => {
  it("every answer carries a fresh Audit-Id, or the client's own Audit-ID echoed", async () => {
    const { call } = kubeFixture();
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const ids = new Set<string>();
    for (const path of ["/api/v1/namespaces", "/version", "/healthz", "/nope", "/api/v1/nopes"]) {
      const id = (await call("GET", path)).headers.get("audit-id") ?? "";
      assert.match(id, uuid, path);
      ids.add(id);
    }
    assert.equal(ids.size, 5);
    const echoed = await call("GET", "/api/v1/namespaces/default", undefined, {
      "Audit-ID": "my-own-id",
    });
    assert.equal(echoed.headers.get("audit-id"), "my-own-id");
  });

  it("the cluster admin (system:masters) is classified as exempt on every path", async () => {
    const { call, flow } = await withFlowControl();
    const exempt = await flow("exempt", "exempt");
    for (const path of ["/api/v1/namespaces/default/configmaps", "/version", "/nope", "/healthz"]) {
      assert.deepEqual(flowOf((await call("GET", path)).headers), exempt, path);
    }
    const created = await call("POST", "/api/v1/namespaces/default/configmaps", {
      metadata: { name: "x" },
    });
    assert.deepEqual(flowOf(created.headers), exempt);
  });

  it("other users match by precedence: probes, their own schema, global-default", async () => {
    const fixture = await withFlowControl();
    const app = createKubeApp({ now: () => new Date(), anonymousAuth: true });
    const as = (client: KubeBindings["client"], path: string) =>
      app.request(path, {}, { cluster: fixture.cluster, client });
    const user = { authenticated: true, user: "someone", groups: ["devs"] };
    const kcm = { authenticated: true, user: "system:kube-controller-manager", groups: [] };
    const anonymous = { authenticated: false, groups: [] };
    assert.deepEqual(
      flowOf((await as(user, "/readyz")).headers),
      await fixture.flow("probes", "exempt"),
    );
    assert.deepEqual(
      flowOf((await as(user, "/api/v1/pods")).headers),
      await fixture.flow("global-default", "global-default"),
    );
    assert.deepEqual(
      flowOf((await as(kcm, "/api/v1/pods")).headers),
      await fixture.flow("kube-controller-manager", "workload-high"),
    );
    // The dangling schema (its priority level is missing) would take everyone; it is skipped.
    assert.deepEqual(
      flowOf((await as(anonymous, "/version")).headers),
      await fixture.flow("catch-all", "catch-all"),
    );
    assert.deepEqual(
      flowOf((await as(anonymous, "/livez")).headers),
      await fixture.flow("probes", "exempt"),
    );
  });

  it("a change of the schemas takes effect at once; pod logs (long-running) are not classified", async () => {
    const fixture = await withFlowControl();
    const before = await fixture.call("GET", "/api/v1/namespaces");
    assert.deepEqual(flowOf(before.headers), await fixture.flow("exempt", "exempt"));
    await fixture.call("DELETE", `${FLOWCONTROL}/flowschemas/exempt`);
    const after = await fixture.call("GET", "/api/v1/namespaces");
    assert.deepEqual(flowOf(after.headers), await fixture.flow("global-default", "global-default"));
    const log = await fixture.call("GET", "/api/v1/namespaces/default/pods/x/log");
    assert.deepEqual(flowOf(log.headers), { schema: null, level: null });
    assert.equal(log.headers.get("audit-id") !== null, true);
  });

  it("a remembered classification holds only for the same user, groups and request kind", async () => {
    const fixture = await withFlowControl();
    // A schema that looks past its subject: a node's reads of nodes, nothing else.
    const created = await fixture.call("POST", `${FLOWCONTROL}/flowschemas`, {
      metadata: { name: "node-reads" },
      spec: {
        matchingPrecedence: 500,
        priorityLevelConfiguration: { name: "workload-high" },
        rules: [{
          subjects: [{ kind: "User", user: { name: "system:node:n1" } }],
          resourceRules: [{
            verbs: ["get", "list"],
            apiGroups: [""],
            resources: ["nodes"],
            clusterScope: true,
          }],
        }],
      },
    });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const app = createKubeApp({ now: () => new Date(), anonymousAuth: true });
    const as = (client: KubeBindings["client"], path: string) =>
      app.request(path, {}, { cluster: fixture.cluster, client });
    const node = { authenticated: true, user: "system:node:n1", groups: ["system:nodes"] };
    const nodeReads = await fixture.flow("node-reads", "workload-high");
    const global = await fixture.flow("global-default", "global-default");
    const exempt = await fixture.flow("exempt", "exempt");
    for (let round = 0; round < 2; round++) {
      assert.deepEqual(flowOf((await as(node, "/api/v1/nodes")).headers), nodeReads);
      assert.deepEqual(flowOf((await as(node, "/api/v1/pods")).headers), global);
      // One user name, other groups: each set of groups is classified for itself.
      const dev = { authenticated: true, user: "someone", groups: ["devs"] };
      const admin = { authenticated: true, user: "someone", groups: ["system:masters"] };
      assert.deepEqual(flowOf((await as(dev, "/api/v1/pods")).headers), global);
      assert.deepEqual(flowOf((await as(admin, "/api/v1/pods")).headers), exempt);
      assert.deepEqual(flowOf((await as({ ...dev }, "/api/v1/pods")).headers), global);
    }
  });

  it("a 401 carries Audit-Id but no APF headers; no FlowSchema at all means none", async () => {
    const fixture = await withFlowControl();
    const app = createKubeApp({ now: () => new Date(), anonymousAuth: false });
    const refused = await app.request("/api/v1/pods", {}, {
      cluster: fixture.cluster,
      client: { authenticated: false, groups: [] },
    });
    assert.equal(refused.status, 401);
    assert.notEqual(refused.headers.get("audit-id"), null);
    assert.deepEqual(flowOf(refused.headers), { schema: null, level: null });
    const bare = await kubeFixture().call("GET", "/api/v1/pods");
    assert.deepEqual(flowOf(bare.headers), { schema: null, level: null });
  });

  it("the outgoing message takes the headers when the server passes one", async () => {
    const fixture = await withFlowControl();
    const set: Record<string, string> = {};
    const response = await fixture.app.request("/api/v1/namespaces", {}, {
      cluster: fixture.cluster,
      client: ADMIN,
      responseHeaders: { setHeader: (name: string, value: string) => set[name] = value },
    });
    assert.equal(response.headers.get("audit-id"), null);
    const exempt = await fixture.flow("exempt", "exempt");
    assert.deepEqual(Object.keys(set).sort(), [
      "audit-id",
      "x-kubernetes-pf-flowschema-uid",
      "x-kubernetes-pf-prioritylevel-uid",
    ]);
    assert.equal(set["x-kubernetes-pf-flowschema-uid"], exempt.schema);
  });
});
