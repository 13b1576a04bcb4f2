// The message registry of one Kubernetes minor: its generated packages compiled on first use, and
// the kinds they serve.

import {
  atMinor,
  inMinors,
  type MessageDescriptor,
  type Mutable,
  parseMessage,
} from "./descriptor.ts";
import { kubernetesMinor } from "../api/version/mod.ts";
import { GENERATED_FROM, GENERATED_PACKAGES } from "./generated/packages.ts";
import { schemaUnionCodecs } from "./schema_unions.ts";
import { SPECIAL_CODECS } from "./special_types.ts";
import type { GeneratedPackage } from "./descriptor.ts";

/** The k8s.io module versions the tables come from, by Kubernetes minor. */
export const PROTOBUF_SOURCE_VERSION = GENERATED_FROM;

const MINORS = Object.keys(GENERATED_FROM).map(Number).sort((a, b) => a - b);
/** The oldest and newest Kubernetes minor with its own tables. */
export const PROTOBUF_MINORS = { oldest: MINORS[0], newest: MINORS[MINORS.length - 1] } as const;

// metav1.AddToGroupVersion registers these in every group version, so a typed client deleting an
// apps/v1 object may label its body "apps/v1 DeleteOptions", and a watch error is a "v1 Status".
const UNVERSIONED = new Set([
  "DeleteOptions",
  "Status",
  "WatchEvent",
  "ListOptions",
  "GetOptions",
  "CreateOptions",
  "UpdateOptions",
  "PatchOptions",
]);
// ... and these as unversioned "v1" types (AddUnversionedTypes): the discovery documents.
const DISCOVERY = new Set(["APIVersions", "APIGroupList", "APIGroup", "APIResourceList"]);
// meta.k8s.io/v1beta1's PartialObjectMetadata(List) are v1's types under the older group version
// (k8s.io/apimachinery pkg/apis/meta/v1beta1/types.go aliases them); v1's come from register.go.
const META_V1BETA1 = new Set(["PartialObjectMetadata", "PartialObjectMetadataList"]);

const isList = (v: unknown): v is readonly string[] => Array.isArray(v);
const isSpec = (v: unknown): v is string => typeof v === "string";

/**
 * The protobuf messages of one Kubernetes minor. Packages compile whole, once, when one of their
 * messages is first asked for; a cluster of that minor reads and writes exactly the fields its
 * k8s.io/api version has (a newer field of a stored object is not written, as a Go struct of
 * that version has nowhere to keep it).
 */
export class MessageRegistry {
  /** Kinds with a protobuf form, by apiVersion (every kind the minor's packages register). */
  readonly supportedKinds: Readonly<Record<string, readonly string[]>>;
  readonly #byId = new Map<string, GeneratedPackage>();
  readonly #byApiVersion = new Map<string, { id: string; kinds: readonly string[] }>();
  readonly #compiled = new Map<string, MessageDescriptor>();
  readonly #compiledPackages = new Set<string>();

  constructor(readonly minor: number) {
    const supported: Record<string, readonly string[]> = {};
    for (const pkg of GENERATED_PACKAGES) {
      if (!inMinors(pkg.minors, minor)) continue;
      this.#byId.set(pkg.id, pkg);
      const kinds = atMinor(pkg.kinds, minor, isList) ?? [];
      if (!pkg.apiVersion) continue;
      this.#byApiVersion.set(pkg.apiVersion, { id: pkg.id, kinds });
      if (kinds.length > 0) supported[pkg.apiVersion] = kinds;
    }
    this.supportedKinds = supported;
  }

  /** The descriptor of `package:Message` (`core.v1:Pod`); throws for an unknown name. */
  messageNamed(qualified: string): MessageDescriptor {
    let message = this.#compiled.get(qualified);
    if (message) return message;
    this.#compilePackage(qualified.slice(0, qualified.indexOf(":")));
    message = this.#compiled.get(qualified);
    if (!message) {
      throw new Error(`Cannot find protobuf message ${qualified} in Kubernetes 1.${this.minor}`);
    }
    return message;
  }

  /** The descriptor for a top-level apiVersion/kind, or undefined when it has no protobuf form. */
  kindMessage(apiVersion: string, kind: string): MessageDescriptor | undefined {
    if (UNVERSIONED.has(kind) || (apiVersion === "v1" && DISCOVERY.has(kind))) {
      return this.messageNamed(`meta.v1:${kind}`);
    }
    if (apiVersion === "meta.k8s.io/v1beta1" && META_V1BETA1.has(kind)) {
      return this.messageNamed(`meta.v1:${kind}`);
    }
    const pkg = this.#byApiVersion.get(apiVersion);
    if (!pkg || !pkg.kinds.includes(kind)) return undefined;
    return this.messageNamed(`${pkg.id}:${kind}`);
  }

  #compilePackage(id: string): void {
    if (this.#compiledPackages.has(id)) return;
    const pkg = this.#byId.get(id);
    if (!pkg) throw new Error(`Cannot find protobuf package ${id} in Kubernetes 1.${this.minor}`);
    this.#compiledPackages.add(id);
    const refs = [];
    for (const [name, versioned] of Object.entries(pkg.messages)) {
      const spec = atMinor(versioned, this.minor, isSpec);
      if (spec === undefined) continue;
      const parsed = parseMessage(id, name, spec);
      const special = SPECIAL_CODECS[parsed.message.name];
      if (special) parsed.message.special = special;
      this.#compiled.set(parsed.message.name, parsed.message);
      refs.push(...parsed.refs);
    }
    // apiextensions' JSONSchemaPropsOr{Array,Bool,StringArray} wrap JSONSchemaProps.
    const schema = this.#compiled.get(`${id}:JSONSchemaProps`);
    if (schema) {
      for (const [name, codec] of Object.entries(schemaUnionCodecs(schema))) {
        (this.#compiled.get(`${id}:${name}`) as Mutable<MessageDescriptor>).special = codec;
      }
    }
    // Other packages compile when a reference needs them; this package's messages exist already.
    for (const [field, target] of refs) field.message = this.messageNamed(target);
  }
}

const registries = new Map<number, MessageRegistry>();

/**
 * The registry of a Kubernetes minor (clamped to the generated range: an older cluster reads the
 * oldest tables, a newer one the newest). Without a minor, the newest.
 */
export function messageRegistry(minor: number = PROTOBUF_MINORS.newest): MessageRegistry {
  const clamped = Math.min(Math.max(minor, PROTOBUF_MINORS.oldest), PROTOBUF_MINORS.newest);
  let registry = registries.get(clamped);
  if (!registry) registries.set(clamped, registry = new MessageRegistry(clamped));
  return registry;
}

/** The registry for a cluster reporting `kubernetesVersion` (`v1.31.4`). */
export function registryForVersion(kubernetesVersion: string): MessageRegistry {
  return messageRegistry(kubernetesMinor(kubernetesVersion));
}

/** The newest minor's kinds with a protobuf form, by apiVersion. */
export const SUPPORTED_KINDS = messageRegistry().supportedKinds;

/** The descriptor for a top-level apiVersion/kind in the newest minor's tables. */
export function kindMessage(apiVersion: string, kind: string): MessageDescriptor | undefined {
  return messageRegistry().kindMessage(apiVersion, kind);
}
