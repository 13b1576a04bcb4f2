// The in-memory objects of one fake cluster: one resourceVersion counter, Maps per resource.

import { type KubeObject, kubeTimestamp } from "./kube_object.ts";
import { StoreError } from "./store_error.ts";

/** What the store needs from the outside world, passed in so tests are repeatable. */
export interface StoreEnvironment {
  now(): Date;
  newUid(): string;
}

/** How a resource behaves in storage (from the resource catalog, not from HTTP). */
export interface StoredResource {
  /** Storage key of the resource: `pods`, `apps/deployments`. */
  readonly key: string;
  readonly namespaced: boolean;
  /** Whether `metadata.generation` counts spec changes (Deployment, Pod, custom resources). */
  readonly tracksGeneration: boolean;
}

/** A change the store made, in watch-event terms. */
export interface StoreChange {
  readonly type: "ADDED" | "MODIFIED" | "DELETED";
  readonly resource: string;
  readonly object: KubeObject;
}

/** Objects of one cluster, keyed by resource then `namespace/name`. */
export class ObjectStore {
  #revision = 0;
  readonly #collections = new Map<string, Map<string, KubeObject>>();
  readonly #listeners = new Set<(change: StoreChange) => void>();

  constructor(private readonly environment: StoreEnvironment) {}

  /** The resourceVersion of the latest write, as the decimal string clients see. */
  get resourceVersion(): string {
    return String(this.#revision);
  }

  /** Subscribes to every change; returns the unsubscribe function. */
  onChange(listener: (change: StoreChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The object, or undefined when absent. */
  get(
    resource: StoredResource,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined {
    return this.#collections.get(resource.key)?.get(objectKey(resource, namespace, name));
  }

  /** Objects of a resource in storage-key order (namespace, then name); all namespaces if none given. */
  list(resource: StoredResource, namespace?: string): KubeObject[] {
    const collection = this.#collections.get(resource.key);
    if (!collection) return [];
    const keys = [...collection.keys()].sort();
    const prefix = resource.namespaced && namespace !== undefined ? `${namespace}/` : "";
    const items: KubeObject[] = [];
    for (const key of keys) if (key.startsWith(prefix)) items.push(collection.get(key)!);
    return items;
  }

  /** Stores a new object; fills uid, creationTimestamp, resourceVersion and generation. */
  create(resource: StoredResource, object: KubeObject): KubeObject {
    const { name, namespace } = identity(resource, object);
    const key = objectKey(resource, namespace, name);
    const collection = this.#collection(resource.key);
    if (collection.has(key)) {
      throw new StoreError(
        "AlreadyExists",
        resource.key,
        name,
        `${resource.key} "${name}" already exists`,
      );
    }
    const metadata = { ...object.metadata };
    delete metadata.resourceVersion;
    metadata.uid = this.environment.newUid();
    metadata.creationTimestamp = kubeTimestamp(this.environment.now());
    if (resource.tracksGeneration) metadata.generation = 1;
    else delete metadata.generation;
    return this.#commit(resource, key, { ...object, metadata }, "ADDED");
  }

  /**
   * Replaces an object. A non-empty `metadata.resourceVersion` must equal the stored one (else
   * Conflict); an empty one means an unconditional update, as the apiserver allows.
   */
  update(resource: StoredResource, object: KubeObject): KubeObject {
    const { name, namespace } = identity(resource, object);
    const key = objectKey(resource, namespace, name);
    const current = this.#collections.get(resource.key)?.get(key);
    if (!current) {
      throw new StoreError("NotFound", resource.key, name, `${resource.key} "${name}" not found`);
    }
    const expected = object.metadata.resourceVersion;
    if (expected && expected !== current.metadata.resourceVersion) {
      throw new StoreError(
        "Conflict",
        resource.key,
        name,
        `Operation cannot be fulfilled on ${resource.key} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
      );
    }
    const metadata = {
      ...object.metadata,
      uid: current.metadata.uid,
      creationTimestamp: current.metadata.creationTimestamp,
    };
    if (resource.tracksGeneration) {
      const specChanged = JSON.stringify(object.spec) !== JSON.stringify(current.spec);
      metadata.generation = (current.metadata.generation ?? 1) + (specChanged ? 1 : 0);
    }
    return this.#commit(resource, key, { ...object, metadata }, "MODIFIED");
  }

  /** Removes an object and returns it as last stored. */
  delete(resource: StoredResource, namespace: string | undefined, name: string): KubeObject {
    const key = objectKey(resource, namespace, name);
    const collection = this.#collections.get(resource.key);
    const current = collection?.get(key);
    if (!collection || !current) {
      throw new StoreError("NotFound", resource.key, name, `${resource.key} "${name}" not found`);
    }
    collection.delete(key);
    this.#revision++;
    const removed = {
      ...current,
      metadata: { ...current.metadata, resourceVersion: String(this.#revision) },
    };
    this.#emit({ type: "DELETED", resource: resource.key, object: removed });
    return removed;
  }

  #commit(
    resource: StoredResource,
    key: string,
    object: KubeObject,
    type: "ADDED" | "MODIFIED",
  ): KubeObject {
    this.#revision++;
    object.metadata.resourceVersion = String(this.#revision);
    this.#collection(resource.key).set(key, object);
    this.#emit({ type, resource: resource.key, object });
    return object;
  }

  #collection(key: string): Map<string, KubeObject> {
    let collection = this.#collections.get(key);
    if (!collection) this.#collections.set(key, collection = new Map());
    return collection;
  }

  #emit(change: StoreChange): void {
    for (const listener of this.#listeners) listener(change);
  }
}

function identity(resource: StoredResource, object: KubeObject) {
  const name = object.metadata?.name;
  if (!name) throw new StoreError("Invalid", resource.key, "", "metadata.name: Required value");
  const namespace = object.metadata.namespace;
  if (resource.namespaced && !namespace) {
    throw new StoreError("Invalid", resource.key, name, "metadata.namespace: Required value");
  }
  return { name, namespace: resource.namespaced ? namespace : undefined };
}

function objectKey(resource: StoredResource, namespace: string | undefined, name: string): string {
  return resource.namespaced ? `${namespace ?? ""}/${name}` : name;
}
