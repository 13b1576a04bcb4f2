// apiextensions' JSONSchemaPropsOr{Array,Bool,StringArray}: one JSON value, two protobuf fields.

import type { BinaryReader } from "@bufbuild/protobuf/wire";
import { decodeMessage } from "./decode_message.ts";
import type { MessageDescriptor, SpecialCodec } from "./descriptor.ts";
import { encodeMessage } from "./encode_message.ts";
import { ProtobufError } from "./protobuf_error.ts";
import type { ProtoWriter } from "./proto_writer.ts";

// Field numbers: k8s.io/apiextensions-apiserver pkg/apis/apiextensions/v1/generated.proto; JSON
// forms: MarshalJSON/UnmarshalJSON in types_jsonschema.go and marshal.go beside it.

/** The three union codecs over one package's JSONSchemaProps descriptor. */
export function schemaUnionCodecs(schema: MessageDescriptor): Record<string, SpecialCodec> {
  const writeSchema = (writer: ProtoWriter, no: number, value: unknown) => {
    writer.uint(no << 3 | 2);
    const start = writer.fork();
    encodeMessage(writer, schema, value);
    writer.join(start);
  };
  const readSchema = (reader: BinaryReader) => {
    const end = reader.uint32() + reader.pos;
    return decodeMessage(reader, end, schema, {});
  };
  return {
    // {schema = 1, jSONSchemas = 2 repeated}: an object, or an array of schemas.
    JSONSchemaPropsOrArray: {
      decode(reader, end) {
        let one: unknown;
        const many: unknown[] = [];
        readUntil(reader, end, (no) => {
          if (no === 1) one = readSchema(reader);
          else if (no === 2) many.push(readSchema(reader));
          else return false;
          return true;
        });
        return one ?? many;
      },
      encode(writer, value) {
        if (Array.isArray(value)) { for (const item of value) writeSchema(writer, 2, item); }
        else if (value !== undefined && value !== null) writeSchema(writer, 1, value);
      },
    },
    // {allows = 1 bool, schema = 2}: a bool, or a schema (which allows).
    JSONSchemaPropsOrBool: {
      decode(reader, end) {
        let allows = false, inner: unknown;
        readUntil(reader, end, (no, wt) => {
          if (no === 1 && wt === 0) allows = reader.bool();
          else if (no === 2) inner = readSchema(reader);
          else return false;
          return true;
        });
        return inner ?? allows;
      },
      encode(writer, value) {
        const isSchema = typeof value === "object" && value !== null;
        writer.uint(0x08).uint(isSchema || value === true ? 1 : 0);
        if (isSchema) writeSchema(writer, 2, value);
      },
    },
    // {schema = 1, property = 2 repeated string}: a schema, or an array of property names.
    JSONSchemaPropsOrStringArray: {
      decode(reader, end) {
        let inner: unknown;
        const names: string[] = [];
        readUntil(reader, end, (no) => {
          if (no === 1) inner = readSchema(reader);
          else if (no === 2) names.push(reader.string());
          else return false;
          return true;
        });
        return inner ?? names;
      },
      encode(writer, value) {
        if (Array.isArray(value)) {
          for (const name of value) writer.uint(0x12).string(String(name));
        } else if (value !== undefined && value !== null) writeSchema(writer, 1, value);
      },
    },
  };
}

function readUntil(
  reader: BinaryReader,
  end: number,
  read: (no: number, wt: number) => boolean,
): void {
  while (reader.pos < end) {
    const tag = reader.uint32();
    const no = tag >>> 3, wt = tag & 7;
    if (no === 0) throw new ProtobufError("Malformed", "Cannot decode protobuf body: field 0");
    if (!read(no, wt)) reader.skip(wt, no);
  }
  if (reader.pos !== end) {
    throw new ProtobufError("Malformed", "Cannot decode protobuf body: field overruns its message");
  }
}
