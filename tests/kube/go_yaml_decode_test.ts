// YAML decoded as kube-apiserver decodes it (sigs.k8s.io/yaml over go-yaml v2): each input beside
// what go.yaml.in/yaml/v2 v2.4.3 answered for it through sigs.k8s.io/yaml v1.6.0's Unmarshal into a
// map (the error without Unmarshal's "error converting YAML to JSON: " prefix, or the value).
// The last two, once known gaps of the yaml package, answer as go-yaml since src/yaml/ ports it.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { decodeGoYaml, GoYamlError } from "../../src/kube/go_yaml_decode.ts";

type Expected = { error: string } | { value: unknown };

const CASES: [string, Expected][] = [
  ["metadata: [", { error: "yaml: line 1: did not find expected node content" }],
  ["metadata: {", { error: "yaml: line 1: did not find expected node content" }],
  ["metadata:\n\tname: x", { error: "yaml: line 2: found character that cannot start any token" }],
  ["a: b: c", { error: "yaml: mapping values are not allowed in this context" }],
  ["metadata:\n  name: x\n namespace: y", { error: "yaml: line 2: did not find expected key" }],
  ["metadata:\n  name: x\n   labels: y", {
    error: "yaml: line 3: mapping values are not allowed in this context",
  }],
  ['a: "abc', { error: "yaml: found unexpected end of stream" }],
  ["a: 'abc", { error: "yaml: found unexpected end of stream" }],
  ["- a\nb: c", { error: "yaml: line 1: did not find expected '-' indicator" }],
  ["a:\n- b\n c", { value: { "a": ["b c"] } }],
  ["apiVersion: v1\nkind\nmetadata:\n  name: x", {
    error: "yaml: line 3: could not find expected ':'",
  }],
  ["a: [1, 2", { error: "yaml: line 1: did not find expected ',' or ']'" }],
  ["a: {b: c", { error: "yaml: line 1: did not find expected ',' or '}'" }],
  ["a: @foo", { error: "yaml: found character that cannot start any token" }],
  ["a: `x`", { error: "yaml: found character that cannot start any token" }],
  ["a: *unknown", { error: "yaml: unknown anchor 'unknown' referenced" }],
  ["---\na: 1\n---\nb: 2", { value: { "a": 1 } }],
  ["a: 1\na: 2", { value: { "a": 2 } }],
  ["a: 1\n  b: 2", { error: "yaml: line 2: mapping values are not allowed in this context" }],
  ["a:\n  - b\n  c: d", { error: "yaml: line 2: did not find expected '-' indicator" }],
  ['a: "\\q"', { error: "yaml: found unknown escape character" }],
  ["{a: 1", { error: "yaml: line 1: did not find expected ',' or '}'" }],
  ["a: b\n- c", { error: "yaml: line 1: did not find expected key" }],
  ["apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: 1\n b: 2\n", {
    error: "yaml: line 6: did not find expected key",
  }],
  ["a: [1, 2]]", { error: "yaml: did not find expected key" }],
  ["a: }", { error: "yaml: did not find expected node content" }],
  ["a: ]", { error: "yaml: did not find expected node content" }],
  ["a:\n  b: 1\n c: 2", { error: "yaml: line 2: did not find expected key" }],
  ["a: |\n  x\n y: 1", { error: "yaml: line 2: did not find expected key" }],
  ["a: b\n\tc: d", { error: "yaml: line 2: found a tab character that violates indentation" }],
  ["metadata:\n  name: x\n\tnamespace: y", {
    error: "yaml: line 3: found a tab character that violates indentation",
  }],
  ["a: 1\nb: 2\na: 3", { value: { "a": 3, "b": 2 } }],
  ["metadata:\n  name: a\n  name: b", { value: { "metadata": { "name": "b" } } }],
  ["a: &x 1\nb: *x", { value: { "a": 1, "b": 1 } }],
  ["a: 'it''s'", { value: { "a": "it's" } }],
  ['a: "x" y', { error: "yaml: did not find expected key" }],
  ["a: 'x' y", { error: "yaml: did not find expected key" }],
  ["a: [b, c", { error: "yaml: line 1: did not find expected ',' or ']'" }],
  ["a: [b: c]]", { error: "yaml: did not find expected key" }],
  ["%YAML 1.1\n---\na: 1", { value: { "a": 1 } }],
  ["a: 1\n...\nb: 2", { value: { "a": 1 } }],
  ["? a\n: 1", { value: { "a": 1 } }],
  ["a: -\n", { error: "yaml: block sequence entries are not allowed in this context" }],
  ["a:\n  - b\n - c", { error: "yaml: line 2: did not find expected key" }],
  ["key: value\n  - item", { value: { "key": "value - item" } }],
  ["a: y", { value: { "a": true } }],
  ["a: n", { value: { "a": false } }],
  ["a: yes", { value: { "a": true } }],
  ["a: No", { value: { "a": false } }],
  ["a: on", { value: { "a": true } }],
  ["a: OFF", { value: { "a": false } }],
  ["a: True", { value: { "a": true } }],
  ["a: 0755", { value: { "a": 493 } }],
  ["a: 0x1F", { value: { "a": 31 } }],
  ["a: 0b101", { value: { "a": 5 } }],
  ["a: 1_000", { value: { "a": 1000 } }],
  ["a: 1:20", { value: { "a": "1:20" } }],
  ["a: 1e3", { value: { "a": 1000 } }],
  ["a: .inf", { error: "json: unsupported value: +Inf" }],
  ["a: ~", { value: { "a": null } }],
  ["a: Null", { value: { "a": null } }],
  ["a: 2001-12-14", { value: { "a": "2001-12-14" } }],
  ["a: 2001-12-14t21:59:43.10-05:00", { value: { "a": "2001-12-14t21:59:43.10-05:00" } }],
  ["a: =", { value: { "a": "=" } }],
  ["a: 0o17", { value: { "a": 15 } }],
  ["a: +12", { value: { "a": 12 } }],
  ["a: 1.0", { value: { "a": 1 } }],
  ["a: 01.5", { value: { "a": 1.5 } }],
  ["a: 12e03", { value: { "a": 12000 } }],
  ["a: -.INF", { error: "json: unsupported value: -Inf" }],
  ["a: .NaN", { error: "json: unsupported value: NaN" }],
  ["a: 0.", { value: { "a": 0 } }],
  ["a: 190:20:30.15", { value: { "a": "190:20:30.15" } }],
  ["a: 685_230.15", { value: { "a": 685230.15 } }],
  ["a: !!binary aGVsbG8=", { value: { "a": "hello" } }],
  ["a: !!str 12", { value: { "a": "12" } }],
  ["b: &x {c: 1}\na:\n  <<: *x\n  d: 2", { value: { "a": { "c": 1, "d": 2 }, "b": { "c": 1 } } }],
  ["a: 9223372036854775808", { value: { "a": 9223372036854776000 } }],
  ["a: 1e400", { value: { "a": "1e400" } }],
  ["a: 0b2", { value: { "a": "0b2" } }],
  ["a: 08", { value: { "a": 8 } }],
  ["a: 007", { value: { "a": 7 } }],
  ['apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  a: "1"\n\tb: "2"\n', {
    error: "yaml: line 7: found character that cannot start any token",
  }],
  ['apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  a: "1\n', {
    error: "yaml: line 7: found unexpected end of stream",
  }],
  ['apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  a: x\n\tb: "2"\n', {
    error: "yaml: line 7: found a tab character that violates indentation",
  }],
  ["apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n\ta: 1\n", {
    error: "yaml: line 6: found character that cannot start any token",
  }],
  ["a: 'x\ny", { error: "yaml: line 2: found unexpected end of stream" }],
  ["apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  a: [1, 2\n", {
    error: "yaml: line 6: did not find expected ',' or ']'",
  }],
  ["apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  a: b: c\n", {
    error: "yaml: line 6: mapping values are not allowed in this context",
  }],
  ["apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  a: @x\n", {
    error: "yaml: line 6: found character that cannot start any token",
  }],
  ["apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  a: *x\n", {
    error: "yaml: unknown anchor 'x' referenced",
  }],
  // The root ends where a later line dedents past it: go-yaml reads one document up to there.
  ["  a: 1\nb: 2", { value: { "a": 1 } }],
  ["a: !!int x", { error: "yaml: cannot decode !!str `x` as a !!int" }],
];

describe("decodeGoYaml", () => {
  for (const [input, expected] of CASES) {
    it(`${JSON.stringify(input)} as go-yaml v2`, () => {
      if ("error" in expected) {
        assert.throws(
          () => decodeGoYaml(input),
          (error: unknown) => error instanceof GoYamlError && error.message === expected.error,
        );
      } else {
        assert.deepEqual(decodeGoYaml(input).value, expected.value);
      }
    });
  }

  it("reports each key given twice with its line, as go-yaml's strict decode", () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: "1"\n  a: "2"';
    const { value, duplicates } = decodeGoYaml(text);
    assert.deepEqual((value as { data: unknown }).data, { a: "2" });
    assert.deepEqual(duplicates, ['line 7: key "a" already set in map']);
  });

  it("reads the first document only", () => {
    assert.deepEqual(decodeGoYaml("a: 1\n---\nb: [").value, { a: 1 });
  });
});
