// Probes of JSON bodies as Go's encoding/json reads their text: number literals an integer field
// refuses (`1.0`, `1e2`, `1E2`, `-0.0`, past its width), a Quantity parsed from its literal, a
// custom resource's number float64 cannot hold, and strict decoding's paths quoted with
// strconv.Quote (in the 400 and in each Warning). Also a CRD rule calling `cel.bind`, which no
// minor's CEL environment declares.

import type { Probe } from "./_probes.ts";

const NS = "oracle-numbers";
const PODS = `/api/v1/namespaces/${NS}/pods`;
const CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
const NUMS = `/apis/numbers.oracle.io/v1/namespaces/${NS}/nums`;

// A raw JSON text: the literals must reach both servers as written.
const pod = (name: string, spec: string) =>
  `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"${name}"},"spec":{"containers":[{"name":"c","image":"i"}],${spec}}}`;
const refusedPod = (name: string, spec: string): Probe => ({
  name: `numbers pod ${name}`,
  method: "POST",
  path: PODS,
  body: pod(name, spec),
});

const crd = {
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: "nums.numbers.oracle.io" },
  spec: {
    group: "numbers.oracle.io",
    scope: "Namespaced",
    names: { plural: "nums", singular: "num", kind: "Num", listKind: "NumList" },
    versions: [{
      name: "v1",
      served: true,
      storage: true,
      schema: {
        openAPIV3Schema: {
          type: "object",
          properties: {
            spec: {
              type: "object",
              properties: {
                i: { type: "integer" },
                n: { type: "number" },
                any: { "x-kubernetes-preserve-unknown-fields": true },
              },
            },
          },
        },
      },
    }],
  },
};
const num = (name: string, spec: string, query = ""): Probe => ({
  name: `numbers custom resource ${name}`,
  method: "POST",
  path: `${NUMS}${query}`,
  body:
    `{"apiVersion":"numbers.oracle.io/v1","kind":"Num","metadata":{"name":"${name}"},"spec":{${spec}}}`,
});

const patch = (name: string, contentType: string, body: string): Probe => ({
  name: `numbers ${name} patch infinite`,
  method: "PATCH",
  path: `/api/v1/namespaces/${NS}/configmaps/patched`,
  body,
  contentType,
});

// Keys that strconv.Quote escapes: `"`, a C0 byte, a non-ASCII letter, a soft hyphen (not
// printable), a lone surrogate (U+FFFD once decoded), a BEL in a repeated key, a tab.
const ODD_KEYS = '"f\\"o":1,"a\\u0001b":2,"\u00e9":3,"\\u00ad":4,"\\ud800":5,' +
  '"data":{"x\\u0007":"1","x\\u0007":"2"},"t\\tab":1';
const oddKeys = (name: string) =>
  `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"${name}"},${ODD_KEYS}}`;

/** Number literals and quoted paths, as the Go decoder reads a body's text. */
export const numberLiterals: Probe[] = [
  {
    name: "create namespace oracle-numbers",
    method: "POST",
    path: "/api/v1/namespaces",
    body: { metadata: { name: NS } },
    setup: true,
  },
  { name: "create crd nums", method: "POST", path: CRDS, body: crd, setup: true },
  refusedPod("int64-fraction", '"activeDeadlineSeconds":1.0'),
  refusedPod("int64-overflow", '"activeDeadlineSeconds":99999999999999999999'),
  refusedPod("int64-infinite", '"activeDeadlineSeconds":1e400'),
  refusedPod("int32-exponent", '"priority":1E2'),
  refusedPod("int32-negative-zero", '"priority":-0.0'),
  refusedPod("int32-overflow", '"priority":2147483648'),
  refusedPod(
    "list-exponent",
    '"containers":[{"name":"c","image":"i","ports":[{"containerPort":8e1}]}]',
  ),
  refusedPod("before-duplicates", '"hostname":"a","hostname":"b","priority":2.0'),
  {
    name: "numbers quota literals",
    method: "POST",
    path: `/api/v1/namespaces/${NS}/resourcequotas`,
    body: '{"apiVersion":"v1","kind":"ResourceQuota","metadata":{"name":"q"},"spec":{"hard":' +
      '{"cpu":1.50,"memory":12345678901234567890,"pods":1e3,"services":1e400}}}',
  },
  // The CRD is established a moment after it is created.
  { ...num("infinite", '"n":1e400'), delayMs: 2000 },
  num("infinite-first", '"any":[1.0,-1e400],"n":1E999'),
  num("duplicate", '"n":1.5,"n":2', "?fieldValidation=Strict"),
  num("floats", '"i":1.0,"n":1e2,"any":[1.0,-0,1E2,99999999999999999999,1.5e300,1e-7]'),
  {
    name: "create configmap numbers",
    method: "POST",
    path: `/api/v1/namespaces/${NS}/configmaps`,
    body: { metadata: { name: "patched" } },
    setup: true,
  },
  patch("merge", "application/merge-patch+json", '{"data":{"a":"1.0"},"x":[1,-1e400]}'),
  patch("strategic", "application/strategic-merge-patch+json", '{"x":1e400}'),
  patch(
    "json",
    "application/json-patch+json",
    '[{"op":"add","path":"/metadata/labels","value":{"a":[1,2e999]}}]',
  ),
  {
    name: "numbers strict quoted paths",
    method: "POST",
    path: `/api/v1/namespaces/${NS}/configmaps?fieldValidation=Strict`,
    body: oddKeys("odd"),
  },
  {
    name: "numbers warned quoted paths",
    method: "POST",
    path: `/api/v1/namespaces/${NS}/configmaps`,
    body: oddKeys("odd"),
  },
  {
    name: "numbers crd rule with cel.bind",
    method: "POST",
    path: CRDS,
    body: {
      ...crd,
      metadata: { name: "binds.numbers.oracle.io" },
      spec: {
        ...crd.spec,
        names: { plural: "binds", singular: "bind", kind: "Bind", listKind: "BindList" },
        versions: [{
          ...crd.spec.versions[0],
          schema: {
            openAPIV3Schema: {
              type: "object",
              properties: {
                spec: {
                  type: "object",
                  "x-kubernetes-validations": [{ rule: "cel.bind(x, self.i, x > 0)" }],
                  properties: { i: { type: "integer" } },
                },
              },
            },
          },
        }],
      },
    },
  },
  {
    name: "numbers delete crd",
    method: "DELETE",
    path: `${CRDS}/nums.numbers.oracle.io`,
    setup: true,
  },
];
