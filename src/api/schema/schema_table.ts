// The compact shape of the generated schema tables (`tables/`), shared by the generator and the readers.
//
// A table holds, per Go package of built-in types (`core.v1`, `meta.v1`, `apps.v1`), its structs as a
// JSON string parsed on first use, and per group/version the kinds it serves. A field is written as
// a type code:
//   string int32 int64 float64 bool   primitives          byte       base64 string ([]byte)
//   quantity intstr time microtime     apimachinery types  duration   metav1.Duration
//   any                                free-form (RawExtension, JSON, FieldsV1): not checked
//   [T   a list of T    {T   a map of string to T    #pkg.Name   a struct of another table entry

/** The list facts of a field: `x-kubernetes-list-type`, `-list-map-keys`, `-map-type`, patch tags. */
export interface FieldFacts {
  /** `x-kubernetes-list-type`: atomic, set or map. */
  readonly l?: "atomic" | "set" | "map";
  /** `x-kubernetes-list-map-keys`. */
  readonly k?: readonly string[];
  /** `x-kubernetes-map-type` (also used on structs): atomic or granular. */
  readonly m?: "atomic" | "granular";
  /** `x-kubernetes-patch-strategy` (`merge`, `retainKeys`, `merge,retainKeys`, `replace`). */
  readonly s?: string;
  /** `x-kubernetes-patch-merge-key`. */
  readonly p?: string;
}

/**
 * One field: its type code, its Go type when it differs from the one the code implies
 * (`v1.Protocol` for `string`; a named map as `v1.ResourceList=map[v1.ResourceName]resource.Quantity`)
 * or "", and its list facts.
 */
export type FieldEntry = readonly [code: string, go?: string, facts?: FieldFacts];

/**
 * One struct: its fields by JSON name, in the order Go's encoding/json writes them, and the names
 * the spec marks required.
 */
export interface StructEntry {
  readonly f: Readonly<Record<string, FieldEntry>>;
  /**
   * The fields encoding/json writes even when unset, with the value it writes then: `null`
   * (pointers, slices, maps, Time), `""`, `0`, `false`, `"0"` (Quantity), `"0s"` (Duration), or
   * `{}` for a struct (itself filled with its own such fields). Tags without omitempty, and
   * non-pointer structs without omitzero (omitempty never leaves a struct out).
   */
  readonly z?: Readonly<Record<string, GoZero>>;
  /**
   * The fields encoding/json leaves out when empty: omitempty on a non-pointer string, number,
   * bool, slice or map. A client's `""`, `0`, `false`, `[]`, `{}` or null there is not stored
   * (Go decodes it to the zero value, then writes nothing).
   */
  readonly e?: readonly string[];
  readonly r?: readonly string[];
  /** The struct's `x-kubernetes-map-type` (atomic: replaced as a whole by apply). */
  readonly m?: "atomic" | "granular";
}

/** What encoding/json writes for an unset field it always writes (`{}`: a struct, filled). */
export type GoZero = null | "" | 0 | false | "0" | "0s" | Record<string, never>;

/** One Go package of types: its package clause (`v1`) and its structs by Go name. */
export interface PackageTable {
  readonly go: string;
  readonly t: Readonly<Record<string, StructEntry>>;
}

/** A generated table: one Kubernetes version's built-in kinds, as the generator writes it. */
export interface SchemaTableSource {
  /** The Kubernetes release the table was derived from (`v1.33.1`). */
  readonly kubernetesVersion: string;
  /** `group/version` (`v1` for core) → JSON of kind → struct reference (`core.v1.Pod`). */
  readonly kinds: Readonly<Record<string, string>>;
  /** Package key (`core.v1`) → its `PackageTable` as JSON, parsed when first needed. */
  readonly packages: Readonly<Record<string, string>>;
}

/**
 * An older release's table, as what differs from the base table (the newest release): kinds of a
 * group/version that differ (null: not served), and per package the structs that differ (null:
 * absent in this release). Whatever is not listed is the base's.
 */
export interface SchemaTableDelta {
  /** The Kubernetes release the delta was derived from (`v1.29.15`). */
  readonly kubernetesVersion: string;
  /** `group/version` → JSON of kind → struct reference where it differs; null: not served. */
  readonly kinds: Readonly<Record<string, string | null>>;
  /** Package key → JSON of `{go, t}` with the structs that differ (a struct null: absent). */
  readonly packages: Readonly<Record<string, string | null>>;
}

const SPECIAL_GO_TYPES: Readonly<Record<string, string>> = {
  string: "string",
  int32: "int32",
  int64: "int64",
  float64: "float64",
  bool: "bool",
  byte: "[]uint8",
  quantity: "resource.Quantity",
  intstr: "intstr.IntOrString",
  time: "v1.Time",
  microtime: "v1.MicroTime",
  duration: "v1.Duration",
  any: "",
};

/**
 * The Go type a type code implies (`[#core.v1.Container` → `[]v1.Container`), given the package
 * clause of each package key; the generator stores a field's Go type only when it differs.
 */
export function impliedGoType(code: string, goPackageOf: (key: string) => string): string {
  if (code.startsWith("[")) return `[]${impliedGoType(code.slice(1), goPackageOf)}`;
  if (code.startsWith("{")) return `map[string]${impliedGoType(code.slice(1), goPackageOf)}`;
  if (code.startsWith("#")) {
    const dot = code.lastIndexOf(".");
    return `${goPackageOf(code.slice(1, dot))}.${code.slice(dot + 1)}`;
  }
  return SPECIAL_GO_TYPES[code] ?? code;
}
