// Keys given twice in a JSON body: kube-apiserver's strict decoding (sigs.k8s.io/json) warns
// `duplicate field "<path>"` under fieldValidation=Warn, refuses under Strict, keeps the last.
// Expected texts are k8s.io/apimachinery v0.33.1's strict serializer's on the same bodies.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { kubeFixture } from "./kube_fixture.ts";
import { jsonDuplicates } from "../../src/kube/json_duplicates.ts";

const CM = "/api/v1/namespaces/default/configmaps";
const REPEATED = '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","name":"b",' +
  '"labels":{"x":"1","x":"2"}},"data":{"k":"v"},"data":{"k":"w","k":"z"},"foo":1,"foo":2}';
const ERRORS = [
  'duplicate field "metadata.name"',
  'duplicate field "metadata.labels.x"',
  'duplicate field "data"',
  'duplicate field "data.k"',
  'unknown field "foo"',
];

describe("duplicate fields in a JSON body", () => {
  it("Strict: 400 naming each duplicate and unknown field in document order", async () => {
    const { call, cluster } = kubeFixture();
    try {
      const refused = await call("POST", `${CM}?fieldValidation=Strict`, REPEATED);
      assert.equal(refused.status, 400);
      assert.equal(refused.json.reason, "BadRequest");
      assert.equal(
        refused.json.message,
        `ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: ${
          ERRORS.join(", ")
        }`,
      );
      const pod = await call(
        "POST",
        "/api/v1/namespaces/default/pods?fieldValidation=Strict",
        '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a"},"spec":{"containers":' +
          '[{"name":"c","image":"i","image":"j"}],"x":{"a":1,"a":2}}}',
      );
      // What an unknown field holds is skipped by the struct decoder: no "spec.x.a".
      assert.equal(
        pod.json.message,
        'Pod in version "v1" cannot be handled as a Pod: strict decoding error: duplicate field "spec.containers[0].image", unknown field "spec.x"',
      );
    } finally {
      await cluster.close();
    }
  });

  it("Warn (the default): a Warning each, the last value kept; Ignore: none", async () => {
    const { call, cluster } = kubeFixture();
    try {
      const warned = await call("POST", CM, REPEATED);
      assert.equal(warned.status, 201);
      assert.equal(
        warned.headers.get("warning"),
        ERRORS.map((error) => `299 - ${JSON.stringify(error)}`).join(", "),
      );
      assert.equal(warned.json.metadata.name, "b");
      assert.deepEqual(warned.json.data, { k: "z" });
      const ignored = await call(
        "POST",
        `${CM}?fieldValidation=Ignore`,
        REPEATED.replace('"b"', '"c"'),
      );
      assert.equal(ignored.status, 201);
      assert.equal(ignored.headers.get("warning"), null);
    } finally {
      await cluster.close();
    }
  });

  it("a repeated key beside an unknown field whose name holds a quote is a 400, not a 500", async () => {
    const { call, cluster } = kubeFixture();
    try {
      const refused = await call(
        "POST",
        `${CM}?fieldValidation=Strict`,
        '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","name":"b"},"f\\"o":1}',
      );
      assert.equal(refused.status, 400);
      assert.match(refused.json.message, /strict decoding error: duplicate field "metadata\.name"/);
    } finally {
      await cluster.close();
    }
  });
});

describe("paths in strict decoding errors", () => {
  // kube-apiserver v1.36.3's answer to the same body (the oracle): sigs.k8s.io/json writes each
  // path with strconv.Quote, in the message and in each Warning alike.
  const BODY = '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"q1"},"f\\"o":1,' +
    '"a\\u0001b":2,"\u00e9":3,"\\u00ad":4,"\\ud800":5,"data":{"x\\u0007":"1","x\\u0007":"2"},' +
    '"t\\tab":1}';
  const ERRORS = [
    'unknown field "f\\"o"',
    'unknown field "a\\x01b"',
    'unknown field "\u00e9"',
    'unknown field "\\u00ad"',
    'unknown field "\ufffd"',
    'duplicate field "data.x\\a"',
    'unknown field "t\\tab"',
  ];

  it("are quoted as Go's strconv.Quote: Strict's 400 and Warn's headers (kept by a failed write)", async () => {
    const { call, cluster } = kubeFixture();
    try {
      const refused = await call("POST", `${CM}?fieldValidation=Strict`, BODY);
      assert.equal(refused.status, 400);
      assert.equal(
        refused.json.message,
        `ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: ${
          ERRORS.join(", ")
        }`,
      );
      const warned = await call("POST", CM, BODY);
      // The key `x\a` is no valid ConfigMap key: a 422, which keeps the decoding's warnings.
      assert.equal(warned.status, 422);
      // A text past Latin-1 as its UTF-8 bytes (a byte string), one within it as it is.
      const utf8 = (text: string) => {
        const escaped = text.replace(/(["\\])/g, "\\$1");
        return [...escaped].every((c) => c.charCodeAt(0) <= 0xff)
          ? escaped
          : String.fromCharCode(...new TextEncoder().encode(escaped));
      };
      assert.equal(
        warned.headers.get("warning"),
        ERRORS.map((error) => `299 - "${utf8(error)}"`).join(", "),
      );
    } finally {
      await cluster.close();
    }
  });
});

describe("jsonDuplicates", () => {
  it("finds nothing in a body without repeated keys, escapes and strings with colons included", () => {
    const text = '{"a":{"b\\"":"x\\":y","c":[{"d":1},{"d":2}]},"e":"\\\\"}';
    assert.equal(jsonDuplicates(text, JSON.parse(text)), undefined);
  });

  it("names paths as sigs.k8s.io/json: dots between keys, [i] for items, escaped keys decoded", () => {
    const text =
      ' { "s" : { "l" : [ 1 , { "b":1, "b" :2 } ], "m\\u0041":{"a":1,"a":2} }, "s": {} }';
    assert.deepEqual(jsonDuplicates(text, JSON.parse(text))?.paths, ["s.l[1].b", "s.mA.a", "s"]);
  });
});
