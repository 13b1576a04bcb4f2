// CustomResourceDefinition validation: the common mistakes answered with apiextensions' messages.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { errorBody, validateDefinition } from "../../../src/api/crd/mod.ts";
import { WIDGET_SCHEMA, widgetCrd } from "./_realistic_crd.ts";

function errorsOf(crd: Record<string, unknown>, minor = 33): string[] {
  return validateDefinition(crd, minor).map((e) => `${e.field}: ${errorBody(e, minor)}`);
}

// deno-lint-ignore no-explicit-any
function mutated(change: (schema: any) => void): Record<string, unknown> {
  const schema = structuredClone(WIDGET_SCHEMA);
  change(schema);
  return widgetCrd(schema);
}

const ROOT = "spec.validation.openAPIV3Schema";

describe("CustomResourceDefinition validation", () => {
  it("a realistic CRD (defaults, list maps, embedded resources, CEL) is valid", () => {
    assert.deepEqual(errorsOf(widgetCrd()), []);
  });

  it("every specified field needs a type (structural schema)", () => {
    const crd = mutated((s) => delete s.properties.spec.properties.name.type);
    assert.deepEqual(errorsOf(crd), [
      `${ROOT}.properties[spec].properties[name].type: Required value: must not be empty for specified object fields`,
    ]);
  });

  it("versions with different schemas are named per version", () => {
    const crd = mutated((s) => delete s.properties.status.type);
    // deno-lint-ignore no-explicit-any
    (crd.spec as any).versions[1].schema.openAPIV3Schema = WIDGET_SCHEMA;
    assert.deepEqual(errorsOf(crd), [
      "spec.versions[0].schema.openAPIV3Schema.properties[status].type: Required value: must not be empty for specified object fields",
    ]);
  });

  it("arrays need items; root metadata may only restrict name and generateName", () => {
    const crd = mutated((s) => {
      s.properties.spec.properties.tags = { type: "array" };
      s.properties.metadata = { type: "object", properties: { labels: { type: "object" } } };
    });
    assert.deepEqual(errorsOf(crd), [
      `${ROOT}.properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified`,
      `${ROOT}.properties[spec].properties[tags].items: Required value: must be specified`,
    ]);
  });

  it("list-type map needs keys; reasons are checked", () => {
    const crd = mutated((s) => {
      delete s.properties.spec.properties.ports["x-kubernetes-list-map-keys"];
      s.properties.spec["x-kubernetes-validations"][0].reason = "Nope";
    });
    assert.deepEqual(errorsOf(crd), [
      `${ROOT}.properties[spec].properties[ports].x-kubernetes-list-map-keys: Required value: must not be empty if x-kubernetes-list-type is map`,
      `${ROOT}.properties[spec].x-kubernetes-validations[0].reason: Unsupported value: "Nope": supported values: "FieldValueDuplicate", "FieldValueForbidden", "FieldValueInvalid", "FieldValueRequired"`,
    ]);
  });

  it("a rule that does not parse is refused at CRD write time", () => {
    const crd = mutated((s) => s.properties.spec["x-kubernetes-validations"][0].rule = "self.x ==");
    const [error] = errorsOf(crd);
    assert.match(
      error,
      /^spec\.validation\.openAPIV3Schema\.properties\[spec\]\.x-kubernetes-validations\[0\]\.rule: Invalid value: apiextensions\.ValidationRule\{Rule:"self\.x ==", Message:"minReplicas must not exceed replicas", .*\}: compilation failed: ERROR: /,
    );
  });

  it("a message expression that does not compile names itself; a rule that does not silences it (v1.36.3)", () => {
    const crd = mutated((s) => {
      s.properties.spec["x-kubernetes-validations"] = [
        { rule: "self.replicas >= 0", messageExpression: "'x' + self.nope" },
        { rule: "self.replicas ==", messageExpression: "'x' + self.nope" },
      ];
    });
    const errors = errorsOf(crd, 36);
    assert.equal(errors.length, 2);
    assert.match(
      errors[0],
      /^spec\.validation\.openAPIV3Schema\.properties\[spec\]\.x-kubernetes-validations\[0\]\.messageExpression: Invalid value: .*: messageExpression compilation failed: ERROR: <input>:1:11: undefined field 'nope'/,
    );
    assert.match(errors[1], /x-kubernetes-validations\[1\]\.rule: .*: compilation failed: ERROR: /);
  });

  it("size() of an object with declared fields, or of a number or bool, has no overload (kube-apiserver v1.36.3)", () => {
    const crd = mutated((s) => {
      s["x-kubernetes-validations"] = [
        { rule: "self.size() >= 0", message: "a" },
        { rule: "size(self.spec) > 0 && self.spec.replicas.size() > 0", message: "b" },
        // Strings, lists, maps, int-or-string and preserved objects have a size.
        {
          rule:
            "self.spec.name.size() + self.spec.ports.size() + self.spec.labels.size() + size(self.spec.extra) > 0",
          message: "c",
        },
      ];
    });
    const errors = errorsOf(crd, 36).filter((e) => e.includes("compilation failed"));
    assert.equal(errors.length, 2);
    // The Rule is JSON as json.Marshal writes it from 1.34 (`>` escaped).
    assert.match(
      errors[0],
      /^spec\.validation\.openAPIV3Schema\.x-kubernetes-validations\[0\]\.rule: Invalid value: \{"Rule":"self\.size\(\) \\u003e= 0",.*: compilation failed: ERROR: <input>:1:10: found no matching overload for 'size' applied to 'selfType\d+\.\(\)'\n \| self\.size\(\) >= 0\n \| \.{9}\^$/,
    );
    assert.match(
      errors[1],
      /compilation failed: ERROR: <input>:1:5: found no matching overload for 'size' applied to '\(selfType\d+\.spec\)'\n.*\n.*\nERROR: <input>:1:47: found no matching overload for 'size' applied to 'int\.\(\)'\n/,
    );
  });

  it("a rule selecting a field its schema does not declare is refused, as cel-go's checker words it", () => {
    const crd = mutated((s) => {
      s.properties.spec["x-kubernetes-validations"][0].rule = "self.replica > 1 && has(self.mode)";
      s["x-kubernetes-validations"] = [
        { rule: "self.metadata.name != '' && self.spec.minReplicas >= 0", message: "ok" },
        { rule: "self.metadata.namespace == 'x'", message: "ns" },
        // Maps, int-or-string and preserved objects are dyn: not checked.
        { rule: "self.spec.labels.anything == 'a' && self.spec.extra.free == 1", message: "dyn" },
      ];
    });
    const errors = errorsOf(crd).filter((e) => e.includes("compilation failed"));
    assert.equal(errors.length, 2);
    assert.match(
      errors[1],
      /^spec\.validation\.openAPIV3Schema\.x-kubernetes-validations\[1\]\.rule: Invalid value: .*: compilation failed: ERROR: <input>:1:14: undefined field 'namespace'\n \| self\.metadata\.namespace == 'x'\n \| \.{13}\^$/,
    );
    // Schema errors in walk order: properties before the root's own rules.
    assert.match(
      errors[0],
      /^spec\.validation\.openAPIV3Schema\.properties\[spec\]\.x-kubernetes-validations\[0\]\.rule: .*compilation failed: ERROR: <input>:1:5: undefined field 'replica'\n \| self\.replica > 1 && has\(self\.mode\)\n \| \.{4}\^$/,
    );
  });

  it("scale paths must be dot paths under .spec / .status, as validateSimpleJSONPath checks", () => {
    const crd = widgetCrd();
    // deno-lint-ignore no-explicit-any
    const versions = (crd.spec as any).versions;
    versions[0].subresources.scale = {
      specReplicasPath: ".status.replicas",
      statusReplicasPath: "status.replicas",
      labelSelectorPath: ".metadata.labels",
    };
    assert.deepEqual(errorsOf(crd).filter((e) => e.includes("scale")), [
      'spec.versions[0].subresources.scale.specReplicasPath: Invalid value: ".status.replicas": should be a json path under .spec',
      'spec.versions[0].subresources.scale.statusReplicasPath: Invalid value: "status.replicas": must be a simple json path starting with .',
      'spec.versions[0].subresources.scale.labelSelectorPath: Invalid value: ".metadata.labels": should be a json path under either .spec or .status',
    ]);
    versions[1].subresources = versions[0].subresources;
    versions[0].subresources.scale = { specReplicasPath: ".spec.replicas" };
    assert.deepEqual(errorsOf(crd).filter((e) => e.includes("scale")), [
      "spec.subresources.scale.statusReplicasPath: Required value",
    ]);
  });

  it("the name must be plural.group; exactly one storage version", () => {
    const crd = widgetCrd();
    crd.metadata = { name: "widget.example.com" };
    // deno-lint-ignore no-explicit-any
    (crd.spec as any).versions[1].storage = true;
    const errors = errorsOf(crd);
    assert.equal(
      errors[0],
      'metadata.name: Invalid value: "widget.example.com": must be spec.names.plural+"."+spec.group',
    );
    assert.match(
      errors[1],
      /^spec\.versions: .*must have exactly one version marked as storage version$/,
    );
  });

  it("a pattern must compile as Go's regexp (RE2) compiles it: no lookarounds", () => {
    const crd = mutated((s) => s.properties.spec.properties.name.pattern = "^a(?=b)");
    assert.deepEqual(errorsOf(crd), [
      `${ROOT}.properties[spec].properties[name].pattern: Invalid value: "^a(?=b)": must be a valid regular expression, but isn't: error parsing regexp: invalid or unsupported Perl syntax: \`(?=\``,
    ]);
  });

  it("group and plural never change; scope and kind not once established", () => {
    const old = {
      ...widgetCrd(),
      status: { conditions: [{ type: "Established", status: "True" }] },
    };
    const changed = widgetCrd();
    // deno-lint-ignore no-explicit-any
    const spec = changed.spec as any;
    spec.scope = "Cluster";
    spec.names = { ...spec.names, kind: "Gadget" };
    assert.deepEqual(
      validateDefinition(changed, 33, old).map((e) => `${e.field}: ${errorBody(e, 33)}`),
      [
        'spec.scope: Invalid value: "Cluster": field is immutable',
        'spec.names.kind: Invalid value: "Gadget": field is immutable',
      ],
    );
    assert.deepEqual(validateDefinition(changed, 33, widgetCrd()), []);
  });

  it("a version without a schema is Required", () => {
    const crd = widgetCrd();
    // deno-lint-ignore no-explicit-any
    delete (crd.spec as any).versions[1].schema;
    assert.deepEqual(errorsOf(crd), ["spec.versions[1].schema.openAPIV3Schema: Required value"]);
  });
});
