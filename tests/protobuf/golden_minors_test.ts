// Byte-for-byte equality with Go per Kubernetes minor: golden/minors/<minor>/<name>.pb.hex is what
// the same Go program as golden_test.ts (tests/e2e/go_client/golden) writes when its module pins
// k8s.io/api, apimachinery, apiextensions-apiserver and client-go at that minor's version in
// src/protobuf/generated/packages.ts (made in a copy of that module after `go get
// k8s.io/api@v0.29.15 k8s.io/apimachinery@v0.29.15 k8s.io/client-go@v0.29.15
// k8s.io/apiextensions-apiserver@v0.29.15`, and the same for v0.36.6). The fixtures are those whose
// bytes differ from the 1.33 goldens: a CustomResourceDefinition (status.observedGeneration arrived
// in 1.35), a Lease with spec.strategy (1.31+; Go's 1.29 types drop it) and, at 1.29, a Pod.

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import {
  decodeKubernetesProtobuf,
  encodeKubernetesProtobuf,
  messageRegistry,
} from "../../src/protobuf/mod.ts";

const ROOT = new URL("./golden/minors/", import.meta.url);
const hex = (bytes: Uint8Array) =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

describe("golden bytes from Go's marshallers, per minor", () => {
  const minors = readdirSync(ROOT).sort();
  it("has goldens for more than one minor", () => assert.ok(minors.length >= 2, `${minors}`));
  for (const minor of minors) {
    const dir = new URL(`${minor}/`, ROOT);
    const registry = messageRegistry(Number(minor));
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
      const name = file.slice(0, -5);
      const object = JSON.parse(readFileSync(new URL(file, dir), "utf8"));
      const golden = readFileSync(new URL(`${name}.pb.hex`, dir), "utf8").trim();
      it(`1.${minor}: encodes ${name} exactly as Go's k8s.io/api of that minor`, () => {
        assert.equal(hex(encodeKubernetesProtobuf(object, registry)), golden);
      });
      it(`1.${minor}: decodes Go's ${name} and encodes it back to the same bytes`, () => {
        const bytes = Uint8Array.from(golden.match(/../g)!.map((b) => parseInt(b, 16)));
        const decoded = decodeKubernetesProtobuf(bytes, registry).object;
        assert.equal(hex(encodeKubernetesProtobuf(decoded, registry)), golden);
      });
    }
  }
});
