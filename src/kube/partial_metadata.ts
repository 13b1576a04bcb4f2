// PartialObjectMetadata(List): the metadata-only form controller-runtime's metadata client asks
// for (`as=PartialObjectMetadata;g=meta.k8s.io;v=v1`), in JSON or protobuf.

import {
  encodeListEnvelope,
  encodeObjectMessage,
  encodeWatchFrame,
  type MessageRegistry,
  wrapInEnvelope,
} from "../protobuf/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import type { PartialApiVersion } from "./negotiation.ts";
import { ProtobufBody } from "./protobuf_body.ts";
import { typedMetadata } from "./typed_metadata.ts";

/** The negotiated partial form: its group version and whether it goes out in protobuf. */
export interface PartialForm {
  readonly protobuf: boolean;
  readonly apiVersion: PartialApiVersion;
}

/**
 * An object as PartialObjectMetadata, as apiserver's asPartialObjectMetadata builds it (its
 * metadata only, typed with the requested group version).
 */
export function asPartial(apiVersion: string, object: { metadata?: unknown }) {
  return {
    kind: "PartialObjectMetadata",
    apiVersion,
    metadata: typedMetadata(object.metadata ?? {}),
  };
}

/** GET's body: JSON or a `k8s\0` envelope. */
export function partialObjectBody(
  form: PartialForm,
  object: KubeObject,
  registry: MessageRegistry,
): unknown {
  const partial = asPartial(form.apiVersion, object);
  if (!form.protobuf) return partial;
  const message = encodeObjectMessage(form.apiVersion, "PartialObjectMetadata", partial, registry);
  return new ProtobufBody(wrapInEnvelope(form.apiVersion, "PartialObjectMetadata", message));
}

/** LIST's body: PartialObjectMetadataList with the list's metadata, items typed one by one. */
export function partialListBody(
  form: PartialForm,
  metadata: Record<string, unknown>,
  items: readonly KubeObject[],
  registry: MessageRegistry,
): unknown {
  const { apiVersion } = form;
  if (!form.protobuf) {
    return {
      kind: "PartialObjectMetadataList",
      apiVersion,
      metadata,
      items: items.map((item) => asPartial(apiVersion, item)),
    };
  }
  const messages = items.map((item) =>
    encodeObjectMessage(apiVersion, "PartialObjectMetadata", asPartial(apiVersion, item), registry)
  );
  return new ProtobufBody(
    encodeListEnvelope(apiVersion, "PartialObjectMetadataList", { metadata }, messages, registry),
  );
}

/** One protobuf watch frame of a partial watch: objects and bookmarks alike become partial. */
export function partialWatchFrame(
  form: PartialForm,
  type: string,
  object: Record<string, unknown>,
  registry: MessageRegistry,
): Uint8Array {
  const partial = asPartial(form.apiVersion, object);
  const message = encodeObjectMessage(form.apiVersion, "PartialObjectMetadata", partial, registry);
  return encodeWatchFrame(type, wrapInEnvelope(form.apiVersion, "PartialObjectMetadata", message));
}
