// GET of one object and LIST of a collection (selectors, pagination): JSON, protobuf or a Table.

import { registryForVersion } from "../protobuf/mod.ts";
import type { ResourceType } from "../resources/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import { decodeContinue, encodeContinue, expiredContinue } from "./continue_token.ts";
import type { ServedCluster } from "./kube_env.ts";
import type { ListOptions } from "./list_options.ts";
import type { ResponseForm } from "./negotiation.ts";
import { JsonText } from "./json_text.ts";
import { listAnswerJson, objectJson } from "./json_body.ts";
import { apiVersionOf, forResponse, readView } from "./object_view.ts";
import type { ResourceTarget } from "./resource_path.ts";
import { StatusError } from "./status_error.ts";
import { renderTable } from "./table.ts";
import { listProtobuf, objectProtobuf, ProtobufBody } from "./protobuf_body.ts";
import { partialListBody, partialObjectBody } from "./partial_metadata.ts";

/** The body for GET of a named object. */
export function getObject(
  cluster: ServedCluster,
  target: ResourceTarget & { name: string },
  form: ResponseForm,
  now: Date,
): unknown {
  const stored = cluster.store.get(target.resource, target.namespace, target.name);
  if (!stored) throw StatusError.notFound(target.resource, target.name);
  const object = readView(target.resource, stored);
  if (form.kind === "table") {
    return renderTable(target.resource, [object], {
      now,
      includeObject: form.includeObject,
      resourceVersion: object.metadata.resourceVersion ?? "",
    });
  }
  if (form.kind === "protobuf") {
    const registry = registryForVersion(cluster.kubernetesVersion);
    return new ProtobufBody(objectProtobuf(target.resource, object, registry));
  }
  if (form.kind === "partial") {
    return partialObjectBody(form, object, registryForVersion(cluster.kubernetesVersion));
  }
  const body = forResponse(target.resource, object);
  return body === object ? new JsonText(objectJson(object), true) : body;
}

/** The objects a LIST selects (namespace, selectors), in storage-key order. */
export function selectObjects(
  cluster: ServedCluster,
  target: ResourceTarget,
  options: Pick<ListOptions, "labelSelector" | "fieldSelector">,
  items: KubeObject[] = cluster.store.list(target.resource, target.namespace),
): KubeObject[] {
  const { labelSelector, fieldSelector } = options;
  if (labelSelector.empty && fieldSelector.empty) return items;
  return items.filter((o) => labelSelector.matches(o.metadata.labels) && fieldSelector.matches(o));
}

/** The body for LIST of a collection (namespace-scoped when the path names one). */
export function listObjects(
  cluster: ServedCluster,
  target: ResourceTarget,
  options: ListOptions,
  form: ResponseForm,
  now: Date,
): unknown {
  const { resource } = target;
  const store = cluster.store;
  checkResourceVersion(options, store.revision);
  // Every page is served as of the first page's resourceVersion, rebuilt from the change history.
  const position = options.continue ? continuePosition(options) : undefined;
  const exact = options.resourceVersionMatch === "Exact"
    ? Number(options.resourceVersion)
    : undefined;
  // A token's resourceVersion -1 continues at the latest one (etcd3 `ValidateListOptions`).
  const continued = position && position.resourceVersion > 0 ? position.resourceVersion : undefined;
  const listRevision = continued ?? exact ?? store.revision;
  const snapshot = store.listAt(resource, target.namespace, listRevision);
  if (!snapshot) {
    if (position) throw expiredContinue(position.startKey);
    throw new StatusError(
      410,
      "Expired",
      `too old resource version: ${listRevision} (${store.oldestResumableRevision + 1})`,
    );
  }
  let items = selectObjects(cluster, target, options, snapshot);
  if (position) items = items.filter((o) => storageKey(resource, o) >= position.startKey);
  let next: string | undefined;
  let remaining: number | undefined;
  if (options.limit !== undefined && items.length > options.limit) {
    next = encodeContinue({
      resourceVersion: listRevision,
      startKey: storageKey(resource, items[options.limit]),
    });
    if (options.labelSelector.empty && options.fieldSelector.empty) {
      remaining = items.length - options.limit;
    }
    items = items.slice(0, options.limit);
  }
  const resourceVersion = String(listRevision);
  if (form.kind === "table") {
    const rows = resource.customSchema ? items.map((item) => readView(resource, item)) : items;
    return renderTable(resource, rows, {
      now,
      includeObject: form.includeObject,
      resourceVersion,
      continue: next,
    });
  }
  const metadata = {
    resourceVersion,
    ...(next ? { continue: next } : {}),
    ...(remaining !== undefined ? { remainingItemCount: remaining } : {}),
  };
  // Protobuf lists are built from each object's cached message bytes, never through JSON.
  if (form.kind === "protobuf") {
    const registry = registryForVersion(cluster.kubernetesVersion);
    return new ProtobufBody(listProtobuf(resource, metadata, items, registry));
  }
  if (form.kind === "partial") {
    return partialListBody(form, metadata, items, registryForVersion(cluster.kubernetesVersion));
  }
  const envelope = { kind: `${resource.kind}List`, apiVersion: apiVersionOf(resource), metadata };
  return new JsonText(listAnswerJson(resource, envelope, items), true);
}

// The apiserver cannot serve a resourceVersion from the future: it answers 504 Timeout.
function checkResourceVersion(options: ListOptions, current: number): void {
  const requested = Number(options.resourceVersion || "0");
  if (requested > current) {
    throw new StatusError(
      504,
      "Timeout",
      // The digits as sent: past 2^53 a Number would print rounded.
      `Too large resource version: ${options.resourceVersion}, current: ${current}`,
      {
        causes: [{ reason: "ResourceVersionTooLarge", message: "Too large resource version" }],
        retryAfterSeconds: 1,
      },
    );
  }
}

// storage.ValidateListOptions: a continue token carries its own resourceVersion.
function continuePosition(options: ListOptions) {
  const position = decodeContinue(options.continue!);
  if (options.resourceVersion && options.resourceVersion !== "0") {
    throw StatusError.badRequest("specifying resource version is not allowed when using continue");
  }
  return position;
}

/** The storage key of an object: `namespace/name` or `name`. */
export function storageKey(resource: ResourceType, object: KubeObject): string {
  return resource.namespaced
    ? `${object.metadata.namespace ?? ""}/${object.metadata.name}`
    : object.metadata.name ?? "";
}
