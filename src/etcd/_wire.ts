// Protobuf helpers shared by the etcd messages: a field loop, ResponseHeader, Member and KeyValue.
import { BinaryReader, BinaryWriter, WireType } from "@bufbuild/protobuf/wire";
import { EtcdError, GrpcCode } from "./etcd_error.ts";

/** etcdserverpb.ResponseHeader: who answered, at which revision and raft term. */
export interface ResponseHeader {
  clusterId: bigint;
  memberId: bigint;
  revision: number;
  raftTerm: number;
}

/** etcdserverpb.Member's fields. */
export interface MemberFields {
  readonly id: bigint;
  readonly name: string;
  readonly peerURLs: readonly string[];
  readonly clientURLs: readonly string[];
  readonly isLearner: boolean;
}

/** mvccpb.KeyValue's fields (lease is never set by the fake). */
export interface KeyValueFields {
  readonly key: Uint8Array;
  readonly value: Uint8Array;
  readonly createRevision: number;
  readonly modRevision: number;
  readonly version: number;
}

/** Reads every field of `bytes`; `read` consumes the fields it knows and returns false for others (skipped). */
export function readFields(
  bytes: Uint8Array,
  read: (fieldNo: number, reader: BinaryReader, wireType: WireType) => boolean,
): void {
  const reader = new BinaryReader(bytes);
  try {
    while (reader.pos < reader.len) {
      const [fieldNo, wireType] = reader.tag();
      if (!read(fieldNo, reader, wireType)) reader.skip(wireType, fieldNo);
    }
  } catch (cause) {
    // grpc-go answers undecodable requests with Internal and this wording.
    const message = `grpc: error unmarshalling request: ${(cause as Error).message}`;
    throw new EtcdError(GrpcCode.Internal, message, { cause });
  }
}

/** Reads a uint64 field as a bigint. */
export const readUint64 = (reader: BinaryReader): bigint => BigInt(reader.uint64());

/** Reads an int64 field as a number (etcd's revisions and sizes stay far below 2^53). */
export const readInt64 = (reader: BinaryReader): number => Number(reader.int64());

/** Writes a uint64 field unless it is zero (proto3 leaves zero values out). */
export function writeUint64(w: BinaryWriter, fieldNo: number, value: bigint | number): void {
  if (value !== 0n && value !== 0) w.tag(fieldNo, WireType.Varint).uint64(value);
}

/** Writes an int64 field unless it is zero. */
export function writeInt64(w: BinaryWriter, fieldNo: number, value: number): void {
  if (value !== 0) w.tag(fieldNo, WireType.Varint).int64(value);
}

/** Writes a bool field unless it is false. */
export function writeBool(w: BinaryWriter, fieldNo: number, value: boolean): void {
  if (value) w.tag(fieldNo, WireType.Varint).bool(true);
}

/** Writes a string field unless it is empty. */
export function writeString(w: BinaryWriter, fieldNo: number, value: string): void {
  if (value !== "") w.tag(fieldNo, WireType.LengthDelimited).string(value);
}

/** Writes each string of a repeated string field. */
export function writeStrings(w: BinaryWriter, fieldNo: number, values: readonly string[]): void {
  for (const value of values) w.tag(fieldNo, WireType.LengthDelimited).string(value);
}

/** Writes a ResponseHeader as field `fieldNo` (always present, as etcd always sets it). */
export function writeHeader(w: BinaryWriter, fieldNo: number, header: ResponseHeader): void {
  w.tag(fieldNo, WireType.LengthDelimited).fork();
  writeUint64(w, 1, header.clusterId);
  writeUint64(w, 2, header.memberId);
  writeInt64(w, 3, header.revision);
  writeUint64(w, 4, header.raftTerm);
  w.join();
}

/** Writes one Member as field `fieldNo`. */
export function writeMember(w: BinaryWriter, fieldNo: number, m: MemberFields): void {
  w.tag(fieldNo, WireType.LengthDelimited).fork();
  writeUint64(w, 1, m.id);
  writeString(w, 2, m.name);
  writeStrings(w, 3, m.peerURLs);
  writeStrings(w, 4, m.clientURLs);
  writeBool(w, 5, m.isLearner);
  w.join();
}

/** Writes one mvccpb.KeyValue as field `fieldNo`; `keysOnly` leaves the value out. */
export function writeKeyValue(
  w: BinaryWriter,
  fieldNo: number,
  kv: KeyValueFields,
  keysOnly = false,
): void {
  w.tag(fieldNo, WireType.LengthDelimited).fork();
  if (kv.key.length > 0) w.tag(1, WireType.LengthDelimited).bytes(kv.key);
  writeInt64(w, 2, kv.createRevision);
  writeInt64(w, 3, kv.modRevision);
  writeInt64(w, 4, kv.version);
  if (!keysOnly && kv.value.length > 0) w.tag(5, WireType.LengthDelimited).bytes(kv.value);
  w.join();
}

/** Starts a message writer. */
export const newWriter = (): BinaryWriter => new BinaryWriter();
