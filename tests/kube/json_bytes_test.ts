// The bytes of JSON answers: the serializer's compact encoding ends with a newline; `?pretty=true`,
// curl, Wget and browsers get json.MarshalIndent's text without it; /version is always indented.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { indentJson } from "../../src/kube/pretty_json.ts";
import { kubeFixture } from "./kube_fixture.ts";

describe("JSON answer bytes", () => {
  it("compact answers (objects, lists, errors, discovery) end with a newline", async () => {
    const { call } = kubeFixture();
    for (
      const path of [
        "/api/v1/namespaces/default",
        "/api/v1/namespaces",
        "/api/v1/namespaces/default/configmaps/nope",
        "/api",
        "/apis/apps/v1",
      ]
    ) {
      const { text } = await call("GET", path);
      assert.ok(text.endsWith("}\n"), path);
      assert.ok(!text.includes("\n "), path);
    }
  });

  it("pretty=true and curl's agent get two-space indentation without the newline", async () => {
    const { call } = kubeFixture();
    const compact = (await call("GET", "/api/v1/namespaces/default")).text;
    const pretty = await call("GET", "/api/v1/namespaces/default?pretty=true");
    assert.equal(pretty.text, JSON.stringify(JSON.parse(compact), null, 2));
    const curl = await call("GET", "/api/v1/namespaces/nope", undefined, {
      "user-agent": "curl/8.5.0",
    });
    assert.equal(curl.status, 404);
    assert.ok(
      curl.text.startsWith('{\n  "kind": "Status",\n  "apiVersion": "v1",\n  "metadata": {},'),
    );
    // A non-empty pretty parameter decides over the agent (strconv.ParseBool).
    const off = await call("GET", "/api/v1/namespaces/default?pretty=false", undefined, {
      "user-agent": "curl/8.5.0",
    });
    assert.equal(off.text, compact);
  });

  it("/version is indented for every client", async () => {
    const { text } = await kubeFixture().call("GET", "/version");
    assert.ok(text.startsWith('{\n  "major": "1",\n  "minor": "33",'));
    assert.ok(text.endsWith('"platform": "linux/amd64"\n}'));
  });

  it("indentJson keeps strings byte for byte and empty containers compact", () => {
    assert.equal(
      indentJson('{"a":[],"b":{},"c":"x,y:{\\"}","d":[1,{"e":null}]}\n'),
      '{\n  "a": [],\n  "b": {},\n  "c": "x,y:{\\"}",\n  "d": [\n    1,\n    {\n      "e": null\n    }\n  ]\n}',
    );
  });
});
