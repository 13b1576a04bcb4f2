// A parser for the proto2 subset of Kubernetes' generated.proto files: packages, flat messages and
// their optional, repeated and map<string, T> fields.

/** One field as the .proto declares it. */
export interface ProtoField {
  readonly no: number;
  readonly name: string;
  /** A scalar (`string`, `int64`, ...) or a message name, qualified with its package. */
  readonly type: string;
  readonly label: "optional" | "repeated" | "map";
}

/** A parsed generated.proto. */
export interface ProtoFile {
  readonly package: string;
  readonly messages: ReadonlyMap<string, readonly ProtoField[]>;
}

const SCALARS = new Set(["string", "bool", "int32", "int64", "bytes", "double"]);
const FIELD = /^(optional|repeated)\s+([\w.]+)\s+(\w+)\s*=\s*(\d+)\s*;$/;
const MAP_FIELD = /^map<\s*string\s*,\s*([\w.]+)\s*>\s+(\w+)\s*=\s*(\d+)\s*;$/;

/** Parses the text of a generated.proto; throws on any construct outside the subset. */
export function parseProto(text: string): ProtoFile {
  const lines = text.replace(/\/\*[^]*?\*\//g, "").split("\n")
    .map((line) => line.replace(/\/\/.*$/, "").trim())
    .filter((line) => line !== "");
  let pkg = "";
  const messages = new Map<string, ProtoField[]>();
  let current: ProtoField[] | undefined;
  for (const line of lines) {
    let m: RegExpExecArray | null;
    if ((m = /^package\s+([\w.]+);$/.exec(line))) pkg = m[1];
    else if (/^(syntax|import|option)\b/.test(line)) continue;
    else if ((m = /^message\s+(\w+)\s*\{$/.exec(line))) {
      if (current) throw new Error(`Cannot parse proto: nested message ${m[1]}`);
      messages.set(m[1], current = []);
    } else if (line === "}") {
      if (!current) throw new Error("Cannot parse proto: unbalanced }");
      current = undefined;
    } else if (current && (m = FIELD.exec(line))) {
      current.push({
        no: Number(m[4]),
        name: m[3],
        type: qualify(m[2], pkg),
        label: m[1] as "optional" | "repeated",
      });
    } else if (current && (m = MAP_FIELD.exec(line))) {
      current.push({ no: Number(m[3]), name: m[2], type: qualify(m[1], pkg), label: "map" });
    } else throw new Error(`Cannot parse proto line in ${pkg}: ${line}`);
  }
  return { package: pkg, messages };
}

function qualify(type: string, pkg: string): string {
  if (SCALARS.has(type) || type.includes(".")) return type.replace(/^\./, "");
  return `${pkg}.${type}`;
}
