// A YAML body that is plain JSON is decoded by JSON.parse only where that gives the YAML parser's value.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parse as parseYaml } from "yaml";
import { decodeGoYaml } from "../../src/kube/go_yaml_decode.ts";
import { plainJsonDocument } from "../../src/kube/plain_json_yaml.ts";
import { decodeYaml } from "../../src/kube/request_body.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("plainJsonDocument", () => {
  it("decodes a plain JSON object as the YAML parser does", () => {
    const documents = [
      '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","labels":{"a":"b"}},"data":{"k":"v"}}',
      '{"a":1.0,"b":-0,"c":1e400,"d":12345678901234567890,"e":"\\u003c\\ud800x","f":[1,{"g":null}],"h":[]}',
      '{"__proto__":{"a":1},"y":"yes","o":"on","n":"~","t":"true","s":"\\/"}',
      '  {"spaced": [ {"x": {}} , 2 ] }\n',
      "{}",
    ];
    for (const text of documents) {
      const value = plainJsonDocument(text);
      assert.notEqual(value, undefined, text);
      assert.deepEqual(value, parseYaml(text), text);
      assert.deepEqual(decodeYaml(bytes(text), "ConfigMap"), parseYaml(text), text);
    }
  });

  it("leaves to the YAML parser what JSON.parse would take otherwise or cannot read", () => {
    const documents = [
      '{"a":"x","a":"y"}', // a key twice: YAML refuses it
      '{"m":{"k":1,"k":2},"n":1}',
      '{"a" :1,"a" :2,"b":"x\\":"}', // an escaped quote (and spaces) could hide a twice-given key
      '{\t"a":1}', // a tab
      "a: 1", // YAML proper
      "[1, 2]", // not an object
      '{"a":1}\n---\n{"b":2}', // two documents
      '{"a":1} # comment',
    ];
    for (const text of documents) assert.equal(plainJsonDocument(text), undefined, text);
  });

  it("leaves a key given twice to the YAML parser, which keeps the last value as go-yaml", () => {
    const text = '{"metadata":{"name":"a","name":"b"}}';
    assert.equal(plainJsonDocument(text), undefined);
    assert.deepEqual(decodeYaml(bytes(text), "ConfigMap"), { metadata: { name: "b" } });
    assert.deepEqual(decodeGoYaml(text).duplicates, ['line 1: key "name" already set in map']);
  });
});
