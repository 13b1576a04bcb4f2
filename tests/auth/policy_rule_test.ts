// RBAC rule matching as kube's RuleAllows: verbs, groups, resources with subresources and `*`,
// names, and non-resource URLs with prefix stars.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { type PolicyRule, type RequestAttributes, ruleAllows } from "../../src/auth/mod.ts";

function resource(
  verb: string,
  apiGroup: string,
  resource: string,
  extra: Partial<RequestAttributes> = {},
): RequestAttributes {
  return {
    kind: "resource",
    verb,
    apiGroup,
    resource,
    subresource: "",
    namespace: "ns",
    name: "",
    ...extra,
  } as RequestAttributes;
}

const CASES: [string, PolicyRule, RequestAttributes, boolean][] = [
  [
    "exact verb, group and resource",
    { verbs: ["get"], apiGroups: [""], resources: ["pods"] },
    resource("get", "", "pods"),
    true,
  ],
  [
    "another verb",
    { verbs: ["get"], apiGroups: [""], resources: ["pods"] },
    resource("list", "", "pods"),
    false,
  ],
  [
    "verb *",
    { verbs: ["*"], apiGroups: [""], resources: ["pods"] },
    resource("delete", "", "pods"),
    true,
  ],
  [
    "another group",
    { verbs: ["get"], apiGroups: [""], resources: ["deployments"] },
    resource("get", "apps", "deployments"),
    false,
  ],
  [
    "group *",
    { verbs: ["get"], apiGroups: ["*"], resources: ["deployments"] },
    resource("get", "apps", "deployments"),
    true,
  ],
  [
    "resource * covers subresources",
    { verbs: ["get"], apiGroups: [""], resources: ["*"] },
    resource("get", "", "pods", { subresource: "log" }),
    true,
  ],
  [
    "a resource does not cover its subresource",
    { verbs: ["get"], apiGroups: [""], resources: ["pods"] },
    resource("get", "", "pods", { subresource: "log" }),
    false,
  ],
  [
    "resource/subresource",
    { verbs: ["get"], apiGroups: ["apps"], resources: ["deployments/scale"] },
    resource("get", "apps", "deployments", { subresource: "scale" }),
    true,
  ],
  [
    "*/subresource",
    { verbs: ["patch"], apiGroups: ["*"], resources: ["*/scale"] },
    resource("patch", "apps", "statefulsets", { subresource: "scale" }),
    true,
  ],
  [
    "*/subresource is not the resource",
    { verbs: ["get"], apiGroups: ["*"], resources: ["*/scale"] },
    resource("get", "apps", "statefulsets"),
    false,
  ],
  [
    "*/other subresource",
    { verbs: ["get"], apiGroups: ["*"], resources: ["*/status"] },
    resource("get", "apps", "statefulsets", { subresource: "scale" }),
    false,
  ],
  [
    "resourceNames match the name",
    { verbs: ["get"], apiGroups: [""], resources: ["configmaps"], resourceNames: ["a"] },
    resource("get", "", "configmaps", { name: "a" }),
    true,
  ],
  [
    "resourceNames refuse another name",
    { verbs: ["get"], apiGroups: [""], resources: ["configmaps"], resourceNames: ["a"] },
    resource("get", "", "configmaps", { name: "b" }),
    false,
  ],
  [
    "resourceNames refuse a list (no name)",
    { verbs: ["list"], apiGroups: [""], resources: ["configmaps"], resourceNames: ["a"] },
    resource("list", "", "configmaps"),
    false,
  ],
  [
    "no apiGroups matches nothing",
    { verbs: ["get"], resources: ["pods"] },
    resource("get", "", "pods"),
    false,
  ],
  ["non-resource exact URL", { verbs: ["get"], nonResourceURLs: ["/healthz"] }, {
    kind: "nonResource",
    verb: "get",
    path: "/healthz",
  }, true],
  ["non-resource prefix star", { verbs: ["get"], nonResourceURLs: ["/healthz/*"] }, {
    kind: "nonResource",
    verb: "get",
    path: "/healthz/etcd",
  }, true],
  ["non-resource prefix star trims every star", { verbs: ["get"], nonResourceURLs: ["/api**"] }, {
    kind: "nonResource",
    verb: "get",
    path: "/apis/apps",
  }, true],
  ["non-resource *", { verbs: ["get"], nonResourceURLs: ["*"] }, {
    kind: "nonResource",
    verb: "get",
    path: "/metrics",
  }, true],
  ["non-resource other URL", { verbs: ["get"], nonResourceURLs: ["/version"] }, {
    kind: "nonResource",
    verb: "get",
    path: "/versions",
  }, false],
  ["a resource rule does not cover URLs", { verbs: ["*"], apiGroups: ["*"], resources: ["*"] }, {
    kind: "nonResource",
    verb: "get",
    path: "/version",
  }, false],
];

describe("ruleAllows", () => {
  for (const [name, rule, attributes, allowed] of CASES) {
    it(`${name}: ${allowed ? "allowed" : "not allowed"}`, () => {
      assert.equal(ruleAllows(attributes, rule), allowed);
    });
  }
});
