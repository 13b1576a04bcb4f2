// An in-memory management cluster for the provider's reconcilers: objects by plural, caches that
// see every write at once, and a client whose merge patches are applied and recorded.

import type { ReadCaSecrets } from "../../src/cluster/mod.ts";
import { LocalClusterHost } from "../../src/hosts/mod.ts";
import type {
  Informer,
  ManagementClient,
  ManagementWrites,
  ResourceRef,
} from "../../src/management/mod.ts";
import { applyMergePatch } from "../../src/patch/mod.ts";
import { createCertificateAuthority } from "../../src/pki/mod.ts";
import type { ProviderContext } from "../../src/provider/provider_context.ts";
import type { KubeObject } from "../../src/store/mod.ts";
import { registryWithFakeListeners } from "../cluster/registry_fixture.ts";

/** One patch the reconcilers sent. */
export interface PatchCall {
  readonly plural: string;
  readonly namespace: string;
  readonly name: string;
  readonly patch: Record<string, unknown>;
  readonly subresource?: "status";
}

/** A JSON value with every object's keys sorted, as Go's encoding/json writes maps. */
export function sortedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(sortedKeys) as T;
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0)
      .map(([key, field]) => [key, sortedKeys(field)]),
  ) as T;
}

/** The management cluster's objects, keyed by `plural/namespace/name`. */
export class FakeManagement {
  readonly #objects = new Map<string, KubeObject>();
  readonly calls: PatchCall[] = [];
  #resourceVersion = 100;
  #uid = 0;

  /**
   * With `goKeyOrder`, objects come back with sorted keys, as kube-apiserver serves custom
   * resources (unstructured maps); otherwise in the order they were written.
   */
  constructor(private readonly options: { readonly goKeyOrder?: boolean } = {}) {}

  /** Stores an object as the apiserver would (uid, generation, a fresh resourceVersion). */
  put(plural: string, object: KubeObject): KubeObject {
    const { namespace, name } = object.metadata;
    const key = `${plural}/${namespace}/${name}`;
    const stored: KubeObject = structuredClone({
      ...object,
      metadata: {
        uid: this.#objects.get(key)?.metadata.uid ?? `mgmt-uid-${++this.#uid}`,
        generation: 1,
        ...object.metadata,
        resourceVersion: String(++this.#resourceVersion),
      },
    });
    this.#objects.set(key, this.options.goKeyOrder ? sortedKeys(stored) : stored);
    return this.#objects.get(key)!;
  }

  get(plural: string, namespace: string, name: string): KubeObject | undefined {
    return this.#objects.get(`${plural}/${namespace}/${name}`);
  }

  /** Changes a stored object as someone else would (CAPI, a user). */
  update(plural: string, namespace: string, name: string, change: (o: KubeObject) => void) {
    const object = structuredClone(this.get(plural, namespace, name));
    if (!object) throw new Error(`no ${plural} ${namespace}/${name}`);
    change(object);
    return this.put(plural, object);
  }

  /** A cache of one plural that sees every write at once (cast: the reconcilers use get/objects). */
  informer(plural: string): Informer {
    const objects = this.#objects;
    const cache = {
      get: (namespace: string | undefined, name: string) =>
        objects.get(`${plural}/${namespace}/${name}`),
      get objects(): Iterable<KubeObject> {
        return [...objects.entries()]
          .filter(([key]) => key.startsWith(`${plural}/`))
          .map(([, object]) => object);
      },
    };
    return cache as unknown as Informer;
  }

  /** A client whose patches merge into the stored copy, as the apiserver's merge patch does. */
  client(): ManagementClient & ManagementWrites {
    const unsupported = () => Promise.reject(new Error("not used by the reconcilers"));
    return {
      server: "https://management.test",
      readSecret: unsupported,
      get: (resource: ResourceRef, namespace: string, name: string) =>
        Promise.resolve(structuredClone(this.get(resource.plural, namespace, name))),
      list: unsupported,
      watch: unsupported,
      servedVersions: () => Promise.resolve(["v1beta2"]),
      patch: (resource: ResourceRef, namespace, name, patch, subresource) => {
        this.calls.push(
          structuredClone({ plural: resource.plural, namespace, name, patch, subresource }),
        );
        const current = this.get(resource.plural, namespace, name);
        if (!current) return Promise.reject(new Error(`${resource.plural} ${name} not found`));
        // The status subresource changes only status; the object itself everything else.
        const { status: statusPatch, ...rest } = patch;
        const applied = applyMergePatch(
          current,
          subresource === "status" ? { status: statusPatch } : rest,
        ) as KubeObject;
        const { resourceVersion: _, ...metadata } = applied.metadata;
        const stored = this.put(resource.plural, { ...applied, metadata });
        // An object being deleted goes once its last finalizer is gone; kube-apiserver answers
        // with it at the resourceVersion it had before that write.
        if (stored.metadata.deletionTimestamp && !stored.metadata.finalizers?.length) {
          this.#objects.delete(`${resource.plural}/${namespace}/${name}`);
          return Promise.resolve(structuredClone({
            ...stored,
            metadata: { ...stored.metadata, resourceVersion: current.metadata.resourceVersion },
          }));
        }
        return Promise.resolve(structuredClone(stored));
      },
    };
  }
}

let cas: Promise<ReadCaSecrets> | undefined;

/** CA secrets that are there at once, as CAPI's `<cluster>-ca` and `<cluster>-etcd` (made once). */
export function foundCaSecrets(): Promise<ReadCaSecrets> {
  cas ??= (async () => {
    const now = new Date("2026-01-01T00:00:00Z");
    const [ca, etcdCa] = await Promise.all([
      createCertificateAuthority({ commonName: "kubernetes", keyAlgorithm: "ecdsa", now }),
      createCertificateAuthority({ commonName: "etcd-ca", keyAlgorithm: "ecdsa", now }),
    ]);
    const found = {
      found: true as const,
      ca: { certPem: ca.certPem, keyPem: ca.keyPem },
      etcdCa: { certPem: etcdCa.certPem, keyPem: etcdCa.keyPem },
    };
    return () => Promise.resolve(found);
  })();
  return cas;
}

/** A provider context over a fake management cluster and a registry with fake listeners. */
export async function providerFixture(
  options: { readonly readCaSecrets?: ReadCaSecrets; readonly goKeyOrder?: boolean } = {},
) {
  const management = new FakeManagement({ goKeyOrder: options.goKeyOrder });
  const { registry, started } = registryWithFakeListeners({
    readCaSecrets: options.readCaSecrets ?? await foundCaSecrets(),
    defaultCaSource: "secrets",
  });
  const clock = { now: new Date("2026-02-03T04:05:06Z") };
  const enqueued: string[] = [];
  const context: ProviderContext = {
    client: management.client(),
    host: new LocalClusterHost(registry),
    now: () => clock.now,
    fkasClusters: management.informer("fkasclusters"),
    fkasMachines: management.informer("fkasmachines"),
    machines: management.informer("machines"),
    written: new Map(),
    completedAt: new Map(),
    restored: new Map(),
    enqueueMachine: (key) => enqueued.push(key),
    log: () => {},
  };
  /** Moves the clock on by `ms`. */
  const advance = (ms: number) => {
    clock.now = new Date(clock.now.getTime() + ms);
  };
  return { management, registry, started, context, clock, advance, enqueued };
}
