// Tests that invalid label selectors fail with kube-apiserver's exact messages.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseLabelSelector, SelectorError } from "../../src/selectors/mod.ts";

const NAME_PART =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const PREFIX_PART =
  "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const REQ = "unable to parse requirement: ";

const CASES: [string, string][] = [
  ["a in (b", `${REQ}found '', expected: ',' or ')'`],
  ["a in (", `${REQ}found '', expected: ',', ')' or identifier`],
  ["a in b", `${REQ}found 'b' expected: '('`],
  ["a in (b c)", `${REQ}found 'c', expected: ',' or ')'`],
  ["a in (=)", `${REQ}found '=', expected: ',', ')' or identifier`],
  ["a in (b,=)", `${REQ}found '=', expected: ',', or identifier`],
  ["a b", `${REQ}found 'b', expected: in, notin, =, ==, !=, gt, lt`],
  ["a=(b)", `${REQ}found '(', expected: identifier`],
  ["!", `${REQ}found '', expected: identifier`],
  ["a,", "found '', expected: identifier after ','"],
  [",", "found ',', expected: !, identifier, or 'end of string'"],
  ["a=b c", "found 'c', expected: ',' or 'end of string'"],
  ["x==a==b", "found '==', expected: ',' or 'end of string'"],
  // The value is validated before the parser sees what follows it.
  ["x=a||y=b", `${REQ}values[0][x]: Invalid value: "a||y": ${VALUE}`],
  ["!x=a", "found '=', expected: ',' or 'end of string'"],
  ["-bad=x", `${REQ}<nil>: Invalid value: "-bad": ${NAME_PART}`],
  ["*bar", `${REQ}<nil>: Invalid value: "*bar": ${NAME_PART}`],
  ["app:monolith", `${REQ}<nil>: Invalid value: "app:monolith": ${NAME_PART}`],
  [
    "app.kubernetes_io/name=x",
    `${REQ}<nil>: Invalid value: "app.kubernetes_io/name": ${PREFIX_PART}`,
  ],
  ["/a", `${REQ}<nil>: Invalid value: "/a": prefix part must be non-empty`],
  ["a/", `${REQ}<nil>: Invalid value: "a/": name part must be non-empty; ${NAME_PART}`],
  [
    "a/b/c ?=? def",
    `${REQ}<nil>: Invalid value: "a/b/c": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
  ],
  [
    `${"k".repeat(64)}`,
    `${REQ}<nil>: Invalid value: "${"k".repeat(64)}": name part must be no more than 63 characters`,
  ],
  ["x=-bad", `${REQ}values[0][x]: Invalid value: "-bad": ${VALUE}`],
  [
    `x=${"z".repeat(64)}`,
    `${REQ}values[0][x]: Invalid value: "${"z".repeat(64)}": must be no more than 63 characters`,
  ],
  [
    `x=-${"z".repeat(63)}`,
    `${REQ}values[0][x]: Invalid value: "-${
      "z".repeat(63)
    }": must be no more than 63 characters; ${VALUE}`,
  ],
  [
    "x in (b,-a,-c)",
    `${REQ}[values[0][x]: Invalid value: "-a": ${VALUE}, values[1][x]: Invalid value: "-c": ${VALUE}]`,
  ],
  [
    "x<a",
    `${REQ}values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer`,
  ],
];

describe("invalid label selectors", () => {
  for (const [text, message] of CASES) {
    it(`rejects ${JSON.stringify(text.slice(0, 40))}`, () => {
      assert.throws(() => parseLabelSelector(text), (error) => {
        assert.ok(error instanceof SelectorError);
        assert.equal(error.message, message);
        return true;
      });
    });
  }
});
