// Tests field selector parsing (fields.ParseSelector) with escapes, operators and its error messages.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseFieldSelector, SelectorError } from "../../src/selectors/mod.ts";
import type { KubeObject } from "../../src/store/mod.ts";

function rejects(text: string, resourceKey: string, message: string, namespaced?: boolean) {
  assert.throws(() => parseFieldSelector(text, resourceKey, { namespaced }), (error) => {
    assert.ok(error instanceof SelectorError);
    assert.equal(error.message, message);
    return true;
  });
}

const cm = (name: string, namespace = "default"): KubeObject => ({ metadata: { name, namespace } });

describe("parseFieldSelector", () => {
  it("reads =, == and != and sorts terms like upstream", () => {
    const selector = parseFieldSelector(
      "metadata.namespace!=kube-system,metadata.name==a",
      "configmaps",
    );
    assert.deepEqual(selector.requirements, [
      { field: "metadata.name", operator: "=", value: "a" },
      { field: "metadata.namespace", operator: "!=", value: "kube-system" },
    ]);
    assert.equal(selector.toString(), "metadata.name=a,metadata.namespace!=kube-system");
    assert.equal(selector.empty, false);
  });

  it("is empty for an empty text or bare commas", () => {
    for (const text of ["", ",", ",,"]) {
      const selector = parseFieldSelector(text, "pods");
      assert.equal(selector.empty, true);
      assert.deepEqual(selector.requirements, []);
      assert.equal(selector.matches(cm("x")), true);
    }
  });

  it("ANDs its terms", () => {
    const selector = parseFieldSelector("metadata.name=a,metadata.namespace=ns1", "configmaps");
    assert.equal(selector.matches(cm("a", "ns1")), true);
    assert.equal(selector.matches(cm("a", "ns2")), false);
    assert.equal(selector.matches(cm("b", "ns1")), false);
  });

  it("!= matches objects whose field differs or is missing", () => {
    const selector = parseFieldSelector("spec.nodeName!=n1", "pods");
    assert.equal(selector.matches({ metadata: { name: "p" }, spec: { nodeName: "n2" } }), true);
    assert.equal(selector.matches({ metadata: { name: "p" } }), true);
    assert.equal(selector.matches({ metadata: { name: "p" }, spec: { nodeName: "n1" } }), false);
  });

  it("= with an empty value matches a missing field", () => {
    const selector = parseFieldSelector("spec.nodeName=", "pods");
    assert.equal(selector.matches({ metadata: { name: "p" } }), true);
    assert.equal(selector.matches({ metadata: { name: "p" }, spec: { nodeName: "n1" } }), false);
  });

  it("unescapes \\, \\= and \\\\ in values and escapes them again when printed", () => {
    const selector = parseFieldSelector("metadata.name=a\\,b\\=c\\\\d", "configmaps");
    assert.deepEqual(selector.requirements, [{
      field: "metadata.name",
      operator: "=",
      value: "a,b=c\\d",
    }]);
    assert.equal(selector.toString(), "metadata.name=a\\,b\\=c\\\\d");
    assert.equal(selector.matches(cm("a,b=c\\d")), true);
  });

  it("splits a term at its first operator", () => {
    const selector = parseFieldSelector("metadata.name!=a\\=b", "configmaps");
    assert.deepEqual(selector.requirements, [{
      field: "metadata.name",
      operator: "!=",
      value: "a=b",
    }]);
  });

  it("rejects a term without an operator", () => {
    rejects(
      "metadata.name=a,bogus",
      "pods",
      "invalid selector: 'metadata.name=a,bogus'; can't understand 'bogus'",
    );
  });

  it("rejects bad escapes and unescaped = with upstream's messages", () => {
    rejects("metadata.name=a\\x", "pods", "invalid field selector: invalid escape sequence: \\x");
    rejects("metadata.name=a\\", "pods", "invalid field selector: invalid escape sequence: \\");
    rejects(
      "metadata.name=a=b",
      "pods",
      "invalid field selector: unescaped character in value: 61",
    );
  });

  it("checks every term parses before checking field names", () => {
    rejects(
      "bogus=1,metadata.name=a\\x",
      "pods",
      "invalid field selector: invalid escape sequence: \\x",
    );
  });

  it("names the first unsupported field in sorted order", () => {
    rejects("zeta=1,alpha=2", "pods", "field label not supported: alpha");
  });
});
