// Protobuf of stored objects, encoded once per object version and shared by GETs, LISTs and watches.

import {
  encodeListEnvelope,
  encodeObjectMessage,
  encodeWatchFrame,
  type MessageRegistry,
  wrapInEnvelope,
} from "../protobuf/mod.ts";
import type { ResourceType } from "../resources/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import { UNCACHEABLE } from "./json_text.ts";
import { PROTOBUF_MEDIA_TYPE } from "./negotiation.ts";
import { apiVersionOf } from "./object_view.ts";

/** A protobuf body ready to send. */
export class ProtobufBody {
  constructor(readonly bytes: Uint8Array) {}
}

// As json_body.ts: the store never mutates an object it handed out, so an object's identity
// stands for its content. The message bytes (no envelope) are what a list item is; GET and watch
// wrap them. kube-apiserver's watch cache keeps serializations per object the same way. The
// caches are per Kubernetes minor: the same object reads differently to a 1.29 and a 1.36 client.
interface Caches {
  readonly messages: WeakMap<object, Uint8Array>;
  readonly frames: WeakMap<object, Map<string, Uint8Array>>;
}
const caches = new Map<number, Caches>();

function cachesOf(registry: MessageRegistry): Caches {
  let found = caches.get(registry.minor);
  if (!found) {
    caches.set(registry.minor, found = { messages: new WeakMap(), frames: new WeakMap() });
  }
  return found;
}

/** Whether a resource's kind has a protobuf form (built-in kinds; never custom resources). */
export function servesProtobuf(resource: ResourceType, registry: MessageRegistry): boolean {
  return !resource.custom &&
    registry.kindMessage(apiVersionOf(resource), resource.kind) !== undefined;
}

/** The message bytes of a stored object of `resource`. */
export function objectMessage(
  resource: ResourceType,
  object: KubeObject,
  registry: MessageRegistry,
): Uint8Array {
  const { messages } = cachesOf(registry);
  let bytes = messages.get(object);
  if (bytes === undefined) {
    bytes = encodeObjectMessage(apiVersionOf(resource), resource.kind, object, registry);
    messages.set(object, bytes);
  }
  return bytes;
}

/**
 * A stored object in its `k8s\0` envelope, as GET answers it: wrapped per request (a copy of the
 * cached message), so only the message bytes and watch frames stay in memory per object.
 */
export function objectProtobuf(
  resource: ResourceType,
  object: KubeObject,
  registry: MessageRegistry,
): Uint8Array {
  return wrapInEnvelope(
    apiVersionOf(resource),
    resource.kind,
    objectMessage(resource, object, registry),
  );
}

/** A `<Kind>List` from stored objects, never through JSON. */
export function listProtobuf(
  resource: ResourceType,
  metadata: Record<string, unknown>,
  items: readonly KubeObject[],
  registry: MessageRegistry,
): Uint8Array {
  const messages = new Array<Uint8Array>(items.length);
  for (let i = 0; i < items.length; i++) messages[i] = objectMessage(resource, items[i], registry);
  return encodeListEnvelope(
    apiVersionOf(resource),
    `${resource.kind}List`,
    { metadata },
    messages,
    registry,
  );
}

/**
 * One watch frame. A stored object's frame is kept per event type and shared by every watcher;
 * other objects (bookmarks, Status errors) are encoded as they come, by their own apiVersion/kind.
 */
export function watchFrame(
  resource: ResourceType,
  type: string,
  object: KubeObject | Record<string, unknown>,
  stored: boolean,
  registry: MessageRegistry,
): Uint8Array {
  if (!stored) {
    const apiVersion = String(object.apiVersion ?? apiVersionOf(resource));
    const kind = String(object.kind ?? resource.kind);
    return encodeWatchFrame(
      type,
      wrapInEnvelope(apiVersion, kind, encodeObjectMessage(apiVersion, kind, object, registry)),
    );
  }
  const cache = cachesOf(registry).frames;
  let frames = cache.get(object);
  if (frames === undefined) cache.set(object, frames = new Map());
  let frame = frames.get(type);
  if (frame === undefined) {
    frame = encodeWatchFrame(type, objectProtobuf(resource, object as KubeObject, registry));
    frames.set(type, frame);
  }
  return frame;
}

/** A protobuf response. */
export function protobufBodyResponse(body: ProtobufBody, status = 200): Response {
  return new Response(body.bytes as Uint8Array<ArrayBuffer>, {
    status,
    headers: { ...UNCACHEABLE, "content-type": PROTOBUF_MEDIA_TYPE },
  });
}
