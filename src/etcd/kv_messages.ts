// etcdserverpb KV service messages (rpc.proto): Range and Put, enough for `etcdctl get/put/endpoint health`.
import {
  type KeyValueFields,
  newWriter,
  readFields,
  readInt64,
  type ResponseHeader,
  writeBool,
  writeHeader,
  writeInt64,
  writeKeyValue,
} from "./_wire.ts";

const EMPTY: Uint8Array = new Uint8Array(0);

/** RangeRequest{key = 1, range_end = 2, limit = 3, serializable = 7, keys_only = 8, count_only = 9}; other options are ignored. */
export function decodeRangeRequest(bytes: Uint8Array) {
  const request = {
    key: EMPTY,
    rangeEnd: EMPTY,
    limit: 0,
    serializable: false,
    keysOnly: false,
    countOnly: false,
  };
  readFields(bytes, (no, r) => {
    if (no === 1) request.key = r.bytes();
    else if (no === 2) request.rangeEnd = r.bytes();
    else if (no === 3) request.limit = readInt64(r);
    else if (no === 7) request.serializable = r.bool();
    else if (no === 8) request.keysOnly = r.bool();
    else if (no === 9) request.countOnly = r.bool();
    else return false;
    return true;
  });
  return request;
}

/** RangeResponse{header = 1, kvs = 2, more = 3, count = 4}. */
export function encodeRangeResponse(
  header: ResponseHeader,
  result: { kvs: readonly KeyValueFields[]; more: boolean; count: number },
  o: { keysOnly?: boolean; countOnly?: boolean } = {},
): Uint8Array {
  const w = newWriter();
  writeHeader(w, 1, header);
  if (!o.countOnly) { for (const kv of result.kvs) writeKeyValue(w, 2, kv, o.keysOnly); }
  writeBool(w, 3, result.more);
  writeInt64(w, 4, result.count);
  return w.finish();
}

/** PutRequest{key = 1, value = 2, prev_kv = 4}; leases are not supported. */
export function decodePutRequest(bytes: Uint8Array) {
  const request = { key: EMPTY, value: EMPTY, prevKv: false };
  readFields(bytes, (no, r) => {
    if (no === 1) request.key = r.bytes();
    else if (no === 2) request.value = r.bytes();
    else if (no === 4) request.prevKv = r.bool();
    else return false;
    return true;
  });
  return request;
}

/** PutResponse{header = 1, prev_kv = 2}. */
export function encodePutResponse(header: ResponseHeader, prevKv?: KeyValueFields): Uint8Array {
  const w = newWriter();
  writeHeader(w, 1, header);
  if (prevKv) writeKeyValue(w, 2, prevKv);
  return w.finish();
}
