// The descriptor generator's readers: the proto2 subset of generated.proto and Go struct tags.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { generatedTables, minorRanges, packageId } from "../../scripts/protobuf/_emit.ts";
import { parseGoStructs } from "../../scripts/protobuf/_go_structs.ts";
import { parseProto } from "../../scripts/protobuf/_proto_parser.ts";

const PROTO = `
// Comment
syntax = "proto2";
package k8s.io.api.example.v1;
import "k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto";
option go_package = "k8s.io/api/example/v1";

/* block */
message Widget {
  // metadata comment
  optional k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1;
  optional WidgetSpec spec = 2;
}

message WidgetSpec {
  optional string name = 1;
  optional int32 replicas = 2;
  repeated string tags = 3;
  map<string, string> labels = 4;
  optional bytes data = 5;
  optional WidgetSource source = 6;
  optional double ratio = 7;
}

message WidgetSource {
  optional string path = 1;
}

message Names {
  // +protobuf.nullable=true
  repeated string items = 1;
}
`;

const GO = `
package v1

const GroupName = "example.k8s.io"

type Widget struct {
	metav1.TypeMeta \`json:",inline"\`
	metav1.ObjectMeta \`json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"\`
	Spec WidgetSpec \`json:"spec,omitempty" protobuf:"bytes,2,opt,name=spec"\`
}

type WidgetSpec struct {
	// Name has no omitempty.
	Name string \`json:"name" protobuf:"bytes,1,opt,name=name"\`
	Replicas *int32 \`json:"replicas,omitempty" protobuf:"varint,2,opt,name=replicas"\`
	Tags []string \`json:"tags,omitempty" protobuf:"bytes,3,rep,name=tags"\`
	Labels map[string]string \`json:"labels,omitempty" protobuf:"bytes,4,rep,name=labels"\`
	Data []byte \`json:"data,omitempty" protobuf:"bytes,5,opt,name=data"\`
	WidgetSource \`json:",inline" protobuf:"bytes,6,opt,name=source"\`
	Ratio *float64 \`json:"ratio,omitempty" protobuf:"bytes,7,opt,name=ratio"\`
}

type WidgetSource struct {
	Path string \`json:"path,omitempty" protobuf:"bytes,1,opt,name=path"\`
}

type Names []string

func addKnownTypes(scheme *runtime.Scheme) error {
	scheme.AddKnownTypes(SchemeGroupVersion, &Widget{}, &WidgetList{})
	return nil
}
`;

describe("generate_descriptors", () => {
  it("parses messages, qualifies their types and refuses what it does not know", () => {
    const proto = parseProto(PROTO);
    assert.equal(proto.package, "k8s.io.api.example.v1");
    assert.deepEqual(proto.messages.get("Widget"), [
      {
        no: 1,
        name: "metadata",
        type: "k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta",
        label: "optional",
      },
      { no: 2, name: "spec", type: "k8s.io.api.example.v1.WidgetSpec", label: "optional" },
    ]);
    assert.equal(proto.messages.get("WidgetSpec")![3].label, "map");
    assert.throws(() => parseProto("package a;\nmessage A {\n  oneof x {\n}\n}"), /Cannot parse/);
  });

  it("reads pointers, JSON names, omitempty and inlining from Go struct tags", () => {
    const structs = parseGoStructs([GO]);
    const spec = structs.get("WidgetSpec");
    assert.equal(spec?.kind, "struct");
    if (spec?.kind !== "struct") return;
    const byNo = new Map(spec.fields.map((f) => [f.no, f]));
    assert.deepEqual(
      [byNo.get(1)!.json, byNo.get(1)!.omitempty, byNo.get(2)!.pointer, byNo.get(6)!.inline],
      ["name", false, true, true],
    );
    assert.deepEqual(structs.get("Names"), { kind: "other", underlying: "[]string" });
  });

  it("emits one spec string per message, ascending by field number, and the kinds", () => {
    const files = generatedTables(
      new Map([[33, [{
        module: "k8s.io/api",
        version: "v0.0.0",
        dir: "example/v1",
        proto: parseProto(PROTO),
        structs: parseGoStructs([GO]),
        register: GO,
      }]]]),
    );
    const text = files.get("example_v1.ts")!;
    assert.match(text, /apiVersion: "example.k8s.io\/v1"/);
    assert.match(text, /kinds: \["Widget"\]/);
    assert.match(text, /Widget: "1 metadata meta.v1:ObjectMeta,2 spec WidgetSpec"/);
    assert.match(
      text,
      /WidgetSpec:\s*"1 name string!,2 replicas int32\*,3 tags string\[\],4 labels string\{\},5 data bytes\*,6 \.\.\. WidgetSource,7 ratio double\*"/,
    );
    assert.match(text, /Names: "@array,1 items string\[\]"/);
    assert.match(files.get("packages.ts")!, /33: "k8s.io\/api@v0.0.0"/);
  });

  it("writes what every minor agrees on once and keys what changed by minor ranges", () => {
    const source = (version: string, proto: string) => ({
      module: "k8s.io/api",
      version,
      dir: "example/v1",
      proto: parseProto(proto),
      structs: parseGoStructs([GO]),
      register: GO,
    });
    const newer = PROTO.replace(
      "optional double ratio = 7;",
      "optional double ratio = 7;\n  optional string extra = 8;",
    );
    const files = generatedTables(
      new Map([
        [29, [source("v0.29.0", PROTO)]],
        [30, [source("v0.30.0", PROTO)]],
        [31, [source("v0.31.0", newer)]],
      ]),
    );
    const text = files.get("example_v1.ts")!;
    assert.match(text, /minors: "29-31"/);
    assert.match(text, /Widget: "1 metadata meta.v1:ObjectMeta,2 spec WidgetSpec"/);
    assert.match(
      text,
      /WidgetSpec: \{\s*"29-30":\s*"1 name[^"]*7 ratio double\*",\s*"31":\s*"1 name[^"]*8 extra string"/,
    );
    assert.match(
      files.get("packages.ts")!,
      /29: "k8s.io\/api@v0.29.0",\s*30: .*\s*31: "k8s.io\/api@v0.31.0"/,
    );
  });

  it("writes minor ranges compactly", () => {
    assert.equal(minorRanges([29, 30, 31, 33, 35, 36]), "29-31,33,35-36");
  });

  it("names packages by their short id", () => {
    assert.equal(packageId("k8s.io.api.core.v1"), "core.v1");
    assert.equal(packageId("k8s.io.apimachinery.pkg.apis.meta.v1"), "meta.v1");
    assert.equal(packageId("k8s.io.apimachinery.pkg.api.resource"), "resource");
    assert.equal(
      packageId("k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1"),
      "apiextensions.v1",
    );
  });
});
