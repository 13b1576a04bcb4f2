// DELETE of one object and of a collection: DeleteOptions, propagation policies, preconditions.

import type { ResourceType } from "../resources/mod.ts";
import type { DeleteOptions as StoreDeleteOptions, KubeObject } from "../store/mod.ts";
import type { ServedCluster } from "./kube_env.ts";
import type { ListOptions } from "./list_options.ts";
import { isDryRun } from "./dry_run.ts";
import { forResponse } from "./object_view.ts";
import { selectObjects } from "./read_handlers.ts";
import type { ResourceTarget } from "./resource_path.ts";
import { StatusError } from "./status_error.ts";
import { write } from "./write_handlers.ts";

/** `metav1.DeleteOptions` after validation. */
export interface DeleteRequest {
  readonly propagationPolicy: "Orphan" | "Background" | "Foreground";
  readonly preconditions: { uid?: string; resourceVersion?: string };
  readonly dryRun: boolean;
}

/** The HTTP status and body of a delete. */
export interface DeleteAnswer {
  readonly status: 200 | 202;
  readonly body: unknown;
}

/** Reads DeleteOptions from the body (JSON or protobuf, already decoded) and the query. */
export function parseDeleteOptions(body: unknown, query: URLSearchParams): DeleteRequest {
  const options = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  if (options.kind !== undefined && options.kind !== "DeleteOptions") {
    throw StatusError.badRequest(`expected DeleteOptions, got ${String(options.kind)}`);
  }
  const orphan = options.orphanDependents ?? parseBool(query.get("orphanDependents"));
  const policy = options.propagationPolicy ?? query.get("propagationPolicy") ??
    (orphan === true ? "Orphan" : "Background");
  if (policy !== "Orphan" && policy !== "Background" && policy !== "Foreground") {
    throw StatusError.badRequest(
      `propagationPolicy: Unsupported value: "${
        String(policy)
      }": supported values: "Foreground", "Background", "Orphan"`,
    );
  }
  if (orphan !== undefined && options.propagationPolicy !== undefined) {
    throw new StatusError(
      422,
      "Invalid",
      'DeleteOptions.meta.k8s.io "" is invalid: [orphanDependents: Invalid value: true: orphanDependents and propagationPolicy cannot be both set]',
    );
  }
  const preconditions = (options.preconditions ?? {}) as DeleteRequest["preconditions"];
  return { propagationPolicy: policy, preconditions, dryRun: isDryRun(query, options.dryRun) };
}

/** Deletes one object: removed now (200 Status), or marked while finalizers run (200/202 object). */
export function deleteObject(
  cluster: ServedCluster,
  target: ResourceTarget & { name: string },
  request: DeleteRequest,
): DeleteAnswer {
  const { resource } = target;
  if (!cluster.store.get(resource, target.namespace, target.name)) {
    throw StatusError.notFound(resource, target.name);
  }
  const options = storeOptions(resource, request);
  const outcome = write(
    resource,
    () => cluster.store.delete(resource, target.namespace, target.name, options),
  );
  if (outcome.removed) return { status: 200, body: successStatus(resource, outcome.object) };
  const added = (options.addFinalizers ?? []).length > 0;
  return { status: added ? 202 : 200, body: forResponse(resource, outcome.object) };
}

/** Deletes every object a LIST with these options would return; answers a Success Status. */
export function deleteCollection(
  cluster: ServedCluster,
  target: ResourceTarget,
  listOptions: ListOptions,
  request: DeleteRequest,
): unknown {
  const { resource } = target;
  const options = storeOptions(resource, { ...request, preconditions: {} });
  for (const object of selectObjects(cluster, target, listOptions)) {
    write(
      resource,
      () =>
        cluster.store.delete(resource, object.metadata.namespace, object.metadata.name!, options),
    );
  }
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success" };
}

function storeOptions(resource: ResourceType, request: DeleteRequest): StoreDeleteOptions {
  const finalizer = request.propagationPolicy === "Foreground"
    ? "foregroundDeletion"
    : request.propagationPolicy === "Orphan"
    ? "orphan"
    : undefined;
  return {
    preconditions: request.preconditions,
    addFinalizers: finalizer ? [finalizer] : [],
    // Namespaces stay (Terminating) until the namespace controller has emptied them.
    keepUntilFinalized: resource.key === "namespaces",
    dryRun: request.dryRun,
  };
}

function successStatus(resource: ResourceType, object: KubeObject) {
  return {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Success",
    details: {
      name: object.metadata.name,
      ...(resource.group ? { group: resource.group } : {}),
      kind: resource.name,
      uid: object.metadata.uid,
    },
  };
}

function parseBool(value: string | null): boolean | undefined {
  if (value === null || value === "") return undefined;
  return value === "true" || value === "1";
}
