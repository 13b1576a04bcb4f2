// Byte-for-byte equality with Go: golden/<name>.yaml is what sigs.k8s.io/yaml v1.4.0's JSONToYAML
// (kube-apiserver's YAML serializer) writes for golden/<name>.json, made by
// tests/e2e/go_client/yaml_golden (`go run ./yaml_golden ../../encoding/golden` in that module).
// Each fixture aims at go-yaml v2 rules: plain scalars that would read back as bools, numbers,
// nulls or timestamps (strs), number forms (nums), key order (keys), 80-column folding (fold),
// literal blocks and their chomping (multi), long keys (longkey), empty collections (empties),
// a raw NEL in JSON text (nel), and a whole Pod with managedFields (pod).

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { goYaml } from "../../src/encoding/go_yaml.ts";
import { keyLess, plainReadsAsString } from "../../src/encoding/go_yaml_scalars.ts";

const DIR = new URL("./golden/", import.meta.url);
const names = readdirSync(DIR).filter((f) => f.endsWith(".json")).map((f) => f.slice(0, -5))
  .sort();

describe("goYaml writes JSON as sigs.k8s.io/yaml does", () => {
  it("has its fixtures", () => assert.ok(names.length >= 10));
  for (const name of names) {
    it(name, () => {
      const json = JSON.parse(readFileSync(new URL(`${name}.json`, DIR), "utf8"));
      const want = readFileSync(new URL(`${name}.yaml`, DIR), "utf8");
      assert.equal(goYaml(json), want);
    });
  }

  it("a root that is no mapping", () => {
    assert.equal(goYaml({}), "{}\n");
    assert.equal(goYaml([]), "[]\n");
    assert.equal(goYaml(["a", 1]), "- a\n- 1\n");
  });
});

describe("go-yaml v2 scalar rules", () => {
  it("quotes what a plain scalar would read back as something else", () => {
    for (
      const s of ["true", "y", "NO", "~", "", "12", "-1.5", "0x1f", "1_0", "2026-01-02", "1:30"]
    ) {
      assert.equal(plainReadsAsString(s), false, s);
    }
    for (const s of ["2026-02-30", "v1.33.1", "1.2.3", "0xZ", "abc", "<<", "+", "0o9"]) {
      assert.equal(plainReadsAsString(s), true, s);
    }
  });

  // As yaml.Marshal of go.yaml.in/yaml/v2 v2.4.3 wrote each (Go 1.26): strconv.ParseFloat takes
  // underscores and refuses what overflows; time.Parse takes a comma before the fraction.
  it("reads floats and timestamps as strconv and time.Parse do", () => {
    for (const s of [".5_5", "2020-01-02T10:20:30,5Z", "2020-01-02 10:20:30,25", "2024-02-29"]) {
      assert.equal(plainReadsAsString(s), false, s);
    }
    for (const s of ["1e400", "2021-02-29", "2020-01-02 25:20:30", "2020-01-02T10:60:30Z"]) {
      assert.equal(plainReadsAsString(s), true, s);
    }
  });

  it("orders keys by letters, then digit runs by value", () => {
    assert.equal(keyLess("a2", "a10"), true);
    assert.equal(keyLess("_x", "a"), true);
    assert.equal(keyLess("B", "a"), true);
    assert.equal(keyLess("ab", "a"), false);
  });
});
