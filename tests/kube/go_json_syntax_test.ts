// Go's encoding/json syntax errors, as kube-apiserver quotes them in its 400s. The expected texts
// are json.Unmarshal's (Go 1.26) for each input.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { goJsonSyntaxError } from "../../src/encoding/mod.ts";
import { kubeFixture } from "./kube_fixture.ts";

const CASES: [string, string][] = [
  ["{", "unexpected end of JSON input"],
  ["", "unexpected end of JSON input"],
  ["   ", "unexpected end of JSON input"],
  ["{}x", "invalid character 'x' after top-level value"],
  ['{"a" 1}', "invalid character '1' after object key"],
  ['{"a":1 "b":2}', "invalid character '\"' after object key:value pair"],
  ["[1 2]", "invalid character '2' after array element"],
  ["[1,]", "invalid character ']' looking for beginning of value"],
  ["{,}", "invalid character ',' looking for beginning of object key string"],
  ['{"a":}', "invalid character '}' looking for beginning of value"],
  ["tru", "invalid character ' ' in literal true (expecting 'e')"],
  ["trux", "invalid character 'x' in literal true (expecting 'e')"],
  ["nul", "invalid character ' ' in literal null (expecting 'l')"],
  ["fals", "invalid character ' ' in literal false (expecting 'e')"],
  ["-", "invalid character ' ' in numeric literal"],
  ["-x", "invalid character 'x' in numeric literal"],
  ["01", "invalid character '1' after top-level value"],
  ["1.", "invalid character ' ' after decimal point in numeric literal"],
  ["1.x", "invalid character 'x' after decimal point in numeric literal"],
  ["1e", "invalid character ' ' in exponent of numeric literal"],
  ["1e+", "invalid character ' ' in exponent of numeric literal"],
  ['"abc', "unexpected end of JSON input"],
  ['"a\\x"', "invalid character 'x' in string escape code"],
  ['"a\\u12g4"', "invalid character 'g' in \\u hexadecimal character escape"],
  ['"a\u0001"', "invalid character '\\x01' in string literal"],
  ["{'a':1}", "invalid character '\\'' looking for beginning of object key string"],
  ['["a","b"]x', "invalid character 'x' after top-level value"],
  ["\u0081", "invalid character '\u00c2' looking for beginning of value"],
  ["\u00ff", "invalid character '\u00c3' looking for beginning of value"],
  ["\u00a0", "invalid character '\u00c2' looking for beginning of value"],
  ['{"a":[1,{"b":nope}]}', "invalid character 'o' in literal null (expecting 'u')"],
  ["[[[[", "unexpected end of JSON input"],
  ['{"a"', "unexpected end of JSON input"],
  ['{"a":', "unexpected end of JSON input"],
  ['{"a":1', "unexpected end of JSON input"],
  ["[1", "unexpected end of JSON input"],
  ["1 2", "invalid character '2' after top-level value"],
  ["\t", "unexpected end of JSON input"],
  ["\u007f", "invalid character '\\x7f' looking for beginning of value"],
  ["\\", "invalid character '\\\\' looking for beginning of value"],
  ['{"a":1,}', "invalid character '}' looking for beginning of object key string"],
  ["[]]", "invalid character ']' after top-level value"],
  ["{}}", "invalid character '}' after top-level value"],
  ["0.5e-3x", "invalid character 'x' after top-level value"],
  ["nulL", "invalid character 'L' in literal null (expecting 'l')"],
  ['"ok"', ""],
  ['{"a":{"b":[true,false,null,1.5e3,"x"]}}', ""],
  ['"a\\u12', "invalid character ' ' in \\u hexadecimal character escape"],
  ['"a\\', "invalid character ' ' in string escape code"],
  ["[tru", "invalid character ' ' in literal true (expecting 'e')"],
  ['{"a":-', "invalid character ' ' in numeric literal"],
  ["[1.", "invalid character ' ' after decimal point in numeric literal"],
  ['{"a"   ', "unexpected end of JSON input"],
  ['"\\u00e9"', ""],
  ['["\u00e9"]x', "invalid character 'x' after top-level value"],
];

describe("Go JSON syntax errors", () => {
  it("word each error as json.Unmarshal does", () => {
    for (const [input, expected] of CASES) {
      assert.equal(goJsonSyntaxError(new TextEncoder().encode(input)) ?? "", expected, input);
    }
  });

  it("a create whose body is not JSON is 400 in transformDecodeError's words", async () => {
    const { call } = kubeFixture();
    const refused = await call("POST", "/api/v1/namespaces/default/configmaps", "{");
    assert.equal(refused.status, 400);
    assert.equal(
      refused.json.message,
      "the object provided is unrecognized (must be of type ConfigMap): couldn't get version/kind; json parse error: unexpected end of JSON input ({)",
    );
  });

  it("an undecodable continue token quotes json.Unmarshal", async () => {
    const { call } = kubeFixture();
    const refused = await call(
      "GET",
      "/api/v1/namespaces/default/configmaps?limit=1&continue=garbage",
    );
    assert.equal(refused.status, 400);
    assert.equal(
      refused.json.message,
      "invalid continue token: continue key is not valid: invalid character '\\u0081' looking for beginning of value",
    );
  });
});
