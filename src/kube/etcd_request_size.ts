// The size bound etcd puts on a stored object: kube-apiserver's write fails once the etcd request
// holding the object is too large, so no client stores (and no LIST or watch carries) more per object.

import type { ResourceType } from "../resources/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import { encodeKubernetesProtobuf, ProtobufError, registryForVersion } from "../protobuf/mod.ts";
import { objectJson } from "./json_body.ts";
import { StatusError } from "./status_error.ts";

/** etcd's `--max-request-bytes` default (go.etcd.io/etcd/server/v3 embed.DefaultMaxRequestBytes). */
export const ETCD_MAX_REQUEST_BYTES = 1.5 * 1024 * 1024;
/** clientv3's `defaultMaxCallSendMsgSize`, which kube-apiserver's etcd client keeps. */
export const ETCD_CLIENT_MAX_SEND_BYTES = 2 * 1024 * 1024;
// etcd wraps the Txn in an InternalRaftRequest with a header (a 10-byte varint ID) before it
// compares with --max-request-bytes (etcdserver processInternalRaftRequestOnce).
const RAFT_REQUEST_OVERHEAD = 18;

const encoder = new TextEncoder();

/** A write refused because its etcd request is too large; the stored state is unchanged. */
export class TooLargeForEtcd extends StatusError {
  constructor(message: string) {
    // ErrorToAPIStatus of the etcd client's plain error: 500 with no reason.
    super(500, "", message);
  }
}

/**
 * The encoder for `ObjectStore` writes of client objects: the object's JSON (`objectJson`), or a
 * `TooLargeForEtcd` throw when etcd would refuse the request that stores it. `revision` is the
 * stored object's on an update (its Txn compares it and reads the key back on failure, as
 * OptimisticPut with GetOnFailure), undefined on a create.
 */
export function etcdSizedJson(
  resource: ResourceType,
  kubernetesVersion: string,
  revision?: number,
): (object: KubeObject) => string {
  return (object) => {
    const json = objectJson(object);
    // UTF-16 units never exceed UTF-8 bytes, which never exceed three per unit: most objects are
    // cleared by their length alone.
    if (json.length * 3 + 4096 <= ETCD_MAX_REQUEST_BYTES) return json;
    const value = storedValueBytes(resource, object, json, kubernetesVersion);
    const txn = txnRequestBytes(etcdKey(resource, object), value, revision);
    if (txn > ETCD_CLIENT_MAX_SEND_BYTES) {
      // grpc-go refuses to send it (prepareMsg); the status error reaches the client as text.
      throw new TooLargeForEtcd(
        `rpc error: code = ResourceExhausted desc = trying to send message larger than max (${txn} vs. ${ETCD_CLIENT_MAX_SEND_BYTES})`,
      );
    }
    if (txn + RAFT_REQUEST_OVERHEAD > ETCD_MAX_REQUEST_BYTES) {
      throw new TooLargeForEtcd("etcdserver: request is too large");
    }
    return json;
  };
}

// What kube-apiserver writes to etcd: a custom resource's JSON (with the encoder's newline), a
// built-in's protobuf envelope (its JSON where fkas has no protobuf form of the kind).
function storedValueBytes(
  resource: ResourceType,
  object: KubeObject,
  json: string,
  kubernetesVersion: string,
): number {
  if (!resource.custom) {
    try {
      return encodeKubernetesProtobuf(object, registryForVersion(kubernetesVersion)).length;
    } catch (error) {
      if (!(error instanceof ProtobufError)) throw error;
    }
  }
  return encoder.encode(json).length;
}

// The storage key: /registry/<group>/<resource> for custom resources (apiextensions' prefix),
// /registry/<resource> for most built-ins (a few kinds have their own prefixes, a few bytes apart).
function etcdKey(resource: ResourceType, object: KubeObject): string {
  const prefix = resource.custom ? `${resource.group}/${resource.name}` : resource.name;
  const { namespace, name } = object.metadata;
  return `/registry/${prefix}/${namespace ? `${namespace}/` : ""}${name}`;
}

// The marshalled etcdserverpb.TxnRequest of clientv3's kubernetes.OptimisticPut: compare
// {target MOD, key, mod_revision}, success [{request_put {key, value}}], and on an update
// failure [{request_range {key}}].
function txnRequestBytes(key: string, value: number, revision?: number): number {
  const k = encoder.encode(key).length;
  const keyField = 1 + varintBytes(k) + k;
  const compare = 2 + keyField + 1 + varintBytes(revision ?? 0);
  const put = keyField + 1 + varintBytes(value) + value;
  const success = 1 + varintBytes(put) + put;
  let total = field(compare) + field(success);
  if (revision !== undefined) total += field(field(keyField));
  return total;
}

// A length-delimited field with a one-byte tag.
function field(length: number): number {
  return 1 + varintBytes(length) + length;
}

function varintBytes(value: number): number {
  let bytes = 1;
  while (value >= 0x80) {
    value = Math.floor(value / 0x80);
    bytes++;
  }
  return bytes;
}
