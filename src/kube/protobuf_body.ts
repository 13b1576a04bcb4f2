// Protobuf of stored objects, encoded once per object version and shared by GETs, LISTs and watches.

import {
  encodeListEnvelope,
  encodeObjectMessage,
  encodeWatchFrame,
  kindMessage,
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
// wrap them. kube-apiserver's watch cache keeps serializations per object the same way.
const asMessage = new WeakMap<object, Uint8Array>();
const asFrames = new WeakMap<object, Map<string, Uint8Array>>();

/** Whether a resource's kind has a protobuf form (built-in kinds; never custom resources). */
export function servesProtobuf(resource: ResourceType): boolean {
  return !resource.custom && kindMessage(apiVersionOf(resource), resource.kind) !== undefined;
}

/** The message bytes of a stored object of `resource`. */
export function objectMessage(resource: ResourceType, object: KubeObject): Uint8Array {
  let bytes = asMessage.get(object);
  if (bytes === undefined) {
    bytes = encodeObjectMessage(apiVersionOf(resource), resource.kind, object);
    asMessage.set(object, bytes);
  }
  return bytes;
}

/**
 * A stored object in its `k8s\0` envelope, as GET answers it: wrapped per request (a copy of the
 * cached message), so only the message bytes and watch frames stay in memory per object.
 */
export function objectProtobuf(resource: ResourceType, object: KubeObject): Uint8Array {
  return wrapInEnvelope(apiVersionOf(resource), resource.kind, objectMessage(resource, object));
}

/** A `<Kind>List` from stored objects, never through JSON. */
export function listProtobuf(
  resource: ResourceType,
  metadata: Record<string, unknown>,
  items: readonly KubeObject[],
): Uint8Array {
  const messages = new Array<Uint8Array>(items.length);
  for (let i = 0; i < items.length; i++) messages[i] = objectMessage(resource, items[i]);
  return encodeListEnvelope(apiVersionOf(resource), `${resource.kind}List`, { metadata }, messages);
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
): Uint8Array {
  if (!stored) {
    const apiVersion = String(object.apiVersion ?? apiVersionOf(resource));
    const kind = String(object.kind ?? resource.kind);
    return encodeWatchFrame(
      type,
      wrapInEnvelope(apiVersion, kind, encodeObjectMessage(apiVersion, kind, object)),
    );
  }
  let frames = asFrames.get(object);
  if (frames === undefined) asFrames.set(object, frames = new Map());
  let frame = frames.get(type);
  if (frame === undefined) {
    frame = encodeWatchFrame(type, objectProtobuf(resource, object as KubeObject));
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
