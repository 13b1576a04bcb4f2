// Serves watch requests: list options → a store watch → a stream of JSON events, Table rows or
// protobuf frames.

import { openWatch, type WatchClock, WatchError, type WatchEvent } from "../watch/mod.ts";
import type { FkasMetrics } from "../metrics/mod.ts";
import { registryForVersion } from "../protobuf/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import { parseListOptions } from "./list_options.ts";
import { watchListEnabled } from "./feature_gates.ts";
import { responseForm } from "./negotiation.ts";
import { apiVersionOf, forResponse, readView } from "./object_view.ts";
import type { ResourceExchange } from "./resource_handler.ts";
import type { ResourceTarget } from "./resource_path.ts";
import { StatusError } from "./status_error.ts";
import { renderTable } from "./table.ts";
import {
  type DurabilityGate,
  jsonWatchEncoding,
  protobufWatchEncoding,
  watchResponse,
} from "./watch_response.ts";
import { servesProtobuf, watchFrame } from "./protobuf_body.ts";
import { tooManyRequests } from "../runtime/mod.ts";
import { asPartial, partialWatchFrame } from "./partial_metadata.ts";
import type { WatchSlots } from "./watch_slots.ts";

/** Returns the watch server of the kube app, with its clocks. */
export function serveWatch(
  now: () => Date,
  clock: WatchClock,
  metrics?: FkasMetrics,
  durable?: DurabilityGate,
  slots?: WatchSlots,
) {
  return (
    exchange: ResourceExchange,
    target: ResourceTarget,
    query: URLSearchParams,
  ): Response => {
    const { resource, name } = target;
    const store = exchange.cluster.store;
    // Refused before its options are read, as the in-flight filters refuse before any handler.
    if (slots?.refuses(store)) return tooManyRequests();
    const options = parseListOptions(
      query,
      resource,
      true,
      watchListEnabled(exchange.cluster.kubernetesVersion),
    );
    const { labelSelector, fieldSelector } = options;
    const matches = (object: KubeObject) =>
      (name === undefined || object.metadata.name === name) &&
      labelSelector.matches(object.metadata.labels) && fieldSelector.matches(object);
    const accept = exchange.request.headers.get("accept") ?? undefined;
    const registry = registryForVersion(exchange.cluster.kubernetesVersion);
    const form = responseForm(accept, query, () => servesProtobuf(resource, registry), true);
    let watch;
    try {
      watch = openWatch(store, {
        resource: {
          key: resource.key,
          kind: resource.kind,
          apiVersion: apiVersionOf(resource),
          namespaced: resource.namespaced,
        },
        namespace: target.namespace,
        matches,
        resourceVersion: options.resourceVersion,
        resourceVersionMatch: options.resourceVersionMatch,
        sendInitialEvents: options.sendInitialEvents,
        allowWatchBookmarks: options.allowWatchBookmarks,
        timeoutSeconds: options.timeoutSeconds,
      }, { clock });
    } catch (error) {
      if (error instanceof WatchError) {
        throw new StatusError(error.code, error.reason, error.message, error.details, {
          cause: error,
        });
      }
      throw error;
    }
    if (slots) watch.closed.then(slots.hold(store));
    const ended = metrics?.watchStarted(exchange.cluster.resourceName ?? "", resource.key);
    if (ended) watch.closed.then(ended);
    const isObject = (event: WatchEvent) =>
      event.type === "ADDED" || event.type === "MODIFIED" || event.type === "DELETED";
    if (form.kind === "partial") {
      // Every event but an ERROR's Status becomes PartialObjectMetadata, bookmarks included.
      const partial = form;
      if (partial.protobuf) {
        return watchResponse(
          watch,
          protobufWatchEncoding((event) =>
            event.type === "ERROR"
              ? watchFrame(resource, event.type, event.object as KubeObject, false, registry)
              : partialWatchFrame(partial, event.type, event.object as KubeObject, registry)
          ),
          durable,
        );
      }
      return watchResponse(
        watch,
        jsonWatchEncoding((event) =>
          event.type === "ERROR"
            ? event.object
            : asPartial(partial.apiVersion, event.object as KubeObject)
        ),
        durable,
      );
    }
    if (form.kind === "protobuf") {
      // Stored objects' frames are shared by every watcher; bookmarks and errors carry their own
      // apiVersion/kind (the resource's kind with only metadata, or a v1 Status).
      return watchResponse(
        watch,
        protobufWatchEncoding((event) =>
          watchFrame(
            resource,
            event.type,
            event.object as Record<string, unknown>,
            isObject(event),
            registry,
          )
        ),
        durable,
      );
    }
    return watchResponse(
      watch,
      jsonWatchEncoding((event, index) => {
        if (!isObject(event)) return event.object;
        const object = event.object as KubeObject;
        if (form.kind === "json") return forResponse(resource, object);
        // kubectl get -w asks for Tables: one row per event, column definitions on the first only.
        const table = renderTable(resource, [readView(resource, object)], {
          now: now(),
          includeObject: form.includeObject,
          resourceVersion: object.metadata.resourceVersion ?? "",
        });
        return index === 0 ? table : { ...table, columnDefinitions: [] };
      }),
      durable,
    );
  };
}
