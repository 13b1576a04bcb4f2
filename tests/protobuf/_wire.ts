// Hand-built protobuf for the tests: BinaryWriter helpers that know nothing of fkas's descriptors.

import { BinaryWriter, WireType } from "@bufbuild/protobuf/wire";

/** Builds one message body with `build`. */
export function message(build: (w: BinaryWriter) => void): Uint8Array {
  const w = new BinaryWriter();
  build(w);
  return w.finish();
}

/** Writes a string field. */
export function str(w: BinaryWriter, no: number, value: string): BinaryWriter {
  return w.tag(no, WireType.LengthDelimited).string(value);
}

/** Writes a varint field (int32, int64 or bool). */
export function varint(w: BinaryWriter, no: number, value: number | boolean): BinaryWriter {
  return typeof value === "boolean"
    ? w.tag(no, WireType.Varint).bool(value)
    : w.tag(no, WireType.Varint).int64(value);
}

/** Writes a nested message field. */
export function sub(w: BinaryWriter, no: number, build: (w: BinaryWriter) => void): BinaryWriter {
  return w.tag(no, WireType.LengthDelimited).bytes(message(build));
}

/** Writes one map entry {key = 1, value = 2} with a string or bytes value. */
export function entry(
  w: BinaryWriter,
  no: number,
  key: string,
  value: string | Uint8Array,
): BinaryWriter {
  return sub(w, no, (e) => {
    str(e, 1, key);
    if (typeof value === "string") str(e, 2, value);
    else e.tag(2, WireType.LengthDelimited).bytes(value);
  });
}

/** Writes a meta/v1 Time {seconds = 1, nanos = 2} for an RFC 3339 string. */
export function time(w: BinaryWriter, no: number, rfc3339: string, nanos = 0): BinaryWriter {
  return sub(w, no, (t) => {
    varint(t, 1, Date.parse(rfc3339) / 1000);
    if (nanos) varint(t, 2, nanos);
  });
}

/** Writes a Quantity {string = 1} as a map<string, Quantity> entry. */
export function quantityEntry(
  w: BinaryWriter,
  no: number,
  key: string,
  value: string,
): BinaryWriter {
  return sub(w, no, (e) => {
    str(e, 1, key);
    sub(e, 2, (q) => str(q, 1, value));
  });
}

/** Writes an IntOrString {type = 1, intVal = 2, strVal = 3} the way Go does (all three fields). */
export function intOrString(w: BinaryWriter, no: number, value: number | string): BinaryWriter {
  return sub(w, no, (v) => {
    varint(v, 1, typeof value === "number" ? 0 : 1);
    varint(v, 2, typeof value === "number" ? value : 0);
    str(v, 3, typeof value === "string" ? value : "");
  });
}

/** The k8s\0 magic plus runtime.Unknown {typeMeta{apiVersion = 1, kind = 2} = 1, raw = 2, 3, 4}. */
export function envelope(apiVersion: string, kind: string, raw: Uint8Array): Uint8Array {
  const w = new BinaryWriter().raw(new Uint8Array([0x6b, 0x38, 0x73, 0x00]));
  sub(w, 1, (t) => str(str(t, 1, apiVersion), 2, kind));
  w.tag(2, WireType.LengthDelimited).bytes(raw);
  str(w, 3, "");
  str(w, 4, "");
  return w.finish();
}

/** Writes the empty-valued fields Go's marshaller adds to every ObjectMeta (§7.5). */
export function goMetaDefaults(m: BinaryWriter): void {
  str(m, 2, ""); // generateName
  str(m, 4, ""); // selfLink
  str(m, 5, ""); // uid
  varint(m, 7, 0); // generation
  sub(m, 8, () => {}); // creationTimestamp: zero Time is an empty message
}

/** Bytes from a hex string with optional spaces. */
export function hex(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, "");
  return new Uint8Array(clean.match(/../g)!.map((h) => parseInt(h, 16)));
}
