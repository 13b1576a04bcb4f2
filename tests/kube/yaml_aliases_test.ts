// YAML bodies' aliases and keys as kube-apiserver's go-yaml v2 bounds them, decoded in linear time.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodeGoYaml, GoYamlError } from "../../src/kube/go_yaml_decode.ts";

const decoded = (text: string) => decodeGoYaml(text).value;

function refused(text: string, message: string): void {
  assert.throws(() => decodeGoYaml(text), (error: unknown) => {
    assert.ok(error instanceof GoYamlError);
    assert.equal(error.message, message);
    return true;
  });
}

// Each level lists the one before ten times: 10^8 strings from 600 bytes.
function billionLaughs(): string {
  let text = 'a: &a "lol"\n';
  for (let level = 1; level <= 8; level++) {
    const before = String.fromCharCode(96 + level);
    const name = String.fromCharCode(97 + level);
    text += `${name}: &${name} [${Array(10).fill(`*${before}`).join(",")}]\n`;
  }
  return text;
}

describe("YAML aliases (go-yaml v2's decoder)", () => {
  it("refuses a document that is mostly alias expansions with go-yaml's words", () => {
    refused(
      billionLaughs(),
      "yaml: document contains excessive aliasing",
    );
  });

  it("expands an anchor used 150 times (fewer than 1,000 nodes decoded: go-yaml allows it)", () => {
    let text = "a: &x v\nb:\n";
    for (let i = 0; i < 150; i++) text += "  - *x\n";
    const value = decoded(text) as { b: string[] };
    assert.equal(value.b.length, 150);
    assert.ok(value.b.every((item) => item === "v"));
  });

  it("gives every alias of a collection its own copy", () => {
    const value = decoded("a: &m {k: [1]}\nb: *m\nc: [*m]\n") as Record<string, unknown>;
    assert.deepEqual(value, { a: { k: [1] }, b: { k: [1] }, c: [{ k: [1] }] });
    assert.notEqual(value.a, value.b);
  });

  it("names an anchor that contains itself and one never defined as go-yaml does", () => {
    refused(
      "a: &x [1, *x]\n",
      "yaml: anchor 'x' value contains itself",
    );
    refused("a: *nope\n", "yaml: unknown anchor 'nope' referenced");
  });

  it("decodes 50,000 aliases of 1,000 anchors in linear time (the yaml package scanned back for each)", () => {
    let text = "a:\n";
    for (let i = 0; i < 1000; i++) text += `  k${i}: &a${i} v\n`;
    text += "b:\n";
    for (let i = 0; i < 50_000; i++) text += `  - *a${i % 1000}\n`;
    const started = performance.now();
    assert.equal((decoded(text) as { b: string[] }).b.length, 50_000);
    // 38 s on Bun before (a loaded machine); a few seconds now.
    assert.ok(performance.now() - started < 20_000, `${performance.now() - started} ms`);
  });
});

describe("YAML keys", () => {
  it("finds a key given twice among 40,000 in linear time (98 s before, all pairs compared)", () => {
    let text = "";
    for (let i = 0; i < 40_000; i++) text += `k${i}: v\n`;
    const started = performance.now();
    assert.equal(Object.keys(decoded(text) as object).length, 40_000);
    assert.ok(performance.now() - started < 20_000, `${performance.now() - started} ms`);
    // go-yaml keeps the last value and reports the key to a strict decode.
    const twice = decodeGoYaml(`${text}k5: w\n`);
    assert.equal((twice.value as Record<string, string>).k5, "w");
    assert.deepEqual(twice.duplicates, ['line 40001: key "k5" already set in map']);
  });

  it("looks for repeated keys under 800 nested maps in linear time (88 s before, a path copied per node)", () => {
    let text = "";
    for (let depth = 0; depth < 800; depth++) text += `${" ".repeat(depth)}a:\n`;
    const keys = Array.from({ length: 50_000 }, (_, i) => `k${i}: 0`).join(", ");
    text += `${" ".repeat(800)}b: {${keys}, k7: 1}\n`;
    const started = performance.now();
    const { value, duplicates } = decodeGoYaml(text);
    assert.ok(performance.now() - started < 20_000, `${performance.now() - started} ms`);
    let inner = value as Record<string, unknown>;
    for (let depth = 0; depth < 800; depth++) inner = inner.a as Record<string, unknown>;
    assert.equal((inner.b as Record<string, number>).k7, 1);
    assert.deepEqual(duplicates, ['line 801: key "k7" already set in map']);
  });
});
