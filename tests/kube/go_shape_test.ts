// Byte-for-byte equality with Go: what fkas answers a GET of a built-in object with is what
// kube-apiserver's Go types make of it (Go field order, unset structs as `{}`, a template's
// `creationTimestamp: null` before 1.34's omitzero, sorted map keys).
//
// go_shape_golden/<name>.<minor>.go.json is what tests/e2e/go_client/go_shape (json.Unmarshal
// into k8s.io/api's struct, then json.Marshal) writes for <name>.<minor>.fkas.json, the GET
// answer captured by this test with FKAS_WRITE_GOLDEN=1. To regenerate: run this test so, then in
// tests/e2e/go_client/go_shape `go run . ../../../kube/go_shape_golden v1_33 && go run
// -modfile=v1_34.mod . ../../../kube/go_shape_golden v1_34`.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import process from "node:process";
import { kubeFixture } from "./kube_fixture.ts";

const DIR = new URL("./go_shape_golden/", import.meta.url);
const INPUTS = JSON.parse(readFileSync(new URL("inputs.json", DIR), "utf8")) as Record<
  string,
  { path: string; body: { metadata: { name: string } } }
>;
// A client's agent (no browser's: those get pretty-printed JSON).
const AGENT = { "user-agent": "test/v0.0.0" };
const WRITE = process.env.FKAS_WRITE_GOLDEN === "1";

for (const [tag, version] of [["v1_33", "v1.33.1"], ["v1_34", "v1.34.4"]]) {
  describe(`GET bytes of built-in objects at ${version}`, () => {
    for (const [name, { path, body }] of Object.entries(INPUTS)) {
      it(`${name} is as Go encodes it`, async () => {
        const { call } = kubeFixture({ kubernetesVersion: version });
        const created = await call("POST", `${path}?fieldManager=test`, body, AGENT);
        assert.equal(created.status, 201, created.text);
        const got = await call("GET", `${path}/${body.metadata.name}`, undefined, AGENT);
        assert.equal(got.status, 200);
        if (WRITE) writeFileSync(new URL(`${name}.${tag}.fkas.json`, DIR), got.text + "\n");
        const want = readFileSync(new URL(`${name}.${tag}.go.json`, DIR), "utf8");
        // The token volume's name ends in five random characters.
        const tokenVolume = (text: string) =>
          text.trim().replace(/kube-api-access-[a-z0-9]{5}/g, "kube-api-access-xxxxx");
        assert.equal(tokenVolume(got.text), tokenVolume(want));
      });
    }
  });
}
