// Reads Go struct declarations for the facts a .proto leaves out: pointers, JSON names, inlining.

/** One Go struct field that carries a protobuf tag. */
export interface GoField {
  /** The protobuf field number from the `protobuf:"..."` tag. */
  readonly no: number;
  /** The JSON name; empty for an embedded struct with `json:",inline"`. */
  readonly json: string;
  readonly omitempty: boolean;
  readonly inline: boolean;
  /** `*T`: Go's marshaller writes the field only when it is set. */
  readonly pointer: boolean;
  /** The Go type as written (`[]byte`, `map[string]string`, `*metav1.Time`, ...). */
  readonly goType: string;
}

/** A Go named type: a struct (its tagged fields) or something else (`[]string`, ...). */
export type GoType = { kind: "struct"; fields: readonly GoField[] } | {
  kind: "other";
  underlying: string;
};

const NAMED_FIELD = /^(\w+)\s+([^\s`]+)\s+`([^`]*)`/;
const EMBEDDED_FIELD = /^([\w.*]+)\s+`([^`]*)`/;

/** Parses every `type X struct {...}` and `type X <type>` of a package's Go files. */
export function parseGoStructs(sources: readonly string[]): ReadonlyMap<string, GoType> {
  const types = new Map<string, GoType>();
  for (const source of sources) {
    const lines = source.split("\n");
    for (let i = 0; i < lines.length; i++) {
      const open = /^type (\w+) struct \{\s*$/.exec(lines[i]);
      if (open) {
        const fields: GoField[] = [];
        let depth = 1;
        for (i++; i < lines.length && depth > 0; i++) {
          const line = lines[i].trim();
          if (line.startsWith("//")) continue;
          if (line.endsWith("{")) depth++;
          if (line.startsWith("}")) depth--;
          if (depth !== 1) continue;
          const field = parseField(line);
          if (field) fields.push(field);
        }
        i--;
        types.set(open[1], { kind: "struct", fields });
        continue;
      }
      const other = /^type (\w+) ([^\s{]+)\s*$/.exec(lines[i]);
      if (other) types.set(other[1], { kind: "other", underlying: other[2] });
    }
  }
  return types;
}

function parseField(line: string): GoField | undefined {
  let goType: string, tag: string, embedded = false;
  const named = NAMED_FIELD.exec(line);
  if (named) [goType, tag] = [named[2], named[3]];
  else {
    const plain = EMBEDDED_FIELD.exec(line);
    if (!plain) return undefined;
    [goType, tag, embedded] = [plain[1], plain[2], true];
  }
  const protobuf = /protobuf:"[a-z0-9]+,(\d+),/.exec(tag);
  if (!protobuf) return undefined;
  const json = /json:"([^"]*)"/.exec(tag)?.[1] ?? "";
  const [jsonName, ...options] = json.split(",");
  const inline = options.includes("inline") || (embedded && jsonName === "");
  return {
    no: Number(protobuf[1]),
    json: inline ? "" : jsonName || (named ? named[1] : ""),
    omitempty: options.includes("omitempty"),
    inline,
    pointer: goType.startsWith("*"),
    goType,
  };
}
