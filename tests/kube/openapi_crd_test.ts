// /openapi/v2 and v3 of a cluster with a CustomResourceDefinition, against kube-apiserver v1.36.3's answer
// for the same CRD (namespaced, status and scale, a schema using each v2-relevant feature, a
// second version preserving unknown fields): apiextensions' routes and definitions, in its order.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { kubeFixture } from "./kube_fixture.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

const EXPECTED = JSON.parse(
  readFileSync(new URL("_openapi_v2_crd_v1.36.3.json", import.meta.url), "utf8"),
) as { crd: Loose; paths: Record<string, Loose>; definitions: Record<string, Loose> };
const CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

async function servedWithCrd(path: string) {
  const { call } = kubeFixture({ kubernetesVersion: "v1.36.3" });
  assert.equal((await call("POST", CRDS, EXPECTED.crd)).status, 201);
  const answer = await call("GET", path, undefined, { accept: "application/json" });
  assert.equal(answer.status, 200);
  return JSON.parse(answer.text);
}

describe("/openapi/v2 with a CRD", () => {
  it("serves the CRD's paths as apiextensions' builder: no watch paths, no group roots, its options and media", async () => {
    const doc = await servedWithCrd("/openapi/v2");
    const paths = Object.fromEntries(
      Object.entries(doc.paths).filter(([path]) => path.includes("probe.example.com")),
    );
    assert.deepEqual(Object.keys(paths), Object.keys(EXPECTED.paths));
    // Same values in the same key order (the served JSON's order).
    assert.equal(JSON.stringify(paths), JSON.stringify(EXPECTED.paths));
  });

  it("serves the CRD's definitions from its structural schema, made v2-safe", async () => {
    const doc = await servedWithCrd("/openapi/v2");
    const definitions = Object.fromEntries(
      Object.entries(doc.definitions).filter(([name]) => name.startsWith("com.example.probe.")),
    );
    assert.deepEqual(definitions, EXPECTED.definitions);
    assert.equal(JSON.stringify(definitions), JSON.stringify(EXPECTED.definitions));
  });

  it("serves the CRD's /openapi/v3 documents byte for byte (their content hashes), no group root", async () => {
    const index = await servedWithCrd("/openapi/v3");
    const probe = Object.entries(index.paths).filter(([p]) => p.includes("probe.example.com"));
    // kube-apiserver v1.36.3's index entries for the same CRD: SHA-512 of each served document.
    assert.deepEqual(Object.fromEntries(probe), {
      "apis/probe.example.com/v1": {
        serverRelativeURL:
          "/openapi/v3/apis/probe.example.com/v1?hash=B1051785D3F01209806A3F7D81587DDF39CDA05D26AFB076E8A76C085A1455DEF90545BA1D3B5F441D435C3925277AF73D63E9388D7819493013001625A6E1B1",
      },
      "apis/probe.example.com/v2": {
        serverRelativeURL:
          "/openapi/v3/apis/probe.example.com/v2?hash=D8F21088BDF849267359D6AA46E7934878DAA0494374D481A41A5A5AE8656C326AB06660422F1DFF3DE4799C04218F82C1DD7CE39BC6D01837C59AABCAF017FE",
      },
    });
  });
});
