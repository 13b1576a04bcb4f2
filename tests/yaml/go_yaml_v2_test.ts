// go-yaml v2's reading path, differentially: each input beside what go.yaml.in/yaml/v2 v2.4.3 answered
// through sigs.k8s.io/yaml v1.6.0's YAMLToJSON (the JSON it produced, or its error), and the
// duplicate keys yaml.UnmarshalStrict listed. Produced by a small Go program over those two modules
// (Go 1.26); the inputs are hand-written documents of every style, Kubernetes manifests, malformed
// ones, and mutations of them (deleted characters, inserted indicators, tabs, quotes, breaks,
// changed indentation). One pair is left out: `1: a\n"1": b`, whose two keys YAMLToJSON
// converts to the same "1" in Go's random map order.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { decodeYaml, YamlError } from "../../src/yaml/mod.ts";

type Expected = { error: string } | { json: string; duplicates?: string[] };

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
  ["a:\n- b\n c", { json: '{"a":["b c"]}' }],
  ["apiVersion: v1\nkind\nmetadata:\n  name: x", {
    error: "yaml: line 3: could not find expected ':'",
  }],
  ["a: [1, 2", { error: "yaml: line 1: did not find expected ',' or ']'" }],
  ["a: {b: c", { error: "yaml: line 1: did not find expected ',' or '}'" }],
  ["a: @foo", { error: "yaml: found character that cannot start any token" }],
  ["a: `x`", { error: "yaml: found character that cannot start any token" }],
  ["a: *unknown", { error: "yaml: unknown anchor 'unknown' referenced" }],
  ["---\na: 1\n---\nb: 2", { json: '{"a":1}' }],
  ["a: 1\na: 2", { json: '{"a":2}', duplicates: ['line 2: key "a" already set in map'] }],
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
  ["a: 1\nb: 2\na: 3", {
    json: '{"a":3,"b":2}',
    duplicates: ['line 3: key "a" already set in map'],
  }],
  ["metadata:\n  name: a\n  name: b", {
    json: '{"metadata":{"name":"b"}}',
    duplicates: ['line 3: key "name" already set in map'],
  }],
  ["a: &x 1\nb: *x", { json: '{"a":1,"b":1}' }],
  ["a: 'it''s'", { json: '{"a":"it\'s"}' }],
  ['a: "x" y', { error: "yaml: did not find expected key" }],
  ["a: 'x' y", { error: "yaml: did not find expected key" }],
  ["a: [b, c", { error: "yaml: line 1: did not find expected ',' or ']'" }],
  ["a: [b: c]]", { error: "yaml: did not find expected key" }],
  ["%YAML 1.1\n---\na: 1", { json: '{"a":1}' }],
  ["a: 1\n...\nb: 2", { json: '{"a":1}' }],
  ["? a\n: 1", { json: '{"a":1}' }],
  ["a: -\n", { error: "yaml: block sequence entries are not allowed in this context" }],
  ["a:\n  - b\n - c", { error: "yaml: line 2: did not find expected key" }],
  ["key: value\n  - item", { json: '{"key":"value - item"}' }],
  ["a: y", { json: '{"a":true}' }],
  ["a: n", { json: '{"a":false}' }],
  ["a: yes", { json: '{"a":true}' }],
  ["a: No", { json: '{"a":false}' }],
  ["a: on", { json: '{"a":true}' }],
  ["a: OFF", { json: '{"a":false}' }],
  ["a: True", { json: '{"a":true}' }],
  ["a: 0755", { json: '{"a":493}' }],
  ["a: 0x1F", { json: '{"a":31}' }],
  ["a: 0b101", { json: '{"a":5}' }],
  ["a: 1_000", { json: '{"a":1000}' }],
  ["a: 1:20", { json: '{"a":"1:20"}' }],
  ["a: 1e3", { json: '{"a":1000}' }],
  ["a: .inf", { error: "json: unsupported value: +Inf" }],
  ["a: ~", { json: '{"a":null}' }],
  ["a: Null", { json: '{"a":null}' }],
  ["a: 2001-12-14", { json: '{"a":"2001-12-14"}' }],
  ["a: 2001-12-14t21:59:43.10-05:00", { json: '{"a":"2001-12-14t21:59:43.10-05:00"}' }],
  ["a: =", { json: '{"a":"="}' }],
  ["a: 0o17", { json: '{"a":15}' }],
  ["a: +12", { json: '{"a":12}' }],
  ["a: 1.0", { json: '{"a":1}' }],
  ["a: 01.5", { json: '{"a":1.5}' }],
  ["a: 12e03", { json: '{"a":12000}' }],
  ["a: -.INF", { error: "json: unsupported value: -Inf" }],
  ["a: .NaN", { error: "json: unsupported value: NaN" }],
  ["a: 0.", { json: '{"a":0}' }],
  ["a: 190:20:30.15", { json: '{"a":"190:20:30.15"}' }],
  ["a: 685_230.15", { json: '{"a":685230.15}' }],
  ["a: !!binary aGVsbG8=", { json: '{"a":"hello"}' }],
  ["a: !!str 12", { json: '{"a":"12"}' }],
  ["b: &x {c: 1}\na:\n  <<: *x\n  d: 2", { json: '{"a":{"c":1,"d":2},"b":{"c":1}}' }],
  ["a: 9223372036854775808", { json: '{"a":9223372036854775808}' }],
  ["a: 1e400", { json: '{"a":"1e400"}' }],
  ["a: 0b2", { json: '{"a":"0b2"}' }],
  ["a: 08", { json: '{"a":8}' }],
  ["a: 007", { json: '{"a":7}' }],
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
  ["", { json: "null" }],
  [" ", { json: "null" }],
  ["\n", { json: "null" }],
  ["#c", { json: "null" }],
  ["---", { json: "null" }],
  ["--- \n...", { json: "null" }],
  ["...", { error: "yaml: did not find expected node content" }],
  ["~", { json: "null" }],
  ["null", { json: "null" }],
  ["a", { json: '"a"' }],
  ["'a'", { json: '"a"' }],
  ['"a"', { json: '"a"' }],
  ["[]", { json: "[]" }],
  ["{}", { json: "{}" }],
  ["-", { json: "[null]" }],
  ["- ", { json: "[null]" }],
  ["?", { error: "unsupported map key of type: %!s(<nil>), key: <nil>, value: <nil>" }],
  [":", { error: "yaml: did not find expected key" }],
  [": a", { error: "yaml: did not find expected key" }],
  ["a: 1\nb: 2\n", { json: '{"a":1,"b":2}' }],
  ["a:\n  b:\n    c: 1\n", { json: '{"a":{"b":{"c":1}}}' }],
  ["- a\n- b\n- - c\n  - d\n", { json: '["a","b",["c","d"]]' }],
  ["a:\n- 1\n- 2\nb: 3", { json: '{"a":[1,2],"b":3}' }],
  ["a: [1, 2, 3]", { json: '{"a":[1,2,3]}' }],
  ["{a: 1, b: [2, 3], c: {d: e}}", { json: '{"a":1,"b":[2,3],"c":{"d":"e"}}' }],
  ["[a, b: c, {d: e}]", { json: '["a",{"b":"c"},{"d":"e"}]' }],
  ["[? a : b]", { json: '[{"a":"b"}]' }],
  ["{a, b: , : c}", { error: "yaml: did not find expected node content" }],
  ["{a:1}", { json: '{"a:1":null}' }],
  ["{a: b:c}", { json: '{"a":"b:c"}' }],
  ["[a:b]", { json: '["a:b"]' }],
  ['{"a":1}', { json: '{"a":1}' }],
  ['{"a": 1, "b": [true, false, null]}', { json: '{"a":1,"b":[true,false,null]}' }],
  ["a: |\n  line1\n  line2\n", { json: '{"a":"line1\\nline2\\n"}' }],
  ["a: >\n  folded\n  text\n\n  para\n", { json: '{"a":"folded text\\npara\\n"}' }],
  ["a: |-\n  x\n\n", { json: '{"a":"x"}' }],
  ["a: |+\n  x\n\n", { json: '{"a":"x\\n\\n"}' }],
  ["a: |2\n    x\n", { json: '{"a":"  x\\n"}' }],
  ["a: >-\n  x\n   y\n  z\n", { json: '{"a":"x\\n y\\nz"}' }],
  ["a: |\n\tx", {
    error: "yaml: line 2: found a tab character where an indentation space is expected",
  }],
  ["a: |0\n x", { error: "yaml: found an indentation indicator equal to 0" }],
  ["a: | x\n", { error: "yaml: did not find expected comment or line break" }],
  ["a: |\n  x\n    y\n  z\n", { json: '{"a":"x\\n  y\\nz\\n"}' }],
  ["- |\n  x\n- >\n  y\n", { json: '["x\\n","y\\n"]' }],
  ["a: 'x\n  y\n\n  z'", { json: '{"a":"x y\\nz"}' }],
  ['a: "x\\\n  y"', { json: '{"a":"xy"}' }],
  ['a: "\\x41\\u0042\\U00000043\\t\\n\\\\\\""', { json: '{"a":"ABC\\t\\n\\\\\\""}' }],
  ['a: "\\xZZ"', { error: "yaml: did not find expected hexdecimal number" }],
  ['a: "\\uD800"', { error: "yaml: found invalid Unicode character escape code" }],
  ['a: "\\N\\_\\L\\P\\e\\0\\a\\b\\v\\f\\r\\ \\/"', {
    error: "yaml: found unknown escape character",
  }],
  ['a: "x\n---\ny"', { error: "yaml: line 2: found unexpected document indicator" }],
  ["a: 'x\n...\n'", { error: "yaml: line 2: found unexpected document indicator" }],
  ["a: 'abc\n\nb: c", { error: "yaml: line 3: found unexpected end of stream" }],
  ["a: b\n  c\n  d", { json: '{"a":"b c d"}' }],
  ["a: b\n\n  c", { json: '{"a":"b\\nc"}' }],
  ["a: b # comment\nc: d #x", { json: '{"a":"b","c":"d"}' }],
  ["a: b#c", { json: '{"a":"b#c"}' }],
  ["a: #c\n  b", { json: '{"a":"b"}' }],
  ["- a #c\n- b", { json: '["a","b"]' }],
  ["a:\tb", { json: '{"a":"b"}' }],
  ["a: b\t", { json: '{"a":"b"}' }],
  ["\ta: b", { error: "yaml: found character that cannot start any token" }],
  ["a:\n\t- b", { error: "yaml: line 2: found character that cannot start any token" }],
  ["- a\n-\tb", { error: "yaml: line 2: found character that cannot start any token" }],
  ["a: b\n\t\nc: d", { error: "yaml: line 2: found a tab character that violates indentation" }],
  ["a: [1,\t2]", { json: '{"a":[1,2]}' }],
  ["a: &x [1, 2]\nb: *x\nc: *x", { json: '{"a":[1,2],"b":[1,2],"c":[1,2]}' }],
  ["a: &x {b: 1}\nc:\n  <<: *x\n  d: 2", { json: '{"a":{"b":1},"c":{"b":1,"d":2}}' }],
  ["a: &x\n  b: 1\nc:\n  <<: [*x, {b: 2, e: 3}]\n  d: 4", {
    json: '{"a":{"b":1},"c":{"b":1,"d":4,"e":3}}',
    duplicates: ['line 2: key "b" already set in map'],
  }],
  ["<<: 1", { error: "yaml: map merge requires map or sequence of maps as the value" }],
  ["<<: [1]", { error: "yaml: map merge requires map or sequence of maps as the value" }],
  ["a: &x 1\n<<: *x", { error: "yaml: map merge requires map or sequence of maps as the value" }],
  ["<<: {a: 1}\n<<: {a: 2}", {
    json: '{"a":2}',
    duplicates: ['line 2: key "a" already set in map'],
  }],
  ["a: 1\n<<: {a: 2}", { json: '{"a":2}', duplicates: ['line 2: key "a" already set in map'] }],
  ["a: &a [*a]", { error: "yaml: anchor 'a' value contains itself" }],
  ["a: &a {b: *a}", { error: "yaml: anchor 'a' value contains itself" }],
  ["*a", { error: "yaml: unknown anchor 'a' referenced" }],
  ["&a", { json: "null" }],
  ["&a a: b", { json: '{"a":"b"}' }],
  ["a: &a", { json: '{"a":null}' }],
  ["a: !!str", { json: '{"a":""}' }],
  ["a: &x\nb: *x", { json: '{"a":null,"b":null}' }],
  ["a: !!int 1", { json: '{"a":1}' }],
  ["a: !!int x", { error: "yaml: cannot decode !!str `x` as a !!int" }],
  ["a: !!float 1", { json: '{"a":1}' }],
  ["a: !!float x", { error: "yaml: cannot decode !!str `x` as a !!float" }],
  ["a: !!bool yes", { json: '{"a":true}' }],
  ["a: !!bool x", { error: "yaml: cannot decode !!str `x` as a !!bool" }],
  ["a: !!null ~", { json: '{"a":null}' }],
  ["a: !!null x", { error: "yaml: cannot decode !!str `x` as a !!null" }],
  ["a: !!str 1", { json: '{"a":"1"}' }],
  ["a: !!timestamp 2001-12-14", { json: '{"a":"2001-12-14"}' }],
  ["a: !!timestamp x", { error: "yaml: cannot decode !!str `x` as a !!timestamp" }],
  ["a: !!timestamp 2020-13-45", {
    error: "yaml: cannot decode !!str `2020-13-45` as a !!timestamp",
  }],
  ["a: !!timestamp 2021-02-29", {
    error: "yaml: cannot decode !!str `2021-02-29` as a !!timestamp",
  }],
  ["a: !!timestamp 2024-02-29", { json: '{"a":"2024-02-29"}' }],
  ["a: !!timestamp 2020-01-02T10:20:30,5Z", { json: '{"a":"2020-01-02T10:20:30,5Z"}' }],
  ["a: !!binary aGVsbG8", { error: "yaml: !!binary value contains invalid base64 data" }],
  ["a: !!binary |\n  aGVs\n  bG8=\n", { json: '{"a":"hello"}' }],
  ["a: !foo bar", { json: '{"a":"bar"}' }],
  ["a: !<tag:x> bar", { json: '{"a":"bar"}' }],
  ["a: ! 12", { json: '{"a":"12"}' }],
  ["a: !e!x y", { error: "yaml: found undefined tag handle" }],
  ["%TAG !e! tag:e,2000:\n---\na: !e!x y", { json: '{"a":"y"}' }],
  ["%YAML 1.2\n---\na: 1", { error: "yaml: found incompatible YAML document" }],
  ["%YAML 1.1\n%YAML 1.1\n---\na", { error: "yaml: line 1: found duplicate %YAML directive" }],
  ["%FOO bar\n---\na", { error: "yaml: found unknown directive name" }],
  ["%TAG ! x\n%TAG ! y\n---\na", { error: "yaml: line 1: found duplicate %TAG directive" }],
  ["a: !!map {b: 1}", { json: '{"a":{"b":1}}' }],
  ["a: !!seq [1]", { json: '{"a":[1]}' }],
  ["!!map\na: 1", { json: '{"a":1}' }],
  ["a: !!merge <<", { json: '{"a":"\\u003c\\u003c"}' }],
  ["a: yes\nb: No\nc: ON\nd: off\ne: Y\nf: n\ng: true\nh: FALSE\ni: TRUE\nj: tRUE", {
    json:
      '{"a":true,"b":false,"c":true,"d":false,"e":true,"f":false,"g":true,"h":false,"i":true,"j":"tRUE"}',
  }],
  ["a: 0755\nb: 0o17\nc: 0x1f\nd: 0b11\ne: -0b11\nf: +0x10", {
    json: '{"a":493,"b":15,"c":31,"d":3,"e":-3,"f":16}',
  }],
  ["a: 1_000\nb: 1__0\nc: _1\nd: 1_\ne: 0x_1", { json: '{"a":1000,"b":10,"c":"_1","d":1,"e":1}' }],
  ["a: 1.5\nb: -1.5e3\nc: .5\nd: 5.\ne: 1e5\nf: 1E+5\ng: +.5", {
    json: '{"a":1.5,"b":-1500,"c":0.5,"d":5,"e":100000,"f":100000,"g":0.5}',
  }],
  ["a: 1e400\nb: -1e400\nc: 1e-400", { json: '{"a":"1e400","b":"-1e400","c":0}' }],
  ["a: -.inf", { error: "json: unsupported value: -Inf" }],
  ["a: .nan", { error: "json: unsupported value: NaN" }],
  ["a: +.INF", { error: "json: unsupported value: +Inf" }],
  ["a: .Nan", { json: '{"a":".Nan"}' }],
  ["a: [.inf]", { error: "json: unsupported value: +Inf" }],
  ["a: {b: .nan, c: .inf}", { error: "json: unsupported value: NaN" }],
  ["a: {c: .nan, b: .inf}", { error: "json: unsupported value: +Inf" }],
  [
    "a: 9223372036854775807\nb: 9223372036854775808\nc: 18446744073709551615\nd: 18446744073709551616\ne: -9223372036854775808\nf: -9223372036854775809",
    {
      json:
        '{"a":9223372036854775807,"b":9223372036854775808,"c":18446744073709551615,"d":18446744073709552000,"e":-9223372036854775808,"f":-9223372036854776000}',
    },
  ],
  ["a: 0x7fffffffffffffff\nb: 0xffffffffffffffff", {
    json: '{"a":9223372036854775807,"b":18446744073709551615}',
  }],
  ["a: 2001-12-14t21:59:43.10-05:00\nb: 2001-12-14 21:59:43.10\nc: 2002-12-14\nd: 2001-13-45", {
    json:
      '{"a":"2001-12-14t21:59:43.10-05:00","b":"2001-12-14 21:59:43.10","c":"2002-12-14","d":"2001-13-45"}',
  }],
  ["a: 1:20\nb: 190:20:30", { json: '{"a":"1:20","b":"190:20:30"}' }],
  ["a: 0.\nb: -0\nc: +0\nd: 00\ne: 09\nf: 0.0.1\ng: 1.2.3", {
    json: '{"a":0,"b":0,"c":0,"d":0,"e":9,"f":"0.0.1","g":"1.2.3"}',
  }],
  ["1: a\n2: b", { json: '{"1":"a","2":"b"}' }],
  ["1.5: a", { json: '{"1.5":"a"}' }],
  ["0.1: a\n1e10: b\n123456789: c\n1234567.5: d", {
    json: '{"0.1":"a","1.2345675e+06":"d","123456789":"c","1e+10":"b"}',
  }],
  ["true: a\nno: b", { json: '{"false":"b","true":"a"}' }],
  ["~: a", { error: 'unsupported map key of type: %!s(<nil>), key: <nil>, value: "a"' }],
  ["null: a\nb: c", { error: 'unsupported map key of type: %!s(<nil>), key: <nil>, value: "a"' }],
  ["[1]: a", { error: "yaml: invalid map key: []interface {}{1}" }],
  ["{a: 1}: b", { error: 'yaml: invalid map key: map[interface {}]interface {}{"a":1}' }],
  ["? [1, 2]\n: x", { error: "yaml: invalid map key: []interface {}{1, 2}" }],
  ["? - a\n  - b\n: c", { error: 'yaml: invalid map key: []interface {}{"a", "b"}' }],
  ["a: 1\n'a': 2", { json: '{"a":2}', duplicates: ['line 2: key "a" already set in map'] }],
  [".inf: a\n-.inf: b\n.nan: c", { json: '{"-.inf":"b",".inf":"a",".nan":"c"}' }],
  ["18446744073709551615: a", {
    error: 'unsupported map key of type: uint64, key: 0xffffffffffffffff, value: "a"',
  }],
  ["0x10: a", { json: '{"16":"a"}' }],
  ["a:\n  b: 1\n  b: 2\n  c: 3\n  c: 4", {
    json: '{"a":{"b":2,"c":4}}',
    duplicates: ['line 3: key "b" already set in map', 'line 5: key "c" already set in map'],
  }],
  ["a: {b: 1, b: 2}", {
    json: '{"a":{"b":2}}',
    duplicates: ['line 1: key "b" already set in map'],
  }],
  ["- {a: 1, a: 2}", { json: '[{"a":2}]', duplicates: ['line 1: key "a" already set in map'] }],
  ['"é": 1\n"é": 2', { json: '{"é":2}', duplicates: ['line 2: key "é" already set in map'] }],
  ['"\\t": 1\n"\\t": 2', {
    json: '{"\\t":2}',
    duplicates: ['line 2: key "\\t" already set in map'],
  }],
  ["1: a\n1: b", { json: '{"1":"b"}', duplicates: ["line 2: key 1 already set in map"] }],
  ["true: a\nyes: b", {
    json: '{"true":"b"}',
    duplicates: ["line 2: key true already set in map"],
  }],
  ["a: b\n---\nc: d", { json: '{"a":"b"}' }],
  ["---\n---", { json: "null" }],
  ["--- a\n--- b", { json: '"a"' }],
  ["--- |\n  x\n", { json: '"x\\n"' }],
  ["a: 1\n--- [", { json: '{"a":1}' }],
  ["a: 1\n---\n  - [", { json: '{"a":1}' }],
  ["a: [\n---\n]", { error: "yaml: line 1: did not find expected node content" }],
  ["a\n---\nb: :", { json: '"a"' }],
  ["﻿a: 1", { json: '{"a":1}' }],
  ["a: 1\r\nb: 2\r\n", { json: '{"a":1,"b":2}' }],
  ["a: |\r\n  x\r\n  y\r\n", { json: '{"a":"x\\ny\\n"}' }],
  ['a: "x\r\n  y"', { json: '{"a":"x y"}' }],
  ["a\rb: c", { error: "yaml: line 2: mapping values are not allowed in this context" }],
  ["a: 1b: 2", { json: '{"a":1,"b":2}' }],
  ["a: 1 b: 2", { json: '{"a":1,"b":2}' }],
  ["a:  x", { json: '{"a":" x"}' }],
  ["a: \u0001", { error: "yaml: control characters are not allowed" }],
  ['a: "\u0007"', { error: "yaml: control characters are not allowed" }],
  ["a: x\u0000y", { error: "yaml: control characters are not allowed" }],
  ['a: 😀\nb: "\\U0001F600"', { json: '{"a":"😀","b":"😀"}' }],
  ["😀: 1\n😀: 2", { json: '{"😀":2}', duplicates: ['line 2: key "😀" already set in map'] }],
  ["a:\n  - b\n  -c", { error: "yaml: line 4: could not find expected ':'" }],
  ["a: - b", { error: "yaml: block sequence entries are not allowed in this context" }],
  ["- - - a", { json: '[[["a"]]]' }],
  ["-a", { json: '"-a"' }],
  ["- a\n  b", { json: '["a b"]' }],
  ["- a\n - b", { json: '["a - b"]' }],
  ["a:\n b:\n  c:\n   d: 1", { json: '{"a":{"b":{"c":{"d":1}}}}' }],
  ["a: b\n c: d", { error: "yaml: line 2: mapping values are not allowed in this context" }],
  ["a:\n  b: c\n d: e", { error: "yaml: line 2: did not find expected key" }],
  ["a:\n    b: c\n  d: e", { error: "yaml: line 2: did not find expected key" }],
  ["key: [a, b\nc: d", { error: "yaml: line 1: did not find expected ',' or ']'" }],
  ["key: {a: b\nc: d", { error: "yaml: line 1: did not find expected ',' or '}'" }],
  ["[a, b]]", { json: '["a","b"]' }],
  ["{a: b}}", { json: '{"a":"b"}' }],
  ["[a, {b: c]", { error: "yaml: did not find expected ',' or '}'" }],
  ["{a: [b}", { error: "yaml: did not find expected ',' or ']'" }],
  ["[a\n,b]", { json: '["a","b"]' }],
  ["[\na,\nb,\n]", { json: '["a","b"]' }],
  ["{\na: 1,\n}", { json: '{"a":1}' }],
  ["[,]", { error: "yaml: did not find expected node content" }],
  ["{,}", { error: "yaml: did not find expected node content" }],
  ["[a,,b]", { error: "yaml: did not find expected node content" }],
  ["a: [b, c]: d", { error: "yaml: mapping values are not allowed in this context" }],
  ["[a]: b", { error: 'yaml: invalid map key: []interface {}{"a"}' }],
  ["{a: b}: c", { error: 'yaml: invalid map key: map[interface {}]interface {}{"a":"b"}' }],
  ["- a: b\n  c: d\n- e", { json: '[{"a":"b","c":"d"},"e"]' }],
  ["a: b\nc", { error: "yaml: line 3: could not find expected ':'" }],
  ["a\nb", { json: '"a b"' }],
  ["a b c\nd e: f", { error: "yaml: line 2: mapping values are not allowed in this context" }],
  ["a: b: c: d", { error: "yaml: mapping values are not allowed in this context" }],
  ["a:\n  b\n  c: d", { error: "yaml: line 3: mapping values are not allowed in this context" }],
  ["? a\n? b\n: c", { json: '{"a":null,"b":"c"}' }],
  ["? |\n  a\n: b", { json: '{"a\\n":"b"}' }],
  ["?a: b", { json: '{"?a":"b"}' }],
  [":a: b", { json: '{":a":"b"}' }],
  ["-a: b", { json: '{"-a":"b"}' }],
  ["a: @b", { error: "yaml: found character that cannot start any token" }],
  ["a: `b", { error: "yaml: found character that cannot start any token" }],
  ["@a", { error: "yaml: found character that cannot start any token" }],
  ["a: %b", { error: "yaml: found character that cannot start any token" }],
  ["%a", { error: "yaml: found unknown directive name" }],
  ["a: [@b]", { error: "yaml: found character that cannot start any token" }],
  ["a: {b: `c}", { error: "yaml: found character that cannot start any token" }],
  ["a: b@c", { json: '{"a":"b@c"}' }],
  ["a: b`c", { json: '{"a":"b`c"}' }],
  ["'a': b\n\"c\": d", { json: '{"a":"b","c":"d"}' }],
  ["'a'b: c", { error: "yaml: did not find expected key" }],
  ['"a" : b', { json: '{"a":"b"}' }],
  ["a : b", { json: '{"a":"b"}' }],
  ["a :b", { json: '"a :b"' }],
  ["a:b", { json: '"a:b"' }],
  ["a:\n", { json: '{"a":null}' }],
  ["a:", { json: '{"a":null}' }],
  ["a: \n", { json: '{"a":null}' }],
  [":\n", { error: "yaml: did not find expected key" }],
  ["a:\n- \n- b", { json: '{"a":[null,"b"]}' }],
  ["a: &anchor_name-1 x\nb: *anchor_name-1", { json: '{"a":"x","b":"x"}' }],
  ["a: &a\n  - *a", { error: "yaml: anchor 'a' value contains itself" }],
  ["a: *b\nb: &b 1", { error: "yaml: unknown anchor 'b' referenced" }],
  ["a: &b 1\na: &b 2\nc: *b", {
    json: '{"a":2,"c":2}',
    duplicates: ['line 2: key "a" already set in map'],
  }],
  ["& a", { error: "yaml: did not find expected alphabetic or numeric character" }],
  ["a: &", { error: "yaml: did not find expected alphabetic or numeric character" }],
  ["a: *", { error: "yaml: did not find expected alphabetic or numeric character" }],
  ["a: & b", { error: "yaml: did not find expected alphabetic or numeric character" }],
  ["a: &a,b", { error: "yaml: did not find expected key" }],
  ["a: !", { json: '{"a":""}' }],
  ["a: !<", { error: "yaml: did not find expected tag URI" }],
  ["a: !<x", { error: "yaml: did not find the expected '>'" }],
  ["a: !<x>", { json: '{"a":""}' }],
  ["a: !x!", { error: "yaml: did not find expected tag URI" }],
  ["a: !!", { error: "yaml: did not find expected tag URI" }],
  ["a: !!!x", { json: '{"a":""}' }],
  ["a: !%41 b", { json: '{"a":"b"}' }],
  ["a: !%ZZ b", { error: "yaml: did not find URI escaped octet" }],
  ["!a!b c", { error: "yaml: found undefined tag handle" }],
  ["a: ''", { json: '{"a":""}' }],
  ['a: ""', { json: '{"a":""}' }],
  ["a: ' '", { json: '{"a":" "}' }],
  ["a: '\n'", { json: '{"a":" "}' }],
  ['a: "\n"', { json: '{"a":" "}' }],
  ['a: "x\n\n\ny"', { json: '{"a":"x\\n\\ny"}' }],
  ["a: 'x  \n  y'", { json: '{"a":"x y"}' }],
  ["a:\n  - 1\n  - 2\nb:\n- 3\n- 4", { json: '{"a":[1,2],"b":[3,4]}' }],
  ["a: [1, [2, [3, [4]]]]", { json: '{"a":[1,[2,[3,[4]]]]}' }],
  ["a: {b: {c: {d: {}}}}", { json: '{"a":{"b":{"c":{"d":{}}}}}' }],
  ["a: b\n...\n", { json: '{"a":"b"}' }],
  ["a: b\n... #c\n", { json: '{"a":"b"}' }],
  ["a: b\n...x", { error: "yaml: line 3: could not find expected ':'" }],
  ["a: b\n---x", { error: "yaml: line 3: could not find expected ':'" }],
  ["---a", { json: '"---a"' }],
  ["--- # c\na: b", { json: '{"a":"b"}' }],
  ["a: >\n\n  x\n", { json: '{"a":"\\nx\\n"}' }],
  ["a: |\n\n\n", { json: '{"a":""}' }],
  ["a: >\n", { json: '{"a":""}' }],
  ["a: |", { json: '{"a":""}' }],
  ["a: |-", { json: '{"a":""}' }],
  ["a: >+\n\n\n", { json: '{"a":"\\n\\n"}' }],
  ["- |\n x\n-", { json: '["x\\n",null]' }],
  ["a: |\n  x\n b", { error: "yaml: line 2: did not find expected key" }],
  ["a:\n  b: |\n    x\n  c: 1", { json: '{"a":{"b":"x\\n","c":1}}' }],
  ["a: >2-\n    x\n   y", { json: '{"a":"  x\\n y"}' }],
  ["a: |1\n  x", { json: '{"a":" x"}' }],
  ["a: >\n  a\n  b\n\n  c\n   d\n  e", { json: '{"a":"a b\\nc\\n d\\ne"}' }],
  [
    "a: very long plain scalar xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\nb: c",
    {
      json:
        '{"a":"very long plain scalar xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","b":"c"}',
    },
  ],
  [
    "axxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx: b",
    { error: "yaml: mapping values are not allowed in this context" },
  ],
  [
    '"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx": b',
    { error: "yaml: mapping values are not allowed in this context" },
  ],
  [
    "? xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n: b",
    {
      json:
        '{"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx":"b"}',
    },
  ],
  ["a: 1\nb:\n  - c: 1\n    d: 2\n  - c: 3\n", { json: '{"a":1,"b":[{"c":1,"d":2},{"c":3}]}' }],
  ["a:\n- b: 1\n  c: 2\n- b: 3\n", { json: '{"a":[{"b":1,"c":2},{"b":3}]}' }],
  ['items:\n  - name: x\n    value: "1"\n', { json: '{"items":[{"name":"x","value":"1"}]}' }],
  [
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: game-demo\n  labels:\n    app: demo\n  annotations:\n    note: "a \\"quoted\\" value"\ndata:\n  player_initial_lives: "3"\n  ui_properties_file_name: "user-interface.properties"\n  game.properties: |\n    enemy.types=aliens,monsters\n    player.maximum-lives=5\n  user-interface.properties: |\n    color.good=purple\n    color.bad=yellow\n    allow.textmode=true\n',
    {
      json:
        '{"apiVersion":"v1","data":{"game.properties":"enemy.types=aliens,monsters\\nplayer.maximum-lives=5\\n","player_initial_lives":"3","ui_properties_file_name":"user-interface.properties","user-interface.properties":"color.good=purple\\ncolor.bad=yellow\\nallow.textmode=true\\n"},"kind":"ConfigMap","metadata":{"annotations":{"note":"a \\"quoted\\" value"},"labels":{"app":"demo"},"name":"game-demo"}}',
    },
  ],
  [
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: nginx\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {app: nginx}\n  template:\n    metadata:\n      labels:\n        app: nginx\n    spec:\n      containers:\n      - name: nginx\n        image: nginx:1.14.2\n        args: ["--port", "80", --verbose]\n        ports:\n        - containerPort: 80\n          protocol: TCP\n        env:\n        - {name: A, value: "1"}\n        - name: B\n          valueFrom:\n            fieldRef: {fieldPath: metadata.name}\n        resources:\n          limits: {cpu: 500m, memory: 128Mi}\n',
    {
      json:
        '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"nginx"},"spec":{"replicas":3,"selector":{"matchLabels":{"app":"nginx"}},"template":{"metadata":{"labels":{"app":"nginx"}},"spec":{"containers":[{"args":["--port","80","--verbose"],"env":[{"name":"A","value":"1"},{"name":"B","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}}],"image":"nginx:1.14.2","name":"nginx","ports":[{"containerPort":80,"protocol":"TCP"}],"resources":{"limits":{"cpu":"500m","memory":"128Mi"}}}]}}}}',
    },
  ],
  [
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: busybox\n      command:\n        - sh\n        - -c\n        - |\n          echo hello\n          sleep 3600\n  tolerations:\n  - key: "node.kubernetes.io/not-ready"\n    operator: Exists\n    effect: NoExecute\n    tolerationSeconds: 300\n',
    {
      json:
        '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"command":["sh","-c","echo hello\\nsleep 3600\\n"],"image":"busybox","name":"c"}],"tolerations":[{"effect":"NoExecute","key":"node.kubernetes.io/not-ready","operator":"Exists","tolerationSeconds":300}]}}',
    },
  ],
  [
    '{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},"data":{"a":"YWJj"},"type":"Opaque"}',
    {
      json:
        '{"apiVersion":"v1","data":{"a":"YWJj"},"kind":"Secret","metadata":{"name":"s"},"type":"Opaque"}',
    },
  ],
  [
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: 1\n  a: 2\n  b: yes\n  c: 0755\n",
    {
      json:
        '{"apiVersion":"v1","data":{"a":2,"b":true,"c":493},"kind":"ConfigMap","metadata":{"name":"x"}}',
      duplicates: ['line 7: key "a" already set in map'],
    },
  ],
  [
    "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a}\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: b}\n",
    {
      json:
        '{"apiVersion":"v1","items":[{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}},{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"b"}}],"kind":"List"}',
    },
  ],
  ["[[[[[[[[[[]]]]]]]]]]", { json: "[[[[[[[[[[]]]]]]]]]]" }],
  ["a: [[[[[[[[[[]]]]]]]]]]", { json: '{"a":[[[[[[[[[[]]]]]]]]]]}' }],
  ["{a: {a: {a: {a: {a: {a: {a: {a: {a: {a: 1}}}}}}}}}}", {
    json: '{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":1}}}}}}}}}}',
  }],
  [
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    {
      json:
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    },
  ],
  [
    "a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    {
      json:
        '{"a":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}',
    },
  ],
  [
    "{a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: 1}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}",
    {
      json:
        '{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":1}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}',
    },
  ],
  [
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    {
      json:
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    },
  ],
  [
    "a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    {
      json:
        '{"a":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}',
    },
  ],
  [
    "a:\n a:\n  a:\n   a:\n    a:\n     a:\n      a:\n       a:\n        a:\n         a:\n          b",
    { json: '{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":"b"}}}}}}}}}}' },
  ],
  ["-\n -\n  -\n   -\n    -\n     -\n      -\n       -\n        -\n         -\n", {
    json: "[[[[[[[[[[null]]]]]]]]]]",
  }],
  ["- - - - - - - - - - x", { json: '[[[[[[[[[["x"]]]]]]]]]]' }],
  [
    "- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - x",
    {
      json:
        '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["x"]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]',
    },
  ],
  [
    "a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g,*g]\n",
    { error: "yaml: document contains excessive aliasing" },
  ],
  [
    "a: &a [x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x]\nb: [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]",
    {
      json:
        '{"a":["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],"b":[["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"]]}',
    },
  ],
  [
    "a: &a [x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,,x,x,x,x,x,x,x,x,x,x,x,x,x,x]\nb: [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]",
    { error: "yaml: did not find expected node content" },
  ],
  [
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]']]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\t]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    { error: "yaml: found unexpected end of stream" },
  ],
  ["apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name:@ a\ndata:\n  a: b: c\n", {
    error: "yaml: line 6: mapping values are not allowed in this context",
  }],
  ["-\n -\n  -\n   -|\n    -\n     -    -\n       -\n        -\n         -\n", {
    json: '[[["-| - -    - - - -"]]]',
  }],
  [
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndta:\n  a: 1\n , a: 2\n  b: yes\n  c: 0755\n",
    { error: "yaml: line 6: did not find expected key" },
  ],
  [
    "apiVers'ion: v1\nkind: ConfigMap\nmetadata:\nname: x\ndata:\n  a: 1\n  a: 2\n  b: yes\n  c: 0755\n",
    {
      json:
        '{"apiVers\'ion":"v1","data":{"a":2,"b":true,"c":493},"kind":"ConfigMap","metadata":null,"name":"x"}',
      duplicates: ['line 7: key "a" already set in map'],
    },
  ],
  ['apiVersion: v1\nki,nd: ConfigMap\nmetadata:\n\n   " name: a\ndata:\n  a: [1, 2\n', {
    error: "yaml: line 8: found unexpected end of stream",
  }],
  ["Version: v1\nkind: ConfigMap\nmetadata:\n  name: a\n}data:\n  a: *x\n", {
    error: "yaml: line 4: did not find expected key",
  }],
  [
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: 1\n  a: 2\n  b: yes&a\n  c: 0755\n",
    {
      json:
        '{"apiVersion":"v1","data":{"a":2,"b":"yes\\u0026a","c":493},"kind":"ConfigMap","metadata":{"name":"x"}}',
      duplicates: ['line 7: key "a" already set in map'],
    },
  ],
  ["apiVersion: v1\nkindConfigMaetadata:\n  name: a\n:data:\n  a: @x\n", {
    error: "yaml: line 5: found character that cannot start any token",
  }],
  ["a: 0755\nb: 0o17\nc: 0x1f\nd: 0b\r\n11\ne: -0b11\nf: +0x1", {
    error: "yaml: line 6: could not find expected ':'",
  }],
  ["a: 0.\nb: -0\nc: +0\nd: 00\ne: 09\nf: 0.0@.1\ng: {1.2.3", {
    error: "yaml: line 7: did not find expected ',' or '}'",
  }],
  ["apiVersion: v1\nkind: CnfigMap\nmetadata:\n  name: a\ndata:\n  a: @x\n", {
    error: "yaml: line 6: found character that cannot start any token",
  }],
  [
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[?[[[[[[[[[[][[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    { error: "yaml: did not find expected ',' or ']'" },
  ],
  [
    "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n kind: ConfigMap\n  metadata: {name:-  a}\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: b}\n",
    { error: "yaml: line 4: did not find expected key" },
  ],
  [
    "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n%  metadata: {name:\n- apiVersion: v1\n  kinConfigMap\n  metadata: {name: b}\n",
    { error: "yaml: line 6: could not find expected directive name" },
  ],
  [
    "a: 9223372036854775807\nb: 9223336854775808\nc: 18446744073709551615\nd: 18446744073709551616\ne: -9223372036854775808\nf: -9223372036854775809",
    {
      json:
        '{"a":9223372036854775807,"b":9223336854775808,"c":18446744073709551615,"d":18446744073709552000,"e":-9223372036854775808,"f":-9223372036854776000}',
    },
  ],
  ["apiVersi\non: v1\nkind: ConfigMap\nmetadata\\:\n  name: a\ndata:\n  a: b: c\n", {
    error: "yaml: line 2: mapping values are not allowed in this context",
  }],
  [
    "a: &a [x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x]\nb: [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]",
    { error: "yaml: did not find expected node content" },
  ],
  ["a: &x\n  b: 1\nc:\n  <<: <<: [*x, {b: 2, e: 3}]\n  d: 4", {
    error: "yaml: line 4: mapping values are not allowed in this context",
  }],
  [
    "a:\n a:\n  a:!\n   a:\n    a:\n     a:\n      a:\n   <<:     a:\n        a:\n         a:\n          b",
    { error: "yaml: line 4: mapping values are not allowed in this context" },
  ],
  [
    "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metad\n- ata: {name: a}\n- apiVersion: v1\n  kind: ConfigMap\n  met\n  adata: !!str {name: b}\n",
    { error: "yaml: line 7: could not find expected ':'" },
  ],
  ['apiVer sion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  a"1"\n\tb: "', {
    error: "yaml: line 7: found a tab character that violates indentation",
  }],
  ["api'Version: v1\nkind: Confi---\ngMap\nmetadata:\n  name: a\ndata:\n\ta: 1\n", {
    error: "yaml: line 4: could not find expected ':'",
  }],
  ["piVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n\ta: 1\n", {
    error: "yaml: line 6: found character that cannot start any token",
  }],
  [
    "a: 9223372036854775807\nb: 9223372036854775808\nc: 18446744073709551615\nd: 18446744073709551616\ne: -9223372036854775808\nf: -92233720368547758|09",
    {
      json:
        '{"a":9223372036854775807,"b":9223372036854775808,"c":18446744073709551615,"d":18446744073709552000,"e":-9223372036854775808,"f":"-92233720368547758|09"}',
    },
  ],
  ["\n- a: &x\n  b: 1\nc:\n  <<: [*x, {b: 2, e: 3}]\n  d: 4", {
    error: "yaml: line 3: did not find expected '-' indicator",
  }],
  ["apiVerson: v1\nkind: a: bConfigMap\nmetadata:\n  name: a\ndata:\n\ta: 1\n", {
    error: "yaml: line 2: mapping values are not allowed in this context",
  }],
  ["apiVersion: v1\nkind: ConfigMap\nmetaa:\n  name: a\n data:\n  a: b: c\n", {
    error: "yaml: line 4: did not find expected key",
  }],
  ['apiVersion: v1\nkind: Confi...gMap\nmetadata:\n  name: a\ndata:\n  a: "1"\n\tb: "2"\n', {
    error: "yaml: line 7: found character that cannot start any token",
  }],
  ["apiVersion: v1\nkind: ConfigMap\nmeta-data:\n-   name: a\ndata:\n  a: [1, 2\n", {
    error: "yaml: line 6: did not find expected ',' or ']'",
  }],
  [
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    {
      json:
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    },
  ],
  ["apiVersi\ton: v1\nkind: ConfigMap\nmetadata:'\n   name: a\ndata:\n  a: @x\n", {
    error: "yaml: line 4: could not find expected ':'",
  }],
  [
    "iVersion: v1\nkind: List\nitems:\n apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a}\n- apiVe-rsion: v1\n  kind: ConfigMap\n  metadata: {name: b}\n",
    { error: "yaml: line 5: mapping values are not allowed in this context" },
  ],
  ["apiVersion: v1\n kind: ConfigMap\nmetadata:\n  name: a\ndata:\n\ta: 1\n:", {
    error: "yaml: line 2: mapping values are not allowed in this context",
  }],
  [
    " [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    { error: "yaml: line 1: did not find expected ',' or ']'" },
  ],
  [
    '{"apiVersion":"v1","kind":"Secret","a: bmetadat{"name":"s\\"},"data":{"a":"YWJj"},"type":"Opaque"}',
    { error: "yaml: did not find expected ',' or '}'" },
  ],
  [
    "- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - [- - - - - - - - - - - - - - - - - - - - - - - - #- - - - - - - - - - - x",
    { error: "yaml: did not find expected node content" },
  ],
  ["apiVersion: v1\nkind: ConfigMap\nmetad\\ata:\n  name: x\ndata:\n  a: 1\n b: 2\n", {
    error: "yaml: line 6: did not find expected key",
  }],
  [
    "a: &a: [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g,*g]\n",
    { error: "yaml: mapping values are not allowed in this context" },
  ],
  ["a: 1.5\n- b: -1.5e3\nc: .5\nd: 5.\ne: 1e5\nf: 1E+5\ng: +.5", {
    error: "yaml: line 1: did not find expected key",
  }],
  ["apiVersion:<<:  v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  a: }b: c\n", {
    error: "yaml: line 5: did not find expected node content",
  }],
  [
    "apiersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: figMap\n  metadata: {name: a}\n- apiVe\r\nrsion: v1\n  kind: ConfigMap\n  metadata: {name: b}\n",
    { error: "yaml: line 9: mapping values are not allowed in this context" },
  ],
  ["a: 1.5\nb:\n   -1.5e3\nc: .5\nd: 5.\ne: 1e5\n>f: 1E+5\ng\\: +.5", {
    error: "yaml: line 7: did not find expected comment or line break",
  }],
  ['apiVe&ars-ion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndat,a:\n  a: "1"\n\tb: "2"\n', {
    error: "yaml: line 7: found character that cannot start any token",
  }],
  ["a: 0755\nb:17\nc: 0x1f\nd: 0b1{1\ne: -0b11\nf: +010", {
    error: "yaml: line 3: could not find expected ':'",
  }],
  ["apiVersion: v1\nkind: Co\r\nnfigM\nmetad- ata:\n  name: x\ndata:\n  a: 1\n b: 2\n", {
    error: "yaml: line 4: could not find expected ':'",
  }],
  ["-\n -\n    -\n    -\n     -\n  \n      -\n       -\n        -\n         -\n", {
    json: "[[[null,[[[[[null]]]]]]]]",
  }],
  ["a:0x7fffffffffff#ffff\nb: 0xffffffff\n  ffffffff", {
    error: "yaml: line 2: mapping values are not allowed in this context",
  }],
  ["apiVersion: v1\nkind:C,onfigMametadata:\n  name: x\ndata:\n  a: 1\n b: 2\n", {
    error: "yaml: line 5: did not find expected key",
  }],
  ["apiVersion: v1\nkind: ConfigMap\nmtadata:\n  name: a\ndata:\n  a: @x\n", {
    error: "yaml: line 6: found character that cannot start any token",
  }],
  ["a: 0.\nb: -0\n\n- c: +0\nd#: 00\ne: 09\nf: 0.0.1\ng: 1.2.3", {
    error: "yaml: line 3: did not find expected key",
  }],
  ["{: {a?: {a: {a: {a: {a: {a: {a: {a: {a: 1,}}}}}}}}}}", {
    error: "yaml: did not find expected node content",
  }],
  ["'a: 0.\nb: -0\nc: +0:\nd: 00\ne: 09\nf: 0.0.1\ng: 1.2.3", {
    error: "yaml: line 7: found unexpected end of stream",
  }],
  ["apiVersion: v1\nk\n  ind: ConfigMap\nmet?adata:\n  name: a\ndata:\n  a: b: c\n", {
    error: "yaml: line 3: could not find expected ':'",
  }],
  [
    "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metad-ata: {name: a}\n- apiVersion: v1\n  kind: ConfigMap\n tadata: {name: b}\n",
    { error: "yaml: line 8: did not find expected key" },
  ],
  ["-\n -\n%  -\n   -\n    -\n     -\n      -\n       -\n        -\n         -\n", {
    error: "yaml: line 3: could not find expected directive name",
  }],
  ["{a: {a: {a: {a: {a: {a: {a: {a: {a: {a: @1}}}}}}}}", {
    error: "yaml: found character that cannot start any token",
  }],
  ["a: 0.\nb: -0\nc: +0\nd: 00\ne: 09\n:-  0.0.1\n\ng: 1.2.3", {
    error: "yaml: line 8: could not find expected ':'",
  }],
  [
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[@[[[[[[[[[[[[[[[[[[[[-[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    { error: "yaml: found character that cannot start any token" },
  ],
  ['apiVersion: v1\nkind: Confa: bigMap\nmetadata:\n  na: a\ndata:\n  a: "1"\n\tb "2"\n', {
    error: "yaml: line 2: mapping values are not allowed in this context",
  }],
  ['apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndat:\n %! a: "1"\n\tb: "2"\n', {
    error: "yaml: line 6: found character that cannot start any token",
  }],
  ["apiVersion: v1\nkind: ConfigMap\nmetadata:\n    name: a\ndata:\n  - a-: @x\n", {
    error: "yaml: line 6: found character that cannot start any token",
  }],
  ["a: 1.5\nb: -1.5e3\nc: .5d: 5.\ne: 1e5\nf: \t1E+5\ng: +.5", {
    error: "yaml: line 3: mapping values are not allowed in this context",
  }],
  [
    "a: 9223372036854775807\nb: 9223372036854775808\nc: 1846744073709551615\nd: 18446744073709551616\ne: -9223372036854775808\nf: -9223372036854775809",
    {
      json:
        '{"a":9223372036854775807,"b":9223372036854775808,"c":1846744073709551615,"d":18446744073709552000,"e":-9223372036854775808,"f":-9223372036854776000}',
    },
  ],
  [
    "a: 2001-12-14t21:59:43.10-05:00a: b\nb: 2001-12-14 21:59:43.10\nc: 2002-12-1]4\nd: 2001-13-45",
    { error: "yaml: mapping values are not allowed in this context" },
  ],
  ['apiVersion: v1- \nkind: ConfigMap\nme%tadata:\n  name: a\ndata:\n  a: x\n\tb: "2"\n', {
    error: "yaml: line 7: found a tab character that violates indentation",
  }],
  ["a: 0.\nb: -0\nc: +0\nd: 00\ne: 09\nf: 0.0.!!str 1\ng: 1.2.3", {
    json: '{"a":0,"b":0,"c":0,"d":0,"e":9,"f":"0.0.!!str 1","g":"1.2.3"}',
  }],
  [
    'a: &a [x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x},x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x]\nb: [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*"a,*a,*a,*a,*a,*&aa,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]',
    { error: "yaml: did not find expected ',' or ']'" },
  ],
  [
    "- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -&a - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - x",
    {
      json:
        '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["-\\u0026a - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - x"]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]',
    },
  ],
  ["{a: {a: {a:\n{a: {a: {a: {a: {a: {a: {a: 1}}}#}}}}}}}", {
    error: "yaml: line 2: did not find expected ',' or '}'",
  }],
  [
    "a: &a [x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x]\nb: [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,,*a,*a]",
    { error: "yaml: line 1: did not find expected node content" },
  ],
  [
    '{"apiVersion":"v1","kind":"Secret","metadata":a: b{"name":"s"},"data":{"a":"YWJj"},"type":"Opaque"}',
    { error: "yaml: did not find expected ',' or '}'" },
  ],
  ["apiVersion: v1\nkind: Co&anfigMap\nmetadata:- \n  name: a\ndata:\n  a: [1, 2\n", {
    error: "yaml: line 4: could not find expected ':'",
  }],
  ["apiVersion: v1\nkind: ?ConfigMap\nmetadata:\n  name: a\ndata:\n\ta: \n", {
    error: "yaml: line 6: found character that cannot start any token",
  }],
  [
    "a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[|[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    { error: "yaml: found character that cannot start any token" },
  ],
  ['apiVion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  a: "1\n', {
    error: "yaml: line 7: found unexpected end of stream",
  }],
  [" apiVers: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  a: *x\n-", {
    json: '{"apiVers":"v1"}',
  }],
  [
    " [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]-]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    { error: "yaml: did not find expected ',' or ']'" },
  ],
  ["{a: {a: {a: {a: {a: {a: {a: {\na: {a: {a: 1}---\n}}}}}}}}}", {
    error: "yaml: line 1: did not find expected ',' or '}'",
  }],
  [
    "a: 9223372036854775807\nb: 9223372036854775808\nc|: 18446744073709551615\nd: 1844674407[3709551616\ne: -9223372036854775808\nf: -9223372036854775809",
    {
      json:
        '{"a":9223372036854775807,"b":9223372036854775808,"c|":18446744073709551615,"d":"1844674407[3709551616","e":-9223372036854775808,"f":-9223372036854776000}',
    },
  ],
  ["a: yes\nb: No\nc:N\nd: off\ne: Y\nn\ng: true\nh: FALSE\ni: TRUE\nj: tRU...E", {
    error: "yaml: line 4: could not find expected ':'",
  }],
  [' apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n data:\n  a: x\n\tb: "2"\n', {
    json: '{"apiVersion":"v1"}',
  }],
  ['apiVersion: v1\nkind: ConfigMap\nmetadata:\n ---\n name: a\ndat\n  a:\n  a: "1"\n\tb: "2"\n', {
    error: "yaml: line 5: mapping values are not allowed in this context",
  }],
  ["apiVersion: v1\nkind: ConfigM\nmetadata:\n  name: a\ndata:\n\ta: 1\n", {
    error: "yaml: line 6: found character that cannot start any token",
  }],
  [
    "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Confip\n  metadata: {name: a}\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: b}\n",
    {
      json:
        '{"apiVersion":"v1","items":[{"apiVersion":"v1","kind":"Confip","metadata":{"name":"a"}},{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"b"}}],"kind":"List"}',
    },
  ],
  [
    "a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*&ac]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,'*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g,*g]\n",
    { error: "yaml: line 4: did not find expected alphabetic or numeric character" },
  ],
  ["apiVer]sion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n\ta: 1\n", {
    error: "yaml: line 6: found character that cannot start any token",
  }],
  ["Version: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  a: b: c\n", {
    error: "yaml: line 6: mapping values are not allowed in this context",
  }],
  ["a: 0755\nb: 0o17\nc: 0x1f\nd: 0b11\ne: \r\n11\nf: +0x10", {
    error: "yaml: line 7: could not find expected ':'",
  }],
  ["ap\r\niVersion: v1\nkind: ConfigMap\nmetadata:\n  name: adata:a: *x\n", {
    error: "yaml: line 2: mapping values are not allowed in this context",
  }],
  ["a: y?es\nb: No\nc: ON\nd: off\ne: ,Y\nf: n\ng: true\nh: FALSE\niRUE\nj: tRUE", {
    error: "yaml: line 4: did not find expected node content",
  }],
  ["a: &x\n  b: \r\n1\nc:\n  <<:x, {b: 2, e: 3}]\n d: 4", {
    error: "yaml: line 4: could not find expected ':'",
  }],
  [
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\nd:\n a: 1\n  a: 2\n  b: yes\n  c: 0755\n",
    { error: "yaml: line 7: mapping values are not allowed in this context" },
  ],
  [
    "a: 9223372036854775807\nb: 9223372036854775808\n c: 18446744073709551615\nd: 1844674407370955161e: -9223372036854775808\nf: -9223372036854775809",
    { error: "yaml: line 3: mapping values are not allowed in this context" },
  ],
  ['apiVersion: :v1\nkind: ConfigMap\nmet"adata:\n  name: a\nta:\n  a: @x\n', {
    error: "yaml: line 6: found character that cannot start any token",
  }],
  ["a: 0755\nb:... 0o17\nc: 0x1f\nd: 0b11\n e: -0b11\nf: +0x10", {
    error: "yaml: line 3: could not find expected ':'",
  }],
  ['{"apiVersion":"v1","kind":"S>ecret","metadata":{"me":"s"},"data":a":"YWJj"},"type":"Opaque"}', {
    json:
      '{"apiVersion":"v1","data":"a\\":\\"YWJj\\"","kind":"S\\u003eecret","metadata":{"me":"s"}}',
  }],
  ["|-\n -\n  -\n   -\n    -\n     -\n      -\n       -\n      -\n      -\n", {
    json: '"-\\n -\\n  -\\n   -\\n    -\\n     -\\n      -\\n     -\\n     -"',
  }],
  ["apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  a: @x?\n", {
    error: "yaml: line 6: found character that cannot start any token",
  }],
  ["a: 1.5\nb: -1.5e3\nc: .5\nd: 5.\ne: 1e5\nf: 1E+5\ng: ]+.5", {
    error: "yaml: line 6: did not find expected node content",
  }],
  ["a: 0.\nb: -0%\nc: +>0\nd: 00\ne: 09\nf: 0.0.1?\ng: 1.2.3", {
    json: '{"a":0,"b":"-0%","c":"+\\u003e0","d":0,"e":9,"f":"0.0.1?","g":"1.2.3"}',
  }],
  ["a[: 1.5\nb: -1.5e3\nc: .5\nd: 5.\ne: 1e5\nf...: 1E+5\ng: +.5", {
    json: '{"a[":1.5,"b":-1500,"c":0.5,"d":5,"e":100000,"f...":100000,"g":0.5}',
  }],
  ["{a: {a: {a: {a: {a: {a: {a:{a: \r\n{a: {a: 1}}}}}}}}}}", {
    error: "yaml: did not find expected ',' or '}'",
  }],
  ["a: 0.\nb: -0\nc: +0\nd 00\ne: 09\nf: 0.0.1\ng: 1.2.", {
    error: "yaml: line 5: could not find expected ':'",
  }],
  ["a: &?x\n  b: 1\nc:\n  <<: [*x, {b: 2,e: 3}]\t\n  d: 4", {
    error: "yaml: did not find expected alphabetic or numeric character",
  }],
  [
    "a: 9223372036854775807\nb: 9223372036854775808\nc: 184467440737!!str 09551615\nd: 18446744073709551616\ne:-  -9223372036854775808\nf: -9223372036854775809",
    { error: "yaml: line 6: could not find expected ':'" },
  ],
  [
    '{"apiVersion":"v1","kind":"Se!cret","metadata"name":"s"},"data":{"a":"YWJj"},"type":"Opaque"}',
    { error: "yaml: did not find expected ',' or '}'" },
  ],
  ["ap?iVersion: v1\n kind: ConfigMap\nmetadata:\n  name: a\ndata:\n  a: \n  b: c\n", {
    error: "yaml: line 2: mapping values are not allowed in this context",
  }],
  ["{a:: {a: {a: {a: {a: {a: {a: ,{a: {a: 1}}}}}?}}}}}", {
    error: "yaml: did not find expected ',' or '}'",
  }],
  [
    " a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    {
      json:
        '{"a":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}',
    },
  ],
  [
    "a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c  [*b,*b,*b,*b,*b,*b,*b,*b,*b,\t*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g,*g]\n",
    { error: "yaml: document contains excessive aliasing" },
  ],
  ["-\n -\n  -\n   -\n    -\n    -\n      -\n       -\n \r!!str \n       -\n         -\n", {
    error: "yaml: line 11: could not find expected ':'",
  }],
  ["apiVerson: v1\nkind: ConfgMap\nmetadata:\n  name: a\ndata:\n\ta: 1-\n", {
    error: "yaml: line 6: found character that cannot start any token",
  }],
  ["a: &x\n  b: 1\nc:\n  <<: [*x, \r\n{b: 2, e: 3\r\n}]\n  d: 4*a", {
    json: '{"a":{"b":1},"c":{"b":1,"d":"4*a","e":3}}',
    duplicates: ['line 2: key "b" already set in map'],
  }],
  [
    "a:\n a:\n  a:\n @  a:\n    a:\n     a:\n      a:\n       a:\\\n        a:\n         a:\n          b",
    { error: "yaml: line 4: found character that cannot start any token" },
  ],
  ["apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n   a: b: c\n", {
    error: "yaml: line 6: mapping values are not allowed in this context",
  }],
  ["apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: &ax\ndat?a:\na: b  a: 1\n b: 2\n", {
    error: "yaml: line 6: mapping values are not allowed in this context",
  }],
  ["a: 0755\nb: 0o17\nc: 0x\nd: 0b11\ne: -0b11\nf: +0x10", {
    json: '{"a":493,"b":15,"c":"0x","d":3,"e":-3,"f":16}',
  }],
  ['apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  a: x\n,\tb: "2"\n', {
    error: "yaml: line 6: did not find expected key",
  }],
  [
    "a: &a [x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x]\nb: [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]",
    {
      json:
        '{"a":["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],"b":[["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"],["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"]]}',
    },
  ],
  ["apiVersion: v1\nkind: ConfgMap\nmetadata:\n  name: a\ndata:\n  a: @x\n", {
    error: "yaml: line 6: found character that cannot start any token",
  }],
  ['apiVersion: v1\n\n  kind: ConfigMap\nmetadata:\n  name: a\ndata":\n  a: "1"\n\tb: "2"\n', {
    error: "yaml: line 3: mapping values are not allowed in this context",
  }],
  [
    "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a}\n- apiVersion: v1@\n  kind: ConfigMap\n  metadata: {name: b}\n",
    {
      json:
        '{"apiVersion":"v1","items":[{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}},{"apiVersion":"v1@","kind":"ConfigMap","metadata":{"name":"b"}}],"kind":"List"}',
    },
  ],
  ["apiVersion: v1\nkin: ConfigMap\nmetadata:\n  name: a\nd  at\n  a: *x\n", {
    error: "yaml: line 6: could not find expected ':'",
  }],
  ["a: 0.\nb: -0\nc: +0\nd:>0\ne: 09\nf: 0.0.1\ng: 1.2.3", {
    error: "yaml: line 5: could not find expected ':'",
  }],
  [
    "a: 9223372036854775807\nb: 9223372036854775808\nc: 18446744073709551615\nd: 18446744073709551616\ne: -92233720368547&a758f: -9223372036854775809",
    { error: "yaml: line 5: mapping values are not allowed in this context" },
  ],
  ["apiVersion: v1\nkind: Config}Map\nmetadata:\n  name: a\nda{ta: a: @x\n", {
    error: "yaml: line 5: mapping values are not allowed in this context",
  }],
  [
    "a:\n a:\n  a:\n a:\n    a:\n     a:\n      a:\n       a:\n      a:\n   -       a:\n          b",
    { error: "yaml: line 9: did not find expected key" },
  ],
  ["apiVers@ion: v1\nkind: ConfigMap\ntadata:\n  nam: a\ndata:\n  a: @x\n", {
    error: "yaml: line 6: found character that cannot start any token",
  }],
  ['-\n -\n  -\n   -\n    -\n     -\n@      -\n"       -\n        -\n         -\n ', {
    error: "yaml: line 7: found character that cannot start any token",
  }],
  ["a: 07\r\n55\nb: 0o17\nc: 0x1f\nd: 0b11\ne: -0b11\nf: +0x10", {
    error: "yaml: line 3: could not find expected ':'",
  }],
  ['{"apiVersion":"v1","kind":"Secret","metadata":{"nam"s"},"data":{"a":"YWJj"},"type"Opaque"}', {
    error: "yaml: did not find expected ',' or '}'",
  }],
  ["a\n- : 0x7fffffffffffffff\nb: 0xfffff-ffffff\n- fffff", {
    error: "yaml: line 2: mapping values are not allowed in this context",
  }],
  ["apiVersion: v1\nki*and\r\n: ConfigMap\nmetadata:\n  name: a\ndata:\n  a: b: c\n", {
    error: "yaml: line 3: could not find expected ':'",
  }],
  [
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]  ]]]<<: ]]]]]]]]]]]]",
    { error: "yaml: did not find expected ',' or ']'" },
  ],
  ["apiVersion: v1\nkind: ConfigMap\nmetadta:\n  name: a\ndata:\n  a: b: c\n", {
    error: "yaml: line 6: mapping values are not allowed in this context",
  }],
  ["apiVe#rsion: v1\nkind: ConfigMap\nmetadata:\n  na: a\ndata:\n  a: *x\n", {
    error: "yaml: unknown anchor 'x' referenced",
  }],
  ["apiVersi?on: v1\nkind: Confa: bigMap\nmetadata:\n  name: a\ndata:\n  a: b: c\n", {
    error: "yaml: line 2: mapping values are not allowed in this context",
  }],
  [
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]\r\n]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]#]]]]!]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    { error: "yaml: line 2: did not find expected ',' or ']'" },
  ],
  ["apision: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndataa: b:\n  a: [1, 2\n", {
    error: "yaml: line 5: mapping values are not allowed in this context",
  }],
  ["apiVer'sion: v1\nkind: ConfigMap\nmetadata:\nname: a\ndata:\n  a: *x\n", {
    error: "yaml: unknown anchor 'x' referenced",
  }],
  ["apiVersion: v1\nkind: onfigMap\nmetadata:\n  name: a\ndata:\n  a: [1, 2\n", {
    error: "yaml: line 6: did not find expected ',' or ']'",
  }],
  ["apiVersion: v1\nkind: ConfigMapetadata:\n  na...me: a\ndata:\n\ta: 1\n", {
    error: "yaml: line 2: mapping values are not allowed in this context",
  }],
  [
    "a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[}[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]{]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    { error: "yaml: did not find expected node content" },
  ],
  ['apiVersion: v1\nkind: ConfigMap"\nmetadat&aa:\n  name: a\ndata:\n  a: x\n\tb: "2"\n ', {
    error: "yaml: line 7: found a tab character that violates indentation",
  }],
  [
    "apiVersion>: v1\n\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: 1\n  a: 2\n  b: yes\n  c: 0755\n",
    {
      json:
        '{"apiVersion\\u003e":"v1","data":{"a":2,"b":true,"c":493},"kind":"ConfigMap","metadata":{"name":"x"}}',
      duplicates: ['line 8: key "a" already set in map'],
    },
  ],
  ["apiVer{sion: v1\nkind: *aConfigMap\nmetadata:\n  nae: a\ndata:\n  a: *x\n", {
    error: "yaml: unknown anchor 'aConfigMap' referenced",
  }],
  ["a: 0b: -0\nc:\nd: 00\ne: 09\nf: 0.0.1\ng: 1.2.3", {
    error: "yaml: mapping values are not allowed in this context",
  }],
  ["a: yes\nb: o\nc: O}N\nd: off\ne: Y\nf: n\ng: true\nh: FALSE\ni: TRUE\nj: tRUE", {
    json:
      '{"a":true,"b":"o","c":"O}N","d":false,"e":true,"f":false,"g":true,"h":false,"i":true,"j":"tRUE"}',
  }],
  [
    '{"apiVersion":"v1","*akind":"Secret","metadata?":{"name":"s"},"data":{"a":"YWJj"},"type":"Opaque"}',
    {
      json:
        '{"*akind":"Secret","apiVersion":"v1","data":{"a":"YWJj"},"metadata?":{"name":"s"},"type":"Opaque"}',
    },
  ],
  [
    "apiVersion: v1\r\n\nk!!str ind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: 1\n   a: 2\n  b: yes\n  c: 0755\n",
    { error: "yaml: line 8: mapping values are not allowed in this context" },
  ],
  [
    "a: 9223372036854775807\nb: 9223372036854'77580\"8\nc: 18446744073709551615\nd: 18446744073709551616\ne: -9223372036854775808\nf: -9223372036854775809",
    {
      json:
        '{"a":9223372036854775807,"b":"9223372036854\'77580\\"8","c":18446744073709551615,"d":18446744073709552000,"e":-9223372036854775808,"f":-9223372036854776000}',
    },
  ],
  ['apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n data:\n  a: x\n\tb: "2"\n', {
    error: "yaml: line 4: did not find expected key",
  }],
  ["apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\na: b: c\n", {
    error: "yaml: line 6: mapping values are not allowed in this context",
  }],
  ["\t{a: {a: :{a: {a: {a: {a: {a: {a: {a: {a: 1}}}}}}}}}}", {
    error: "yaml: found character that cannot start any token",
  }],
  ["apiVeron: v1\nkind: ConfigMap\nme tadata:\n   name: a\ndata:\n  a: *x\n", {
    error: "yaml: unknown anchor 'x' referenced",
  }],
  ["a: 0.\nb: -0\nc: +0\nd: 00\n e: 09\nf: 0.0.1\ng: 1.2.3", {
    error: "yaml: line 5: mapping values are not allowed in this context",
  }],
  ["apiVersion: v1\nkind ConfigMap\nmetadata:\n  name: a\ndata:\n  a: c\n", {
    error: "yaml: line 3: could not find expected ':'",
  }],
  [
    "a: 9223372036854775807\nb: 9223372036854775808\nc: 18446744073709551615\nd: 18446744073709551616\ne: -9223372036854775808\nf: -922337203...6854'775809",
    {
      json:
        '{"a":9223372036854775807,"b":9223372036854775808,"c":18446744073709551615,"d":18446744073709552000,"e":-9223372036854775808,"f":"-922337203...6854\'775809"}',
    },
  ],
  ["-\n -\n  -\n   -\n    -\n     -\n      -\n      a: b -\n        -\n         -\n>", {
    error: "yaml: line 7: did not find expected node content",
  }],
  [
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]&a]]]]]\r\n]]]]]]]]]]]",
    { error: "yaml: did not find expected ',' or ']'" },
  ],
  [
    "[[[[[[[[[[[[[[[[[[[[[[[[[---\n[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[}[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    { error: "yaml: line 1: did not find expected ',' or ']'" },
  ],
  ['a: yes\nb: No\nc: ON\nd: off\ne: Y\nf: n\ng: true\nh: FALSE\ni: TRUE\nj: t"RUE', {
    json:
      '{"a":true,"b":false,"c":true,"d":false,"e":true,"f":false,"g":true,"h":false,"i":true,"j":"t\\"RUE"}',
  }],
  ['apiVersion: v1\n"kind: !!str ConfigMap\nmetadata:\n  name: a\ndata:\n  : *x\n', {
    error: "yaml: line 7: found unexpected end of stream",
  }],
  ["apiVersion: v1nd: Confi!!str gMap\nmetadata:\n  name: x\ndata:\n  a: 1\r\n\n b: 2\n", {
    error: "yaml: mapping values are not allowed in this context",
  }],
  [
    "a: 922337203685477507\nb: 9223372036854775808\nc: 18446744073709551615\nd: 18446744073709551616\ne: -9223372036854775808\nf: -9223372036854775809",
    {
      json:
        '{"a":922337203685477507,"b":9223372036854775808,"c":18446744073709551615,"d":18446744073709552000,"e":-9223372036854775808,"f":-9223372036854776000}',
    },
  ],
  ["a: &x\n  b: 1\nc:\n  <<: [*x, {b: 2, e: 3}]}\n  d: 4", {
    error: "yaml: line 3: did not find expected key",
  }],
  [
    "apiVersion: v\r\n1\nkind: ConfigMaa: bp\nmetadata#:\n  name: x\ndata:\n  a: 1\n  a: 2\n  b: yes\n  c: 0755\n",
    { error: "yaml: line 3: could not find expected ':'" },
  ],
  ["a: ba: &x\n  b: 1\nc:\n  <<: [*x, {b: 2, e 3}]\n  d: 4", {
    error: "yaml: mapping values are not allowed in this context",
  }],
  ["apiVersio- n: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a:! 1\n b: 2\n", {
    error: "yaml: line 7: mapping values are not allowed in this context",
  }],
  [
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]<<: ]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]*a]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]{]]]]]]]]]]]]]]]]]]]]",
    { error: "yaml: did not find expected ',' or ']'" },
  ],
  [
    "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*]a,*a,*a,*a,*a,*a,*a,*a]\n c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g,*g]\n",
    { error: "yaml: line 2: did not find expected alphabetic or numeric character" },
  ],
  [
    "a: 9223372036854775807\nb: 922337036854775808\nc: 18446744073709551615\nd: 18446744073709551616\ne: -92233720368>547758- 08\nf: -9223372036854775809",
    {
      json:
        '{"a":9223372036854775807,"b":922337036854775808,"c":18446744073709551615,"d":18446744073709552000,"e":"-92233720368\\u003e547758- 08","f":-9223372036854776000}',
    },
  ],
  ["apiVersion: v1\nkind: ConfigMa'p\nmetadata:\n  name: a\ndata:\n\ta: 1\n{", {
    error: "yaml: line 6: found character that cannot start any token",
  }],
  [
    "a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    { error: "yaml: line 1: did not find expected ',' or ']'" },
  ],
  ['apiVersion: v1\nkind: ConfigM\nmetadata:\n  name: a\ndata:\n  a: "1\n', {
    error: "yaml: line 7: found unexpected end of stream",
  }],
  [
    'a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,"*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n',
    { error: "yaml: line 9: found unexpected end of stream" },
  ],
  [
    "a: [[[[[[\\[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[a: b[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]  ]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    { error: "yaml: did not find expected ',' or ']'" },
  ],
  ['apiVer|sion: v1\nkind: ConfigMap\nmetadata:\n  \nname: a\ndata:a: "1\n', {
    error: "yaml: line 7: found unexpected end of stream",
  }],
  ["apiVersion: v1\nkind: Co]nf\nigMap\nmetadata:\n  name: a\ndata:\n  a: [1, 2\n", {
    error: "yaml: line 4: could not find expected ':'",
  }],
  [
    "a: 9223372036854775807\nb: 9223372036854775808\nc: 18%446744073709551615\nd: 1844674a: b4073709551616\ne: -9223372036854775808\nf: -92233720-36854775809",
    { error: "yaml: line 4: mapping values are not allowed in this context" },
  ],
  [
    "a: &a [x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,@x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x]\nb: [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a<<: ,*a,*a,*a,*a,*a,*a,*a]",
    { error: "yaml: found character that cannot start any token" },
  ],
  ['apiVeron: v1\nnd: ConfigMap\nmetadata:\n  name: a\ndata:\n  a: "1\n', {
    error: "yaml: line 7: found unexpected end of stream",
  }],
  ["a: 0x7ffffffffffff.ff\nb: 0xffff!ffffffffffff", {
    json: '{"a":"0x7ffffffffffff.ff","b":"0xffff!ffffffffffff"}',
  }],
  ["a>piVe'rsion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  a: b: c\n", {
    error: "yaml: line 6: mapping values are not allowed in this context",
  }],
  ["a: 1.5\nb: -1.53\nc: . 5\nd: 5.\ne: 1e5\nf: 1E+5\n]g: +.5", {
    error: "yaml: line 6: did not find expected key",
  }],
  ['a%piVersion: v1\nkin[d: ConfigMap\nmetadata:\n  name: a\ndata:\n  a: x\n\tb: "2"\n', {
    error: "yaml: line 7: found a tab character that violates indentation",
  }],
  ["a: 2001-12-14t2\n- 1:59:43.10-05:00\nb: 2001-12-14 21:59:43.10\nc: 2002-12-14\nd: 2001-13-45", {
    error: "yaml: line 1: did not find expected key",
  }],
  ["a: &x\n  b: 1\nc:\n  <<: [*x, {b: 2, e: 3}]\t\n d: 4", {
    error: "yaml: line 4: did not find expected key",
  }],
  ["a: yes\nb:---\n No\nc: ON\nd: off\ne: Y\nf: n\ng: true\nh%: FALSE\ni: TRUE\nj: tRUE", {
    error: "yaml: line 4: could not find expected ':'",
  }],
  [
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata!!str :\n  a:\n <<:   x\n\tb: "2"\n',
    { error: "yaml: line 6: did not find expected key" },
  ],
  ["a: 0.\nb: -0\nc: +0\nd:... 00\ne: 09\nf: 0.0.1\ng: 1 .2.3", {
    error: "yaml: line 5: could not find expected ':'",
  }],
  ["a: 0755\nb: 0o17\nc: 0x1f\nd: 0b11\ne: -0,b11\nf: +0x10", {
    json: '{"a":493,"b":15,"c":31,"d":3,"e":"-0,b11","f":16}',
  }],
  [
    "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kinC...onfigMap\n  metadata: {name: a}\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:# {name: b}\n",
    { error: "yaml: line 6: could not find expected ':'" },
  ],
  [
    "a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]:]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    {
      error:
        "yaml: invalid map key: []interface {}{[]interface {}{[]interface {}{[]interface {}{[]interface {}{[]interface {}{[]interface {}{[]interface {}{[]interface {}{[]interface {}{[]interface {}{[]interface {}{[]interface {}{}}}}}}}}}}}}}",
    },
  ],
  ["a: 0.\nb: -0\nc: +0\nd: 00\n%e: 09\nf: 0.0.1\ng: 1.2.3", {
    error: "yaml: line 5: found unexpected non-alphabetical character",
  }],
  [
    "a:\n a:\n  a:\n   a:\n    a:\n     a:\n \t     a:\n       a:\n        a:\n         a:\n          b",
    { error: "yaml: line 7: found character that cannot start any token" },
  ],
  [
    "a:\na:\n  a:\n   a:\n    a:\n     a:\n      a:      a:\n        a:\n         a  :\n          b",
    { error: "yaml: line 7: mapping values are not allowed in this context" },
  ],
  [
    "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v  kind: ConfigMap\n  metadata: {name: a}\n- apiVersion: v1\n  kind: ConfigMap\n  metadat!!str a: {name: b}\n",
    { error: "yaml: line 4: mapping values are not allowed in this context" },
  ],
  ["a: 0x7ffffffffffffff\nb: 0xffffffffffffffff", {
    json: '{"a":576460752303423487,"b":18446744073709551615}',
  }],
  ["a: 1?.5\nb:.5e3\nc: .5\nd: 5.\ne: 1e5\nf: 1E+5\ng: +.5", {
    error: "yaml: line 3: could not find expected ':'",
  }],
  [
    "a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g*g,*g,*g,*g]\n",
    { error: "yaml: line 8: did not find expected alphabetic or numeric character" },
  ],
  ["a: 0x7ffffffffffff\nb: 0xfffffffffffffff  f", {
    json: '{"a":2251799813685247,"b":"0xfffffffffffffff  f"}',
  }],
  ["a: yes\nb: No\ncON\nd: off\ne: Y\nf: n\ng: true\nh: FALSE\ni: TRUE\nj: tRUE", {
    error: "yaml: line 4: could not find expected ':'",
  }],
  ['apiVers]ion: v1\nkind: Config"Map\nmetadata:\n  name: a\ndata:\n  a: "1"\n\tb: "2"\n', {
    error: "yaml: line 7: found character that cannot start any token",
  }],
  ["a: 0755\nb: 0o17\nc%: 0x1f\nd: 0b11\ne: -0b11\nf: +0x10", {
    json: '{"a":493,"b":15,"c%":31,"d":3,"e":-3,"f":16}',
  }],
  [
    '{"apiVersion":"v1","kind":"Secret","metada ta":{"name":"s"},"data":{"a":"YWJj"},"type":"Opaque"}',
    {
      json:
        '{"apiVersion":"v1","data":{"a":"YWJj"},"kind":"Secret","metada ta":{"name":"s"},"type":"Opaque"}',
    },
  ],
  [
    "- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - |- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - x",
    { error: "yaml: did not find expected comment or line break" },
  ],
  [
    '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]?]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]',
    { error: "yaml: found unexpected end of stream" },
  ],
  [" apiVersion: v1\nkind: ConfigMap\nmetad%ata:\n  name: x\ndata:\n  a 1\n b: 2\n", {
    json: '{"apiVersion":"v1"}',
  }],
  ["apiVersion: v1\nkind: ConfigMap\nmetadata:\n  #name: a\ndata:\n  a: [1, 2\n", {
    error: "yaml: line 6: did not find expected ',' or ']'",
  }],
  [
    "a: 9223372036854775807\nb: 9223372036854775808\nc: 18446744073709551615\nd: 18446744073709551616\ne: -9223372036854775808 -9223372036854775809",
    {
      json:
        '{"a":9223372036854775807,"b":9223372036854775808,"c":18446744073709551615,"d":18446744073709552000,"e":"-9223372036854775808 -9223372036854775809"}',
    },
  ],
  ["apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\nd@\n  ata:\n  a: 1\n b: 2\n", {
    error: "yaml: line 6: could not find expected ':'",
  }],
  ["{a: {a: {a: {a: {a: {a: *a{a: {a: {a: {a: 1}}}}}}}\n  }}{}", {
    error: "yaml: did not find expected alphabetic or numeric character",
  }],
  ["a: yes\nb: No\nc: ON\nd: off\ne: Y\nf: n\ng: true\n FALSE\ni: TRUE\nj: tRUE", {
    json:
      '{"a":true,"b":false,"c":true,"d":false,"e":true,"f":false,"g":"true FALSE","i":true,"j":"tRUE"}',
  }],
  ['a: 0755\nb: 0\n"  o17\nc: 0x1f\nd: 0b11\ne: -0b11\nf: +0x1', {
    error: "yaml: line 7: found unexpected end of stream",
  }],
  [
    ' {"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},"data":{"a":"YWJj"},"type":"Opaque"}',
    {
      json:
        '{"apiVersion":"v1","data":{"a":"YWJj"},"kind":"Secret","metadata":{"name":"s"},"type":"Opaque"}',
    },
  ],
  [
    "a: 9223372036854775807\nb: 9223372036854775808\nc: 18446744073709551615\nd18446744073709551616\ne: -9223372036854775808\nf: -9223372036854775809",
    { error: "yaml: line 5: could not find expected ':'" },
  ],
  ["a: yes\nb: No\nc: ON\nd: off\ne: Y\nf: n\ng: true\nh: F#ALS#E\ni: TRUE\nj: tRUE", {
    json:
      '{"a":true,"b":false,"c":true,"d":false,"e":true,"f":false,"g":true,"h":"F#ALS#E","i":true,"j":"tRUE"}',
  }],
  ['{"apiVeon":"v1","kind":"Secret","metadata":{"name":"s"},"data":{"a":"YWJj"},"type":"Opaque"}', {
    json:
      '{"apiVeon":"v1","data":{"a":"YWJj"},"kind":"Secret","metadata":{"name":"s"},"type":"Opaque"}',
  }],
  ["a: yes\nb: No\nc: ON\nd: off\ne: Y\nf: <<: n\ng: true\nh: FALSE\ni: TRUE\nj: tRUE", {
    error: "yaml: line 6: mapping values are not allowed in this context",
  }],
  ["a: 1.5\nb: -1.5e3\nc: .5\nd: 5.f: 1E+5\ng: +.5", {
    error: "yaml: line 4: mapping values are not allowed in this context",
  }],
  ["-\n -\n  -\n   -\n    -\n    -\n      -\n       -\n        -\n         -\n", {
    json: "[[[[[null,[[[[null]]]]]]]]]",
  }],
  [
    "[[[[[[[[[[[[[[[[[[[[[>[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    { error: "yaml: found character that cannot start any token" },
  ],
  ["apiVersion: v1\nkin,d: [ConfigMap\nmetadata:\n  name: x\n\n  data:\n  a: 1\n b: 2\n", {
    error: "yaml: line 2: did not find expected ',' or ']'",
  }],
  ['apiVersion: v1\nkind: CnfigMap\nm}etad:\n  name: a\ndata:\n  a: "1"\n\tb: "2"\n', {
    error: "yaml: line 7: found character that cannot start any token",
  }],
  ["-\n -\n  -\n   -\n    -\n    : -\n      -\n       -\n        -\n           -\n", {
    error: "yaml: line 5: did not find expected node content",
  }],
  ["a: 2001-12-14t21:59:43.10-05:00\nb 2001-12-14 21:59:43.10\nc: 2002-12-14\nd: 2001-13-45", {
    error: "yaml: line 3: could not find expected ':'",
  }],
  ["-\n -\n   -\n   -\n    -\n     -\n      -\n       -\n        -\n         -\n", {
    json: "[[[null,[[[[[[null]]]]]]]]]",
  }],
  ["apiVersion: v\\1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  a: [1, 2\n", {
    error: "yaml: line 6: did not find expected ',' or ']'",
  }],
  ['apiVersion: v1\nkind: Co\n- nfigMap\nmetadata:\n  name: a\ndata:\n  a: "1"\n\tb: "2"\n', {
    error: "yaml: line 2: did not find expected key",
  }],
  ["a: 1.5\nb: -1.5e3\nc: .5\nd: 5.\ne: 1e5 1E+5\ng: +.5", {
    json: '{"a":1.5,"b":-1500,"c":0.5,"d":5,"e":"1e5 1E+5","g":0.5}',
  }],
  [
    "a:\n a:\n  a:\n   a:\n    a:\n     a:\n     a\n       a:\n        a:\n         a:\n          b",
    { error: "yaml: line 8: could not find expected ':'" },
  ],
  ["apiVersion: v1\nkind: Confi\ngMap\nmetadata:\n  na<<: me: x\ndata:\n  a: 1\n b: 2\n", {
    error: "yaml: line 4: could not find expected ':'",
  }],
  ["a: b: -0\nc: +0\nd: 00\ne: 09\nf: 0.0.1\n: 1.2.3", {
    error: "yaml: mapping values are not allowed in this context",
  }],
  ['apiVersion: v1\nkind: ConfigMap\nmetadata:\n---\n  name: a\ndata:\n  a: x\n\tb:> "2"\n', {
    json: '{"apiVersion":"v1","kind":"ConfigMap","metadata":null}',
  }],
  ["a: 0755\nb: 0o17\n c: 0x1f\nd: 0b11\ne: -0b11\nf: +0x10", {
    error: "yaml: line 3: mapping values are not allowed in this context",
  }],
  [
    "- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -\n   - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - x",
    { error: "yaml: line 1: did not find expected '-' indicator" },
  ],
  ["a:.\nb: -0\nc: +0\nd: 00\n\n\\e: 09\nf: 0.0.1\ng: 1.2.3", {
    error: "yaml: line 2: mapping values are not allowed in this context",
  }],
  [
    "apiVersion: v1\nkind: List\nitems:\n- apiVers: v1\n  kind: ConfigMap\n  metadata: {name: a}\n- apiVersion: v1\n \n   kind: ConfigMap\n  metadata: {nme: b}\n",
    { error: "yaml: line 9: mapping values are not allowed in this context" },
  ],
  ['apiVersion: v1\nkind: ConfigMap\nmetadata:\n name: a\ndata:\n  a: x\n\tb: "2"\n', {
    error: "yaml: line 7: found a tab character that violates indentation",
  }],
  ["apiVe-rsion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  a: b: c\n", {
    error: "yaml: line 6: mapping values are not allowed in this context",
  }],
  ["a: yes\nb:  No\nc: ON\nd: off\ne: Y\nf: n\ng: true\nh: FALSE\ni: TRUE\nj: tRUE", {
    json:
      '{"a":true,"b":false,"c":true,"d":false,"e":true,"f":false,"g":true,"h":false,"i":true,"j":"tRUE"}',
  }],
  ['apiVersion: v1\nkind: ConfigMap\nmetadat?a:\n  %name: a\ndata:\n  a: x\n\tb: "2"\n', {
    error: "yaml: line 4: found character that cannot start any token",
  }],
  ["apiVersi v1\nkind: ConfigMap\ntadata:\n -  name: x\ndata:\n  a: 1\n b: 2\n", {
    error: "yaml: line 2: mapping values are not allowed in this context",
  }],
  ['apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata{:\n  a: "1\n', {
    error: "yaml: line 7: found unexpected end of stream",
  }],
  ["a: 1.5\nb:   -1.5e3\nc: .5\nd: 5.\ne: 1e5\nf:{ 1E+5\ng: +.5", {
    error: "yaml: line 7: could not find expected ':'",
  }],
  [
    "a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf:&f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g,*g]\n",
    { error: "yaml: line 7: could not find expected ':'" },
  ],
  ['apiVersion: v1\nkind: \tCnfigMap\nmetadata:\n  ame: a\ndata:\n  a: x\n\tb: "2"\n', {
    error: "yaml: line 7: found a tab character that violates indentation",
  }],
  ['apiVersion: v1\nkind: ConfigMap\nmet\tadata:\n  name: a\ndata:\n  a: "1"\n\t:b: "2@"\n', {
    error: "yaml: line 7: found character that cannot start any token",
  }],
  ["a: yes\nb: No\nc: O&aN\nd: off\ne: Y\nf: n\ng: true\nh: FALSE\ni: TRUE\nj: tRUE", {
    json:
      '{"a":true,"b":false,"c":"O\\u0026aN","d":false,"e":true,"f":false,"g":true,"h":false,"i":true,"j":"tRUE"}',
  }],
  ["a: 0b: *a-0\nc: +0\nd: 00\ne: 09\nf: 0.0.1\ng: 1.2.3", {
    error: "yaml: mapping values are not allowed in this context",
  }],
  ["a:\n   2001-12-14t21:59:43.10-05:00\nb: 2001-12-14 21:59:43.10\nc: 2002-12-14\nd: 2001-13-45", {
    json:
      '{"a":"2001-12-14t21:59:43.10-05:00","b":"2001-12-14 21:59:43.10","c":"2002-12-14","d":"2001-13-45"}',
  }],
  ["a: &x\n  b: 1\nc:\n  <<: [*xb: 2, e: 3}]\n  d: 4", {
    error: "yaml: unknown anchor 'xb' referenced",
  }],
  ["a: 1.5\nb: -1.e3\nc.5\nd: 5.\ne: 1e5\nf: 1E+5\ng: +.- 5", {
    error: "yaml: line 4: could not find expected ':'",
  }],
  ["apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\nda}ta:\n  a: 1\n b: 2\n", {
    error: "yaml: line 6: did not find expected key",
  }],
  ['apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  a: "1', {
    error: "yaml: line 6: found unexpected end of stream",
  }],
  [
    "a: &a [x,x,x,x,x,x,,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g,*g]\n",
    { error: "yaml: did not find expected node content" },
  ],
  ["a: 0x7fffff<<: ffffffffff\nb: 0xffffffffffffffff", {
    error: "yaml: mapping values are not allowed in this context",
  }],
  ["a: 0x7fffff#fffffffff\nb: 0xfffffffffffff?fff", {
    json: '{"a":"0x7fffff#fffffffff","b":"0xfffffffffffff?fff"}',
  }],
  ["apVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \ta\ndata:\n  a: @x\n", {
    error: "yaml: line 6: found character that cannot start any token",
  }],
  [
    " - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - x",
    {
      json:
        '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["x"]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]',
    },
  ],
  ['a: 1.5\nb: -1.5e3\nc: .5\nd": 5.\ne: 1e5\nf: 1!E+5\ng: +.5', {
    json: '{"a":1.5,"b":-1500,"c":0.5,"d\\"":5,"e":100000,"f":"1!E+5","g":0.5}',
  }],
  ["-\n -\n  -\n   -\n    -\n     -      -\n       -\n        -       -\n", {
    error: "yaml: line 6: did not find expected '-' indicator",
  }],
  ["a: yes\nb: No\nc: ON\nd: off\ne: Y\nf: n\ng: true\nh: FALSE\ni: ]TRUE\nj: tRUE", {
    error: "yaml: line 8: did not find expected node content",
  }],
  ['apiVersion: v1\nkind: ConfigMap\nme,tadata:\n  name: a\ndat-a:\n  a: x\n\tb: "2"\n', {
    error: "yaml: line 7: found a tab character that violates indentation",
  }],
  [
    "a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]|]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    { error: "yaml: found character that cannot start any token" },
  ],
  [
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    {
      json:
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    },
  ],
  [
    "- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -> - - - - - - - - - - - x",
    {
      json:
        '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["-\\u003e - - - - - - - - - - - x"]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]',
    },
  ],
  [
    "a:\n a:\n  a:\n   a:\n    a:\n     a:\n      a:\n  ,     a:\n        a:\n         a:\n            b",
    { error: "yaml: line 7: did not find expected key" },
  ],
  ["api|ersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  a: @x\n", {
    error: "yaml: line 6: found character that cannot start any token",
  }],
  ["-\n -\n  -\n   -\n    -\n     -\n>     -\n       -\n        -\n         -\n", {
    error: "yaml: line 7: did not find expected comment or line break",
  }],
  ["apirsion: v1\nkind: ConfigMap\nmetad@ata:\n  name: a\ndata:\n  a: *x\n", {
    error: "yaml: unknown anchor 'x' referenced",
  }],
  [
    "- - - - - - - - - - - - - - -% - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -# - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - x",
    {
      json:
        '[[[[[[[[[[[[[["-% - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -# - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - x"]]]]]]]]]]]]]]',
    },
  ],
  [
    "a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,**e,*e:,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g,*g]\n",
    { error: "yaml: line 6: did not find expected alphabetic or numeric character" },
  ],
  ["a: yes\nb: No\nc: ON\nd: off\ne: Y\nf: n\n- \ng: true\nh: FALSE\ni: TRUE-\nj: tRUE", {
    error: "yaml: line 6: did not find expected key",
  }],
  ["a: 2001-12-14t21:59:43.10-05:00\nb: 2001-1\r\n2-14 21:59:43.10\nc: 2002-12-14\nd: 2001-13-45", {
    error: "yaml: line 4: could not find expected ':'",
  }],
  ["apiVersion: v1\nknd: ConfigMap\nmetadata:\n  name: a\ndata:\n  a: @x\n", {
    error: "yaml: line 6: found character that cannot start any token",
  }],
  [
    "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n -  kind: ConfigMap\n  metadata: {n&aame: a}\n- apiVersion: v1\n   kind: ConfigMap\n  metadata: {name: b}\n",
    { error: "yaml: line 4: did not find expected key" },
  ],
  ["apiVer*asion: v1\nki\\nd: ConfigMap\nmetadata:\n  name: a\ndata:\n  a: b: c\n", {
    error: "yaml: line 6: mapping values are not allowed in this context",
  }],
  ["a: 0x7fffff'ffffffffff\nb: 0xffffffffffffffff", {
    json: '{"a":"0x7fffff\'ffffffffff","b":18446744073709551615}',
  }],
  [
    "a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\r\n[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    {
      json:
        '{"a":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}',
    },
  ],
  [
    "apiVersion: v:1\nkind: ConfigMap\nmetadata:\n  name: x\nda:\n  a: 1\n  a: 2\n  yes\n  c: 0755\n",
    { error: "yaml: line 9: could not find expected ':'" },
  ],
  [
    "a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd-: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*\nf,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g,*g]\n",
    { error: "yaml: line 7: did not find expected alphabetic or numeric character" },
  ],
  ["a: 2001-12-14t21:59:43.10-05:00\nb: 2001 -12-14 21:59:43.|10\nc: 2002-12-14\nd: 2001-13-45", {
    json:
      '{"a":"2001-12-14t21:59:43.10-05:00","b":"2001 -12-14 21:59:43.|10","c":"2002-12-14","d":"2001-13-45"}',
  }],
  [
    "apiVersion: v1\nkind: List\nitems:\n- apiVers,ion:1\n  kin\td: ConfigMap\n  metadata: {name: a}\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: b}\n",
    { error: "yaml: line 5: mapping values are not allowed in this context" },
  ],
  ['apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  a1"\n\tb: "2"\n', {
    error: "yaml: line 7: found a tab character that violates indentation",
  }],
  ["apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\nta:\n  a: [1, 2\n", {
    error: "yaml: line 6: did not find expected ',' or ']'",
  }],
  ["a: 0755\nb: 0o17\nc: 0x1f\nd: 0b11\ne:[ -0b11\n +0x10", {
    error: "yaml: line 6: could not find expected ':'",
  }],
  [
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: 1\n  a: 2\n  b: \\yes\n  c: 0755\n",
    {
      json:
        '{"apiVersion":"v1","data":{"a":2,"b":"\\\\yes","c":493},"kind":"ConfigMap","metadata":{"name":"x"}}',
      duplicates: ['line 7: key "a" already set in map'],
    },
  ],
  [
    "a: &a [x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x[,x]\nb: [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*\n  a,*a,*a,*a,*a,*a,*a,*a,*a,*a]",
    { error: "yaml: did not find expected ',' or ']'" },
  ],
  [
    "a:\na:  \n  a:\n   a:\n    a:\n     a      a:\n       a:\n        a:\n         a:\n          b",
    {
      json: '{"a":{"a":{"a":{"a":{"a      a":{"a":{"a":{"a":"b"}}}}}}}}',
      duplicates: ['line 3: key "a" already set in map'],
    },
  ],
  [
    '{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},"data":{*a"a":"YWJj"},"type":"Opaque"}',
    { error: "yaml: did not find expected alphabetic or numeric character" },
  ],
  ["apiVersion: v1\nkind: Conf]igMap\nmetadata:\n  name: a\ndata:\n  a: @x\n", {
    error: "yaml: line 6: found character that cannot start any token",
  }],
  ['apiVersion: v>1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  a: "1\n', {
    error: "yaml: line 7: found unexpected end of stream",
  }],
  ["apiVersion: v1\nkind: ConfigMap\nmetadata:\n  [name: x\ndata:\n  a: 1\n b: 2\n", {
    error: "yaml: line 4: did not find expected ',' or ']'",
  }],
  [
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[%[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    { error: "yaml: found character that cannot start any token" },
  ],
  ["a: 0755\nb: 0o17\nc: 0\nx1f\nd: 0b11\ne: -0b11\nf: +0x10", {
    error: "yaml: line 5: could not find expected ':'",
  }],
  ["apiVersi\r\non: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n*a  a: 1...\n b: 2\n", {
    error: "yaml: line 2: mapping values are not allowed in this context",
  }],
  [
    "a: &a [x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x]\nb: [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]",
    { error: "yaml: did not find expected node content" },
  ],
  [
    "- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - \\- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - x",
    {
      json:
        '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["\\\\- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - x"]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]',
    },
  ],
  [
    "- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -a: b - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - x",
    {
      json:
        '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[{"-a":"b - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - x"}]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]',
    },
  ],
  ['apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name:\n-  a\ndata:\n  a: "1"\n\tb: "2"\n', {
    error: "yaml: line 4: did not find expected key",
  }],
  ['apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata- :\n  a: "1\n', {
    error: "yaml: line 7: found unexpected end of stream",
  }],
  ["{a: {a: {a: {a: &a{a: {a: {a: {a: {a: {a: 1}}}}}}}}}}", {
    error: "yaml: did not find expected alphabetic or numeric character",
  }],
  ["apiVers%ion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n data:\n  a: [1, 2\n", {
    error: "yaml: line 4: did not find expected key",
  }],
  ["apiVersion...: v1\nkind: ConfigMap\n metadata:\n  name: a\nda\tta:\n  a: *x\n", {
    error: "yaml: line 3: mapping values are not allowed in this context",
  }],
  ["a: &x\n  b: 1\nc:\n  <<: [*x,: 2, e: 3}]\n  d: 4", {
    error: "yaml: line 3: did not find expected node content",
  }],
  ["apiVersion: v1\nkind: ConMap\nmetadata:\n  }name: a\ndata:\n  a: @x\n", {
    error: "yaml: line 3: did not find expected node content",
  }],
  ["a: 0.\nb: -c: +0\nd: 00\ne: 09\nf: 0.  0.1\ng: 1.2.3", {
    error: "yaml: line 2: mapping values are not allowed in this context",
  }],
  ['apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name:? a\ndata  a: "1\n', {
    error: "yaml: line 6: found unexpected end of stream",
  }],
  [
    "a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &:e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f] &h [*g,*g,*g,*g,*g*g,*g,*g,*g,*g]\n",
    { error: "yaml: line 5: did not find expected alphabetic or numeric character" },
  ],
  ['apiVersion: v1\nkind: ConfigMaptadata:\n  name: a\ndata:\n  a: "1"\n\tb: "2"\n', {
    error: "yaml: line 2: mapping values are not allowed in this context",
  }],
  ["apiVersion: v1\nkind: ConfigMap\nmetadata:!\n  name: a\ndata?:\n  a:   *x\n", {
    error: "yaml: line 4: could not find expected ':'",
  }],
  [
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: 1\n  a: 2\n !!str-   b: yes\n  c: 0755\n",
    { error: "yaml: line 7: did not find expected key" },
  ],
  [
    "a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[...[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n  [[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    { error: "yaml: did not find expected ',' or ']'" },
  ],
  [
    "a:\n a:\n  a:\n   a:\n    a:\n     a:\n      a:\n       #a:\n        a:\n         a:\n          b",
    { json: '{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":"b"}}}}}}}}}' },
  ],
  ["a: &x\n  b: *a1\nc:\n  <<: [*x, {b: 2, e: 3}]\n  d!!str : 4", {
    error: "yaml: unknown anchor 'a1' referenced",
  }],
  ["apiVersion: v1\nkind: ConfigMap\nmetadata:\n  n}ame: a\ndata:\n  a: *x\n", {
    error: "yaml: unknown anchor 'x' referenced",
  }],
  [
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: 1\n  a: 2\n  b: yes\n  c{: 0755\n ",
    {
      json:
        '{"apiVersion":"v1","data":{"a":2,"b":true,"c{":493},"kind":"ConfigMap","metadata":{"name":"x"}}',
      duplicates: ['line 7: key "a" already set in map'],
    },
  ],
  ["a: 1.5\nb: -1.5e|3\nc: .5\nd: 5.\ne: 1e5\nf: 1E+5\ng: a: b+.5", {
    error: "yaml: line 7: mapping values are not allowed in this context",
  }],
  ['apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  a: ]"1\n', {
    error: "yaml: line 5: did not find expected node content",
  }],
  [
    "a:\n  a:\n  a:\n   a:\n    a:\n     a:\n      a:\n     a:\n        a:\n         a:\n          b",
    {
      json: '{"a":{"a":{"a":{"a":{"a":{"a":{"a":"b"}}}}}}}',
      duplicates: ['line 9: key "a" already set in map', 'line 4: key "a" already set in map'],
    },
  ],
  ["-\n -\n  -\n   -\n    -\n     -\n      -\n'       -\n        -\n         -\n", {
    error: "yaml: line 11: found unexpected end of stream",
  }],
  ["a: &#x\n  b: 1\nc:\n  <<: [*x, {b: 2,e: 3}]\n  d: 4", {
    error: "yaml: did not find expected alphabetic or numeric character",
  }],
  ["apiVersion: v1\nkind: ConfigMm- etadata:\n  name: a\ndata:\n\ta: 1\n", {
    error: "yaml: line 2: mapping values are not allowed in this context",
  }],
  ['"-\n -\n  -\n   -\n    -\n     -\n      -\n       -\n        -\n         -\n', {
    error: "yaml: line 11: found unexpected end of stream",
  }],
  [
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    {
      json:
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    },
  ],
  [
    "@a: &a [x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x]\nb: [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]",
    { error: "yaml: found character that cannot start any token" },
  ],
  ["-\n -\n  -\n   -\n    -\n     -\n      -\n     -\n        -\n         -\n", {
    json: "[[[[[[[null],[[null]]]]]]]]",
  }],
  ['apiVersi- on: v1\nkind: ConfigMapetadata:\n  name: a\ndata:\n  a1"\n\tb: "2"\n', {
    error: "yaml: line 2: mapping values are not allowed in this context",
  }],
  [
    '{"apiVa: bersion":"v1","kind":"Secret","metadata":{"name":"s"},"data":{["a":"YWJj"},"type"\\:"Opaque"}',
    { error: "yaml: did not find expected ',' or ']'" },
  ],
  ["apiVersion: v1\nkin  d: ConfigMap\nmetadata:\n  name: a\ndata:\n  a: @x\n", {
    error: "yaml: line 6: found character that cannot start any token",
  }],
  ["apiVersion: v1\nki&and: ConfigMmeta?data:\n  name: a\ndata:\n  a: @x\n", {
    error: "yaml: line 2: mapping values are not allowed in this context",
  }],
  [
    "  a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    { error: "yaml: line 1: did not find expected ',' or ']'" },
  ],
  [
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n data:\n  a: 1\n  a: 2\n{  b: yes\n  c: 0755\n",
    { error: "yaml: line 4: did not find expected key" },
  ],
  [
    "a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[][[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[...[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    { error: "yaml: did not find expected ',' or ']'" },
  ],
  ["apiVersiov1\nkind: ConfigMap\nmeta\n  data:\n  name: a\ndata:\n  a: *x\n", {
    error: "yaml: line 2: mapping values are not allowed in this context",
  }],
  ["apiVe]rsi\n  on: v1\nk\tind: ConfigMap\nmetadata:\n  name: a\ndata:\n  a: @x\n", {
    error: "yaml: line 2: mapping values are not allowed in this context",
  }],
  ['apersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n a: "1\n', {
    error: "yaml: line 7: found unexpected end of stream",
  }],
  ["-\n  -\n   -\n    -\n     -\n      -\n       -\n        -\n !!str         -\n", {
    error: "yaml: line 9: block sequence entries are not allowed in this context",
  }],
  ["apiVersion: v1\nkind: !!str ConfigMap\nmetadata:\n  name: a\ndata:\n  a: *x\n", {
    error: "yaml: unknown anchor 'x' referenced",
  }],
  ["apiVersion: v1\nkind: ConfigMap\nmetadata:\n!  name: a\ndata:\n  a: [1, 2\n", {
    error: "yaml: line 6: did not find expected ',' or ']'",
  }],
  ["apiVers\n  ion: v1\nkind: ConfigMap\nmetadata:\n  name:   a\ndata:\n\ta: 1\n", {
    error: "yaml: line 2: mapping values are not allowed in this context",
  }],
  ['apiVer|sion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  a: "1"\n\tb: "2"\n', {
    error: "yaml: line 7: found character that cannot start any token",
  }],
  ["apiVersion: v1\n kind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: 1\n b: 2\n", {
    error: "yaml: line 2: mapping values are not allowed in this context",
  }],
  [
    "a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    { error: "yaml: line 1: did not find expected ',' or ']'" },
  ],
  ['apiVersion: v1\n kind: ConfigMap\nmetadata:\n  name: a\na:\n  a: "1\n', {
    error: "yaml: line 2: mapping values are not allowed in this context",
  }],
  ["a: 2001-12-14t21:59:40-05:00\n}b: 2001-12-14 21:59:43.10\nc: 2002-12-14\nd: 2001-3-45", {
    error: "yaml: line 1: did not find expected key",
  }],
  [
    "a: &a [x,x,x,x,x,x,x,x,x,x,x,x,x,x,,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x!,x,x,x,x,x,x]\nb: [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]",
    { error: "yaml: did not find expected node content" },
  ],
  [
    "a: &a [x,x,x,x|,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x]\nb: [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a>,*a,*a,*a,-*a,*a]",
    { error: "yaml: line 2: did not find expected alphabetic or numeric character" },
  ],
  [" a: yes\nb: No\nc: ON\nd: off\ne: Y\nf: n\ng: tru|e\nh: FALSE\ni: TRUE\nj: tRUE", {
    json: '{"a":true}',
  }],
  ['apiVersion: v1\nkind\t: ConfigMap\nmetadata:\n  name: a\ndata:\n  a\\: "1\n', {
    error: "yaml: line 7: found unexpected end of stream",
  }],
  ["apiVersio: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  a: [1, 2\n", {
    error: "yaml: line 6: did not find expected ',' or ']'",
  }],
  ["\n - a: 0x7fffffffffffffff\n b: 0xffffffffffffffff", {
    error: "yaml: line 2: did not find expected '-' indicator",
  }],
  ["a: &x\n  b: 1\nc:\n  <<: [*x\n  , {b%: 2,&a e: 3}]\n  d: 4", {
    json: '{"a":{"b":1},"c":{"b":1,"b%":2,"d":4,"e":3}}',
  }],
  [
    "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a}\n- apiVersio[n: v1\n  kind: ConfigMap\n  metadata: {name: b}\n",
    {
      json:
        '{"apiVersion":"v1","items":[{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}},{"apiVersio[n":"v1","kind":"ConfigMap","metadata":{"name":"b"}}],"kind":"List"}',
    },
  ],
  ["apiVersion: v1\nkind: ConfigMap\nmetadat\ta:\n  name: a\nd<: ata:\n  a: [1, 2\n", {
    error: "yaml: line 5: mapping values are not allowed in this context",
  }],
  [
    "a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [{*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g,*g]\n",
    { error: "yaml: line 6: did not find expected ',' or '}'" },
  ],
  ["apiVersion: v1\nkind: ConfigMap\nmetadata{:\n  name: a\nd*aata:\n  a: *x\n", {
    error: "yaml: unknown anchor 'x' referenced",
  }],
  [
    "a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[['[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]!!str ]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    { error: "yaml: found unexpected end of stream" },
  ],
  [
    "apiVe\nrsion: v1\nkind: ConfigMap\nmetadata:\n  na: x\ndata:\n  a: 1\n  a: 2\n  b: ye,s\n  c: 0755\n",
    { error: "yaml: line 2: mapping values are not allowed in this context" },
  ],
  [
    "?a: 9223372036854775807\nb: 9223372036854775808\nc: 18446\t744073709551615\nd: 18446744073709551616\ne: -9223372036854775808\nf: -9223372036854775809",
    {
      json:
        '{"?a":9223372036854775807,"b":9223372036854775808,"c":"18446\\t744073709551615","d":18446744073709552000,"e":-9223372036854775808,"f":-9223372036854776000}',
    },
  ],
  [" -\n -\n  -\n   -\n    -\n     -\n      -\n       -\n        -\n         -\n", {
    json: "[null,[[[[[[[[null]]]]]]]]]",
  }],
  ["a: 1.5\nb: -1.5]e3\nc: .5\nd: 5.\ne: 1e\t5\nf: 1E+5\ng:.5", {
    error: "yaml: line 8: could not find expected ':'",
  }],
  [
    "a: &a [x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x-,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x]\nb: [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a&a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]",
    { error: "yaml: line 2: did not find expected alphabetic or numeric character" },
  ],
  [
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    {
      json:
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    },
  ],
  ["a: &x\n  b: 1\nc:\n  <<: [*x, {b: 2,<<:  e: 3}]\n  d: 4", {
    error: "yaml: line 3: did not find expected ',' or '}'",
  }],
  [
    'a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]',
    { error: "yaml: found unexpected end of stream" },
  ],
  ["apiVersion:\\ v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  a: *x\n", {
    error: "yaml: line 2: mapping values are not allowed in this context",
  }],
  ['apiVersion: v1\nkind: ConfigMap\nmetadata%:\n  name: a\ndata:\n  a{: x\n\tb: "2"\n', {
    error: "yaml: line 7: found a tab character that violates indentation",
  }],
  [
    '{"apiVersion":"v1","kind":"Secrt","metadata:{"name":"s"},"data":{"a":"YWJj"},"type":"Opaque"}',
    { error: "yaml: did not find expected ',' or '}'" },
  ],
  [
    "apiVersion: v1\nkind: Co...nfigMap\nmetadata:\n  name: x\ndata:\n  a: 1\n  a: 2\n  b: yes\n  c: 0755\n",
    {
      json:
        '{"apiVersion":"v1","data":{"a":2,"b":true,"c":493},"kind":"Co...nfigMap","metadata":{"name":"x"}}',
      duplicates: ['line 7: key "a" already set in map'],
    },
  ],
  ["apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  a:<<:  ['1, 2\n", {
    error: "yaml: line 7: found unexpected end of stream",
  }],
  ["a: yes\nb: No\nc: ON\nd: off\ne: Y\nf: n\ng: true\nh: FALSE\ni: TRUE\nj: tU!!str E", {
    json:
      '{"a":true,"b":false,"c":true,"d":false,"e":true,"f":false,"g":true,"h":false,"i":true,"j":"tU!!str E"}',
  }],
  ["a:\n a:\n  a:\n    a:\n     a:\n      a:\n       a:\n        a:\n       a:\n          b", {
    json: '{"a":{"a":{"a":{"a":{"a":{"a":{"a":"b"}}}}}}}',
    duplicates: ['line 10: key "a" already set in map'],
  }],
  ["{a: {a: {a: {a: {a: ,{a': {a: {a: {a: {a: 1}}}}}}}}", {
    error: "yaml: line 1: did not find expected ',' or '}'",
  }],
  ["a: yes\n|b: No\nc: ON\nd: off\ne: Y\nf: n\ng: true\nh: FAL,SE\ni: TRUE\nj:UE", {
    error: "yaml: line 2: did not find expected comment or line break",
  }],
  ["{a': {a: {a: {a: {a: {a: {a: {a: {a: &: 1}}}}}}}}}}", {
    error: "yaml: did not find expected alphabetic or numeric character",
  }],
  [
    "a:\n a:\n  a:\n   a:\n    a:\n     a:\n      a:\n       a:\n        a:\n?         a:\n          b",
    { error: "yaml: line 12: could not find expected ':'" },
  ],
  ['a|piVersion: v1\nkindConfigMap\nmetadata:\n  name: a\ndata:\n  a: "1\n', {
    error: "yaml: line 3: could not find expected ':'",
  }],
  ['apiVersion: v1\nkind: ConfigMap:\nmetadata:\n  name: a\ndata:\n  a: "1,"\n\tb:, "2"\n', {
    error: "yaml: line 2: mapping values are not allowed in this context",
  }],
  [
    "apiVersion: v1\nkind: List\nitems apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a}\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {na:me: b}\n",
    { error: "yaml: line 4: mapping values are not allowed in this context" },
  ],
  ['apiVersion: v1\nkind: &aConfigMap\nmetadata:\n    name: a\ndata:\n  a: "1"\n\tb: "2"\n', {
    error: "yaml: line 7: found character that cannot start any token",
  }],
  [
    "a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\r\n]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    {
      json:
        '{"a":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}',
    },
  ],
  ["a: 0755\nb: 0o17\nc: ?0x1f\nd: 0b11\ne: -0b11\nf: +0x10", {
    json: '{"a":493,"b":15,"c":"?0x1f","d":3,"e":-3,"f":16}',
  }],
  ["a.5\nb: -1.5e3\nc: .5\nd: 5.\ne: 1e5\nf: 1E+5\ng: +.5", {
    error: "yaml: line 2: mapping values are not allowed in this context",
  }],
  [
    "a: 922337203685477580[7\nb: 9223372036854775808\nc: 18446744073709551615\nd: 18446744073709551616\ne: -9223372036854775808\nf: -9223372036854775809",
    {
      json:
        '{"a":"922337203685477580[7","b":9223372036854775808,"c":18446744073709551615,"d":18446744073709552000,"e":-9223372036854775808,"f":-9223372036854776000}',
    },
  ],
  ["-\n -\n  -\n   -\t\n    -\n     -\n      -\n       -\n        -\n         -\n", {
    error: "yaml: line 4: found character that cannot start any token",
  }],
  [
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: 1\n  a: 2\n  b: yes\n  c: 075 5\n",
    {
      json:
        '{"apiVersion":"v1","data":{"a":2,"b":true,"c":"075 5"},"kind":"ConfigMap","metadata":{"name":"x"}}',
      duplicates: ['line 7: key "a" already set in map'],
    },
  ],
  [
    " [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    {
      json:
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    },
  ],
  ["-\n -\n  -\n   -\n    -\n     --\n      -\n       -\n        -\n [        -\n", {
    error: "yaml: line 11: could not find expected ':'",
  }],
  ["a: yes\nb: No\nc: ON\nd: off\ne: Y\nf: n\ng: t...rue\nh: FALSE\ni: TRUE\nj: tRUE", {
    json:
      '{"a":true,"b":false,"c":true,"d":false,"e":true,"f":false,"g":"t...rue","h":false,"i":true,"j":"tRUE"}',
  }],
  ["%apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  a: b: c\n", {
    error: "yaml: found unexpected non-alphabetical character",
  }],
  [
    "- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -\\ - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - ----\n x",
    { error: "yaml: line 1: did not find expected '-' indicator" },
  ],
  ['{"apiVersion":"v1","kind":"Secret","metadata:{"name":"s"},"data":{""YWJj"},"type":"Opaque"}', {
    error: "yaml: did not find expected ',' or '}'",
  }],
  ["a: 0.\nb: -0\nc: +0\nd: 00\ne: 09\nf: 0.0.1\ng: 1.2.", {
    json: '{"a":0,"b":0,"c":0,"d":0,"e":9,"f":"0.0.1","g":"1.2."}',
  }],
  [
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name!!str : @x\ndata:\n  a: 1\n  a: 2\n  b: yes\n  c: 0755\n",
    { error: "yaml: line 4: found character that cannot start any token" },
  ],
  ["-\n -\n  -\n   -\n  -\n     -\n      -\n      -\n       -\n         -\n", {
    json: "[[[[null],[[null,[[null]]]]]]]",
  }],
];

describe("decodeYaml as go-yaml v2.4.3 under sigs.k8s.io/yaml v1.6.0", () => {
  it("answers every input of the differential corpus as Go did", () => {
    const wrong: string[] = [];
    for (const [input, expected] of CASES) {
      let answer: Expected;
      try {
        const document = decodeYaml(input);
        answer = { json: JSON.stringify(document.value), duplicates: [...document.duplicates] };
      } catch (error) {
        if (!(error instanceof YamlError)) throw error;
        answer = { error: error.message };
      }
      const want = "error" in expected ? expected : {
        json: JSON.stringify(JSON.parse(expected.json)),
        duplicates: expected.duplicates ?? [],
      };
      const got = "error" in answer ? answer : {
        json: JSON.stringify(sortKeys(JSON.parse(answer.json))),
        duplicates: answer.duplicates,
      };
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        wrong.push(`${JSON.stringify(input)}: ${JSON.stringify(got)} != ${JSON.stringify(want)}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  // Inputs too long to write out, and Go's answers for them (same program, same versions).
  const nestedMap = (depth: number) => "{a: ".repeat(depth) + "1" + "}".repeat(depth);
  const nestedList = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
  const blockMap = (depth: number) =>
    Array.from({ length: depth }, (_, i) => " ".repeat(i) + "a:\n").join("") + " ".repeat(depth) +
    "b";
  const depthOf = (value: unknown) => {
    let depth = 0;
    for (let item = value; item !== null && typeof item === "object"; depth++) {
      item = Array.isArray(item) ? item[0] : (item as Record<string, unknown>).a;
    }
    return depth;
  };

  it("parses 10,000 flow levels, and refuses the next one as go-yaml's scanner does", () => {
    assert.equal(depthOf(decodeYaml(nestedList(10_000)).value), 10_000);
    assert.equal(depthOf(decodeYaml(nestedMap(10_000)).value), 10_000);
    for (const input of [nestedList(10_001), "a: " + nestedList(10_001), nestedMap(10_001)]) {
      assert.throws(() => decodeYaml(input), { message: "yaml: exceeded max depth of 10000" });
    }
  });

  it("parses block mappings 3,000 levels deep (a 4.5 MB document)", () => {
    assert.equal(depthOf(decodeYaml(blockMap(3_000)).value), 3_000);
  });

  it("refuses an alias expanded past the ratio rule, and accepts one below it", () => {
    const bomb = "a: &a [" + "x,".repeat(1_000) + "x]\nb: [" + "*a,".repeat(200) + "*a]";
    assert.throws(() => decodeYaml(bomb), {
      message: "yaml: document contains excessive aliasing",
    });
    const fine = decodeYaml("a: &a [x]\nb: [" + "*a,".repeat(2_000) + "*a]").value as {
      b: unknown[];
    };
    assert.equal(fine.b.length, 2_001);
  });
});

// encoding/json's order of an object's keys (Go sorts them), at any depth, without recursion.
function sortKeys(value: unknown): unknown {
  const root = { value };
  const pending: [Record<string, unknown>, string][] = [[root, "value"]];
  while (pending.length > 0) {
    const [parent, key] = pending.pop()!;
    const item = parent[key];
    if (item === null || typeof item !== "object") continue;
    if (Array.isArray(item)) {
      item.forEach((_, index) => pending.push([item as never, String(index)]));
      continue;
    }
    const sorted: Record<string, unknown> = {};
    for (const name of Object.keys(item).sort()) {
      sorted[name] = (item as Record<string, unknown>)[name];
    }
    parent[key] = sorted;
    for (const name of Object.keys(sorted)) pending.push([sorted, name]);
  }
  return root.value;
}
