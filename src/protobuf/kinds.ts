// The message registry: generated packages compiled on first use, and the kinds they serve.

import { type MessageDescriptor, type Mutable, parseMessage } from "./descriptor.ts";
import { GENERATED_FROM, GENERATED_PACKAGES } from "./generated/packages.ts";
import { schemaUnionCodecs } from "./schema_unions.ts";
import { SPECIAL_CODECS } from "./special_types.ts";
import type { GeneratedPackage } from "./descriptor.ts";

/** The k8s.io/api (and apimachinery, apiextensions, kube-aggregator) version of the tables. */
export const PROTOBUF_SOURCE_VERSION = GENERATED_FROM;

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

const byId = new Map<string, GeneratedPackage>();
const byApiVersion = new Map<string, GeneratedPackage>();
for (const pkg of GENERATED_PACKAGES) {
  byId.set(pkg.id, pkg);
  if (pkg.apiVersion) byApiVersion.set(pkg.apiVersion, pkg);
}

/** Kinds with a protobuf form, by apiVersion (every kind the generated packages register). */
export const SUPPORTED_KINDS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  GENERATED_PACKAGES.filter((p) => p.apiVersion && p.kinds.length > 0)
    .map((p) => [p.apiVersion, p.kinds]),
);

// Compiled messages by `package:Message`; a package compiles whole, once per process, when one
// of its messages is first asked for.
const compiled = new Map<string, MessageDescriptor>();
const compiledPackages = new Set<string>();

/** The descriptor of `package:Message` (`core.v1:Pod`); throws for an unknown name. */
export function messageNamed(qualified: string): MessageDescriptor {
  let message = compiled.get(qualified);
  if (message) return message;
  compilePackage(qualified.slice(0, qualified.indexOf(":")));
  message = compiled.get(qualified);
  if (!message) throw new Error(`Cannot find protobuf message ${qualified}`);
  return message;
}

/** The descriptor for a top-level apiVersion/kind, or undefined when it has no protobuf form. */
export function kindMessage(apiVersion: string, kind: string): MessageDescriptor | undefined {
  if (UNVERSIONED.has(kind) || (apiVersion === "v1" && DISCOVERY.has(kind))) {
    return messageNamed(`meta.v1:${kind}`);
  }
  const pkg = byApiVersion.get(apiVersion);
  if (!pkg || !pkg.kinds.includes(kind)) return undefined;
  return messageNamed(`${pkg.id}:${kind}`);
}

function compilePackage(id: string): void {
  if (compiledPackages.has(id)) return;
  const pkg = byId.get(id);
  if (!pkg) throw new Error(`Cannot find protobuf package ${id}`);
  compiledPackages.add(id);
  const refs = [];
  for (const [name, spec] of Object.entries(pkg.messages)) {
    const parsed = parseMessage(id, name, spec);
    const special = SPECIAL_CODECS[parsed.message.name];
    if (special) parsed.message.special = special;
    compiled.set(parsed.message.name, parsed.message);
    refs.push(...parsed.refs);
  }
  // apiextensions' JSONSchemaPropsOr{Array,Bool,StringArray} wrap JSONSchemaProps.
  const schema = compiled.get(`${id}:JSONSchemaProps`);
  if (schema) {
    for (const [name, codec] of Object.entries(schemaUnionCodecs(schema))) {
      (compiled.get(`${id}:${name}`) as Mutable<MessageDescriptor>).special = codec;
    }
  }
  // Other packages compile when a reference needs them; this package's messages exist already.
  for (const [field, target] of refs) field.message = messageNamed(target);
}
