// managedFields of objects fkas seeds itself: FieldsV1 computed once per shape, frozen and shared.
//
// A seeded object (kubeadm's ConfigMaps, CoreDNS, a Node) has the same field set in every cluster
// of a release, so its FieldsV1 are built on first use and shared by all clusters; the entries
// (which carry the write's time) are shared by every object of that shape written in one second.

import { deepFreeze } from "../../encoding/mod.ts";
import { managedFieldsAfterUpdate } from "./field_manager.ts";
import { fieldsV1Object } from "./fields_v1.ts";
import { type ManagedFieldsEntry, managedFieldsTime } from "./managed_fields.ts";
import { ownManagedFields } from "./managed_fields_json.ts";
import type { FieldSet } from "./field_set.ts";
import type { Json } from "./path_element.ts";
import { toFieldSet } from "./to_field_set.ts";
import type { TypeRef } from "./types.ts";

/** One component's write of a seeded object: who, through which subresource, which part. */
export interface SeedWriter {
  /** The manager as that component's User-Agent names it (`kubeadm`, `kubelet`). */
  readonly manager: string;
  /**
   * `Apply` for a server-side apply (it owns what its part holds, which then has no metadata);
   * an Update (a create or update) otherwise.
   */
  readonly operation?: "Apply";
  /** `status` for a write through the status subresource. */
  readonly subresource?: "status";
  /** The part of the stored object this writer sent (called once per shape). */
  // deno-lint-ignore no-explicit-any
  readonly part: (object: any) => Json;
  /** The reset fields of the endpoint written (`status` on a main resource with one). */
  readonly ignored?: FieldSet;
}

/** What `seededManagedFields` needs to know of the object's kind (its type: looked up lazily). */
export interface SeedKind {
  readonly apiVersion: string;
  readonly type: () => TypeRef;
  /** The kind's zero object (`goZeroObject`), which each writer's part is compared against. */
  readonly zero: () => Json;
}

// Bounded: a few dozen shapes per release; past the bound, shapes are computed and not kept.
const MAX_SHAPES = 4_096;
const fieldsByShape = new Map<string, readonly (Json | undefined)[]>();
// Entries per shape and second; cleared when full (seeding moves forward in time).
const MAX_ENTRY_SETS = 4_096;
const entriesByShapeTime = new Map<string, readonly ManagedFieldsEntry[]>();

/**
 * The frozen managedFields of a seeded object whose field set `shape` names (same shape, same
 * FieldsV1: the caller puts in the key whatever varies, such as the release and label keys).
 * `object` may be a function making it: it is called only for a shape not seen before.
 */
export function seededManagedFields(
  shape: string,
  object: Json | (() => Json),
  kind: SeedKind,
  writers: readonly SeedWriter[],
  now: number,
): readonly ManagedFieldsEntry[] {
  const time = managedFieldsTime(now);
  const key = `${shape}\u0000${time}`;
  const cached = entriesByShapeTime.get(key);
  if (cached) return cached;
  let fields = fieldsByShape.get(shape);
  // The kind's schema is looked up only for a shape not seen before.
  if (!fields) {
    const type = kind.type();
    const made = typeof object === "function" ? object() : object;
    fields = Object.freeze(writers.map((writer) => fieldsOf(made, type, kind, writer, now)));
    if (fieldsByShape.size < MAX_SHAPES) fieldsByShape.set(shape, fields);
  }
  const entries: ManagedFieldsEntry[] = [];
  writers.forEach((writer, index) => {
    const fieldsV1 = fields[index];
    if (fieldsV1 === undefined) return;
    // The order kube-apiserver encodes an entry's keys in.
    const entry: ManagedFieldsEntry = {
      manager: writer.manager,
      operation: writer.operation ?? "Update",
      apiVersion: kind.apiVersion,
      time,
      fieldsType: "FieldsV1",
      fieldsV1,
    };
    if (writer.subresource) entry.subresource = writer.subresource;
    entries.push(Object.freeze(entry));
  });
  // kube-apiserver sorts the entries it encodes: operation, time, manager, apiVersion, subresource.
  entries.sort((p, q) =>
    order(p.operation, q.operation) || order(p.manager, q.manager) ||
    order(p.subresource ?? "", q.subresource ?? "")
  );
  const frozen = Object.freeze(entries);
  ownManagedFields(frozen);
  if (entriesByShapeTime.size >= MAX_ENTRY_SETS) entriesByShapeTime.clear();
  entriesByShapeTime.set(key, frozen);
  return frozen;
}

// One writer's FieldsV1 as a create of its part would record them (undefined: it owns nothing).
function fieldsOf(
  object: Json,
  type: TypeRef,
  kind: SeedKind,
  writer: SeedWriter,
  now: number,
): Json | undefined {
  const part = writer.part(object);
  if (writer.operation === "Apply") {
    const applied = toFieldSet(type, part);
    return applied.empty() ? undefined : deepFreeze(fieldsV1Object(applied));
  }
  const [entry] = managedFieldsAfterUpdate(kind.zero(), part, {
    type,
    apiVersion: kind.apiVersion,
    manager: writer.manager,
    subresource: writer.subresource,
    now,
    ignored: writer.ignored,
  });
  return entry?.fieldsV1 === undefined ? undefined : deepFreeze(entry.fieldsV1);
}

function order(a: string | undefined, b: string | undefined): number {
  return (a ?? "") < (b ?? "") ? -1 : (a ?? "") > (b ?? "") ? 1 : 0;
}
