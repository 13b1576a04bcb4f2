// Number literals decoded from their text, as Go's encoding/json decodes them: integer fields refuse
// `1.0`, `1e2`, `1E2` and what their width cannot hold, float64 refuses `1e400`, a Quantity parses
// the literal, a custom resource's body fails on a number float64 cannot hold. Expected answers
// are kube-apiserver v1.36.3's on the same bodies (the oracle, scripts/oracle/_number_probes.ts)
// and k8s.io/apimachinery v0.36.3's strict JSON serializer's in a Go program.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { kubeFixture } from "./kube_fixture.ts";
import { widgetCrd } from "../api/crd/_realistic_crd.ts";
import { scanJsonText } from "../../src/kube/json_text_scan.ts";

const mayHoldLiterals = (text: string) => scanJsonText(text).literals;

const PODS = "/api/v1/namespaces/default/pods";
const pod = (spec: string) =>
  `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"i"}],${spec}}}`;
const podError = (field: string, literal: string, type: string) =>
  `Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number ${literal} into Go struct field ${field} of type ${type}`;

describe("number literals in a JSON body", () => {
  it("an integer field refuses a fraction, an exponent or an out-of-range literal: 400 naming its text", async () => {
    const { call, cluster } = kubeFixture();
    try {
      const cases: [string, string][] = [
        [
          '"activeDeadlineSeconds":1.0',
          podError("PodSpec.spec.activeDeadlineSeconds", "1.0", "int64"),
        ],
        [
          '"activeDeadlineSeconds":1e400',
          podError("PodSpec.spec.activeDeadlineSeconds", "1e400", "int64"),
        ],
        [
          '"activeDeadlineSeconds":99999999999999999999',
          podError("PodSpec.spec.activeDeadlineSeconds", "99999999999999999999", "int64"),
        ],
        ['"priority":1E2', podError("PodSpec.spec.priority", "1E2", "int32")],
        ['"priority":-0.0', podError("PodSpec.spec.priority", "-0.0", "int32")],
        ['"priority":2147483648', podError("PodSpec.spec.priority", "2147483648", "int32")],
        [
          '"containers":[{"name":"c","image":"i","ports":[{"containerPort":8e1}]}]',
          podError("ContainerPort.spec.containers.ports.containerPort", "8e1", "int32"),
        ],
      ];
      for (const [spec, message] of cases) {
        const refused = await call("POST", PODS, pod(spec));
        assert.equal(refused.status, 400, spec);
        assert.equal(refused.json.reason, "BadRequest");
        assert.equal(refused.json.message, message);
      }
      // The type error comes before the strict errors (a key given twice).
      const first = await call(
        "POST",
        `${PODS}?fieldValidation=Strict`,
        pod('"hostname":"a","hostname":"b","priority":2.0'),
      );
      assert.equal(first.json.message, podError("PodSpec.spec.priority", "2.0", "int32"));
    } finally {
      await cluster.close();
    }
  });

  it("a Quantity given a number parses its literal (1e400 is 10e399, 20 digits kept)", async () => {
    const { call, cluster } = kubeFixture();
    try {
      const created = await call(
        "POST",
        "/api/v1/namespaces/default/resourcequotas",
        '{"apiVersion":"v1","kind":"ResourceQuota","metadata":{"name":"q"},"spec":{"hard":' +
          '{"cpu":1.50,"memory":12345678901234567890,"pods":1e3,"services":1e400}}}',
      );
      assert.equal(created.status, 201);
      assert.deepEqual(created.json.spec.hard, {
        cpu: "1500m",
        memory: "12345678901234567890",
        pods: "1e3",
        services: "10e399",
      });
    } finally {
      await cluster.close();
    }
  });

  it("a custom resource refuses a number float64 cannot hold, the first in the text", async () => {
    const { call, cluster } = kubeFixture();
    try {
      assert.equal(
        (await call("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", widgetCrd()))
          .status,
        201,
      );
      const refused = await call(
        "POST",
        "/apis/example.com/v1/namespaces/default/widgets",
        '{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"a":[1.0,-1e400],"b":1E999}}',
      );
      assert.equal(refused.status, 400);
      assert.equal(
        refused.json.message,
        'Widget in version "v1" cannot be handled as a Widget: json: cannot unmarshal number -1e400 into Go value of type float64',
      );
    } finally {
      await cluster.close();
    }
  });
});

describe("number literals in a patch", () => {
  // kube-apiserver v1.36.3's answers (the oracle): the patch's own decoding fails first.
  it("a number float64 cannot hold is a 400 worded per patch type", async () => {
    const { call, cluster } = kubeFixture();
    try {
      const path = "/api/v1/namespaces/default/configmaps/c";
      assert.equal(
        (await call("POST", "/api/v1/namespaces/default/configmaps", {
          metadata: { name: "c" },
        })).status,
        201,
      );
      const cases: [string, string, string][] = [
        [
          "application/merge-patch+json",
          '{"data":{"a":"1.0"},"x":[1,-1e400]}',
          "error decoding patch: json: cannot unmarshal number -1e400 into Go value of type float64",
        ],
        [
          "application/strategic-merge-patch+json",
          '{"x":1e400}',
          "json: cannot unmarshal number 1e400 into Go value of type float64",
        ],
        [
          "application/json-patch+json",
          '[{"op":"add","path":"/metadata/labels","value":{"a":[1,2e999]}}]',
          "error decoding patch: json: cannot unmarshal number 2e999 into Go struct field jsonPatchOp.value of type float64",
        ],
      ];
      for (const [type, body, message] of cases) {
        const refused = await call("PATCH", path, body, { "content-type": type });
        assert.equal(refused.status, 400, type);
        assert.equal(refused.json.reason, "BadRequest");
        assert.equal(refused.json.message, message);
      }
    } finally {
      await cluster.close();
    }
  });
});

describe("scanJsonText: literals", () => {
  it("looks only between strings: versions, IPs and images in strings are no literal", () => {
    assert.equal(
      mayHoldLiterals('{"image":"nginx:1.27","ip":"10.0.0.1","v":"1e5","n":12,"t":true}'),
      false,
    );
    assert.equal(mayHoldLiterals('{"a\\"":"x\\\\","n":[1, 2,-0]}'), false);
  });

  it("flags a fraction, an exponent and 16 digits or more", () => {
    for (const literal of ["1.0", "1e2", "1E2", "-0.5", "9007199254740993"]) {
      assert.equal(mayHoldLiterals(`{"a":"x","n":${literal}}`), true, literal);
    }
    assert.equal(mayHoldLiterals("[123456789012345]"), false);
  });
});
