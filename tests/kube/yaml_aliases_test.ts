// YAML bodies' aliases and keys as kube-apiserver's go-yaml v2 bounds them, decoded in linear time.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodeYaml } from "../../src/kube/request_body.ts";
import { StatusError } from "../../src/kube/status_error.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

function refused(text: string, message: string): void {
  assert.throws(() => decodeYaml(bytes(text)), (error: unknown) => {
    assert.ok(error instanceof StatusError);
    assert.equal(error.code, 400);
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
      "error converting YAML to JSON: yaml: document contains excessive aliasing",
    );
  });

  it("expands an anchor used 150 times (fewer than 1,000 nodes decoded: go-yaml allows it)", () => {
    let text = "a: &x v\nb:\n";
    for (let i = 0; i < 150; i++) text += "  - *x\n";
    const value = decodeYaml(bytes(text)) as { b: string[] };
    assert.equal(value.b.length, 150);
    assert.ok(value.b.every((item) => item === "v"));
  });

  it("gives every alias of a collection its own copy", () => {
    const value = decodeYaml(bytes("a: &m {k: [1]}\nb: *m\nc: [*m]\n")) as Record<string, unknown>;
    assert.deepEqual(value, { a: { k: [1] }, b: { k: [1] }, c: [{ k: [1] }] });
    assert.notEqual(value.a, value.b);
  });

  it("names an anchor that contains itself and one never defined as go-yaml does", () => {
    refused(
      "a: &x [1, *x]\n",
      "error converting YAML to JSON: yaml: anchor 'x' value contains itself",
    );
    refused("a: *nope\n", "error converting YAML to JSON: yaml: unknown anchor 'nope' referenced");
  });

  it("decodes 50,000 aliases of 1,000 anchors in linear time (the yaml package scanned back for each)", () => {
    let text = "a:\n";
    for (let i = 0; i < 1000; i++) text += `  k${i}: &a${i} v\n`;
    text += "b:\n";
    for (let i = 0; i < 50_000; i++) text += `  - *a${i % 1000}\n`;
    const started = performance.now();
    assert.equal((decodeYaml(bytes(text)) as { b: string[] }).b.length, 50_000);
    // 38 s on Bun before (a loaded machine); a few seconds now.
    assert.ok(performance.now() - started < 20_000, `${performance.now() - started} ms`);
  });
});

describe("YAML keys", () => {
  it("checks 40,000 keys of a map for duplicates in linear time (98 s before, all pairs compared)", () => {
    let text = "";
    for (let i = 0; i < 40_000; i++) text += `k${i}: v\n`;
    const started = performance.now();
    assert.equal(Object.keys(decodeYaml(bytes(text)) as object).length, 40_000);
    assert.ok(performance.now() - started < 20_000, `${performance.now() - started} ms`);
    refused(`${text}k5: w\n`, "error converting YAML to JSON: Map keys must be unique");
  });
});
