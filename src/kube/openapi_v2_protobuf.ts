// Swagger 2.0 JSON → gnostic `openapi.v2.Document` protobuf, the form client-go's OpenAPISchema() parses.
// Field numbers are those of gnostic-models openapiv2/OpenAPIv2.proto; only what fkas emits is coded.

import { BinaryWriter } from "@bufbuild/protobuf/wire";

type Json = Record<string, unknown>;

const LENGTH = 2;
const VARINT = 0;

/** Encodes a swagger object built by openapi.ts (info, paths, definitions) as protobuf bytes. */
export function encodeOpenApiV2(swagger: Json): Uint8Array {
  const w = new BinaryWriter();
  str(w, 1, swagger.swagger);
  message(w, 2, swagger.info as Json | undefined, (info) => {
    str(w, 1, info.title);
    str(w, 2, info.version);
  });
  message(w, 8, swagger.paths as Json | undefined, (paths) => {
    for (const [name, item] of Object.entries(paths)) {
      message(w, 2, item as Json, (pathItem) => {
        str(w, 1, name);
        message(w, 2, pathItem, () => writePathItem(w, pathItem));
      });
    }
  });
  message(w, 9, swagger.definitions as Json | undefined, (definitions) => {
    for (const [name, schema] of Object.entries(definitions)) {
      namedSchema(w, 1, name, schema as Json);
    }
  });
  return w.finish();
}

const METHODS: Record<string, number> = {
  get: 2,
  put: 3,
  post: 4,
  delete: 5,
  options: 6,
  head: 7,
  patch: 8,
};

function writePathItem(w: BinaryWriter, item: Json) {
  for (const [method, no] of Object.entries(METHODS)) {
    message(w, no, item[method] as Json | undefined, (op) => writeOperation(w, op));
  }
  for (const parameter of (item.parameters ?? []) as Json[]) {
    message(w, 9, parameter, () => writeParametersItem(w, parameter));
  }
}

function writeOperation(w: BinaryWriter, op: Json) {
  strings(w, 1, op.tags);
  str(w, 3, op.description);
  str(w, 5, op.operationId);
  strings(w, 6, op.produces);
  strings(w, 7, op.consumes);
  for (const parameter of (op.parameters ?? []) as Json[]) {
    message(w, 8, parameter, () => writeParametersItem(w, parameter));
  }
  message(w, 9, op.responses as Json | undefined, (responses) => {
    for (const [code, response] of Object.entries(responses)) {
      // NamedResponseValue{name, ResponseValue{response: Response{description, SchemaItem{schema}}}}
      message(w, 1, response as Json, (r) => {
        str(w, 1, code);
        message(w, 2, r, () =>
          message(w, 1, r, () => {
            str(w, 1, r.description);
            message(w, 2, r.schema as Json | undefined, (s) =>
              message(w, 1, s, () =>
                writeSchema(w, s)));
          }));
      });
    }
  });
  strings(w, 10, op.schemes);
  vendorExtensions(w, 13, op);
}

// ParametersItem{parameter: Parameter{body_parameter | non_body_parameter{query | path}}}.
function writeParametersItem(w: BinaryWriter, p: Json) {
  message(w, 1, p, () => {
    if (p.in === "body") {
      message(w, 1, p, () => {
        str(w, 1, p.description);
        str(w, 2, p.name);
        str(w, 3, p.in);
        bool(w, 4, p.required);
        message(w, 5, p.schema as Json | undefined, (s) => writeSchema(w, s));
      });
      return;
    }
    message(w, 2, p, () => {
      // QueryParameterSubSchema = 3, PathParameterSubSchema = 4; both start required, in, description, name.
      message(w, p.in === "path" ? 4 : 3, p, () => {
        bool(w, 1, p.required);
        str(w, 2, p.in);
        str(w, 3, p.description);
        str(w, 4, p.name);
        if (p.in === "path") {
          str(w, 5, p.type);
          bool(w, 19, p.uniqueItems);
        } else {
          str(w, 6, p.type);
          bool(w, 20, p.uniqueItems);
        }
      });
    });
  });
}

function writeSchema(w: BinaryWriter, s: Json) {
  str(w, 1, s.$ref);
  str(w, 2, s.format);
  str(w, 4, s.description);
  if (s.default !== undefined) message(w, 5, s, () => str(w, 2, JSON.stringify(s.default)));
  strings(w, 19, s.required);
  const additional = s.additionalProperties;
  if (typeof additional === "boolean") message(w, 21, s, () => bool(w, 2, additional, true));
  else {message(w, 21, additional as Json | undefined, (a) =>
      message(w, 1, a, () =>
        writeSchema(w, a)));}
  if (typeof s.type === "string") message(w, 22, s, () => strings(w, 1, [s.type]));
  message(
    w,
    23,
    s.items as Json | undefined,
    (items) => message(w, 1, items, () => writeSchema(w, items)),
  );
  message(w, 25, s.properties as Json | undefined, (properties) => {
    for (const [name, schema] of Object.entries(properties)) {
      namedSchema(w, 1, name, schema as Json);
    }
  });
  vendorExtensions(w, 31, s);
}

function namedSchema(w: BinaryWriter, no: number, name: string, schema: Json) {
  message(w, no, schema, () => {
    str(w, 1, name);
    message(w, 2, schema, () => writeSchema(w, schema));
  });
}

// NamedAny{name, Any{yaml}}: kube-openapi reads vendor extensions back with a YAML parser, and
// JSON is YAML, so the value is written as JSON text.
function vendorExtensions(w: BinaryWriter, no: number, object: Json) {
  for (const [name, value] of Object.entries(object)) {
    if (!name.startsWith("x-")) continue;
    message(w, no, object, () => {
      str(w, 1, name);
      message(w, 2, object, () => str(w, 2, JSON.stringify(value) + "\n"));
    });
  }
}

function message<T>(w: BinaryWriter, no: number, value: T | undefined, body: (value: T) => void) {
  if (value === undefined || value === null) return;
  w.tag(no, LENGTH).fork();
  body(value);
  w.join();
}

function str(w: BinaryWriter, no: number, value: unknown) {
  if (typeof value === "string" && value !== "") w.tag(no, LENGTH).string(value);
}

function strings(w: BinaryWriter, no: number, values: unknown) {
  if (Array.isArray(values)) {
    for (const value of values) {
      w.tag(no, LENGTH).string(String(value));
    }
  }
}

function bool(w: BinaryWriter, no: number, value: unknown, keepFalse = false) {
  if (value === true || (keepFalse && value === false)) w.tag(no, VARINT).bool(value as boolean);
}
