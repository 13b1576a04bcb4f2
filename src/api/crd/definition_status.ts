// A CustomResourceDefinition's decode-time spec defaults and the status its controllers keep: stored versions, accepted names, conditions.
//
// Sources (apiextensions-apiserver v0.36.0): pkg/apis/apiextensions/v1/defaults.go
// (`SetDefaults_CustomResourceDefinitionSpec`), pkg/registry/customresourcedefinition/strategy.go
// (`PrepareForCreate`/`PrepareForUpdate`: the storage version joins `storedVersions`, never
// leaves it), pkg/controller/status/naming_controller.go (`calculateNamesAndConditions`,
// `getAcceptedNamesForGroup`, `equalToAcceptedOrFresh`) and pkg/controller/establish (Established
// once the names are accepted). kube-apiserver's controllers run just after the create; here their
// write follows the create at once, so the create answers the registry's status and the next
// read sees the CRD established (one resourceVersion later), and an update keeps them current.

import { isRecord } from "./schema_props.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

/** `spec.names.singular`, `spec.names.listKind` and `spec.conversion` as v1's defaults fill them. */
export function defaultDefinitionSpec(spec: Loose): void {
  if (!isRecord(spec)) return;
  const names = spec.names;
  if (isRecord(names) && typeof names.kind === "string") {
    if (!names.singular) names.singular = names.kind.toLowerCase();
    if (!names.listKind && names.kind) names.listKind = `${names.kind}List`;
  }
  if (spec.conversion === undefined || spec.conversion === null) {
    spec.conversion = { strategy: "None" };
  }
}

/**
 * The status the registry stores a new CRD with (PrepareForCreate): no accepted names and no
 * conditions yet, the storage version stored.
 */
export function registryDefinitionStatus(crd: Loose) {
  const versions: Loose[] = Array.isArray(crd.spec?.versions) ? crd.spec.versions : [];
  const storage = versions.find((v) => isRecord(v) && v.storage === true)?.name;
  return {
    acceptedNames: { plural: "", kind: "" },
    conditions: null,
    storedVersions: typeof storage === "string" ? [storage] : [],
  };
}

/**
 * The status of a CRD being written: `old` is the stored one on update (undefined on create),
 * `others` every stored CRD (those of its group claim names), `time` the RFC 3339 second.
 */
export function definitionStatus(crd: Loose, old: Loose, others: readonly Loose[], time: string) {
  const previous = isRecord(old?.status) ? old.status : {};
  const stored: string[] = Array.isArray(previous.storedVersions)
    ? [...previous.storedVersions]
    : [];
  const versions: Loose[] = Array.isArray(crd.spec?.versions) ? crd.spec.versions : [];
  const storage = versions.find((v) => isRecord(v) && v.storage === true)?.name;
  if (typeof storage === "string" && !stored.includes(storage)) stored.push(storage);
  const { names, accepted } = acceptedNames(crd, old, others);
  const conditions: Loose[] = Array.isArray(previous.conditions)
    ? previous.conditions.map((c: Loose) => ({ ...c }))
    : [];
  setCondition(conditions, {
    type: "NamesAccepted",
    ...(accepted.status === "True"
      ? { status: "True", reason: "NoConflicts", message: "no conflicts found" }
      : accepted),
  }, time);
  const established = conditions.find((c) => c.type === "Established");
  if (established?.status !== "True") {
    setCondition(
      conditions,
      accepted.status === "True"
        ? {
          type: "Established",
          status: "True",
          reason: "InitialNamesAccepted",
          message: "the initial names have been accepted",
        }
        : {
          type: "Established",
          status: "False",
          reason: "NotAccepted",
          message: "not all names are accepted",
        },
      time,
    );
  }
  return { ...previous, acceptedNames: names, conditions, storedVersions: stored };
}

interface Outcome {
  status: string;
  reason?: string;
  message?: string;
}

// calculateNamesAndConditions: each requested name is taken unless another CRD of the group (or
// this one, under another role) accepted it already; the last conflict names the condition.
function acceptedNames(crd: Loose, old: Loose, others: readonly Loose[]) {
  const requested = isRecord(crd.spec?.names) ? crd.spec.names : {};
  const current = isRecord(old?.status?.acceptedNames) ? old.status.acceptedNames : {};
  const resources = new Set<string>();
  const kinds = new Set<string>();
  const name = crd.metadata?.name;
  for (const other of others) {
    if (other?.spec?.group !== crd.spec?.group || other?.metadata?.name === name) continue;
    claim(other.status?.acceptedNames, resources, kinds);
  }
  claim(current, resources, kinds);
  const names: Loose = { ...current };
  const outcome: Outcome = { status: "True" };
  const fail = (reason: string, message: string) =>
    Object.assign(outcome, { status: "False", reason, message });
  const single = (field: string, used: Set<string>, reason: string) => {
    const problem = conflict(requested[field], current[field], used);
    if (problem) fail(reason, problem);
    else if (requested[field] !== undefined) names[field] = requested[field];
  };
  single("plural", resources, "PluralConflict");
  single("singular", resources, "SingularConflict");
  const wanted: string[] = Array.isArray(requested.shortNames) ? requested.shortNames : [];
  const had: string[] = Array.isArray(current.shortNames) ? current.shortNames : [];
  if (JSON.stringify(wanted) !== JSON.stringify(had)) {
    const problems = wanted.filter((s) => !had.includes(s))
      .map((s) => conflict(s, "", resources)).filter((p): p is string => p !== undefined);
    if (problems.length > 0) {
      // utilerrors.NewAggregate: one error prints as itself, several as a bracketed list.
      fail("ShortNamesConflict", problems.length === 1 ? problems[0] : `[${problems.join(", ")}]`);
    } else if (requested.shortNames !== undefined) names.shortNames = requested.shortNames;
    else delete names.shortNames;
  }
  single("kind", kinds, "KindConflict");
  single("listKind", kinds, "ListKindConflict");
  if (requested.categories !== undefined) names.categories = requested.categories;
  else delete names.categories;
  return { names, accepted: outcome };
}

function claim(names: Loose, resources: Set<string>, kinds: Set<string>): void {
  if (!isRecord(names)) return;
  for (
    const value of [
      names.plural,
      names.singular,
      ...(Array.isArray(names.shortNames) ? names.shortNames : []),
    ]
  ) {
    if (typeof value === "string") resources.add(value);
  }
  for (const value of [names.kind, names.listKind]) if (typeof value === "string") kinds.add(value);
}

// equalToAcceptedOrFresh.
function conflict(requested: unknown, accepted: unknown, used: Set<string>): string | undefined {
  if (requested === accepted || typeof requested !== "string" || !used.has(requested)) {
    return undefined;
  }
  return `${JSON.stringify(requested)} is already in use`;
}

// SetCRDCondition: a condition keeps its lastTransitionTime while its status stays.
function setCondition(conditions: Loose[], next: Loose, time: string): void {
  const index = conditions.findIndex((c) => c?.type === next.type);
  const existing = index >= 0 ? conditions[index] : undefined;
  const lastTransitionTime = existing?.status === next.status && existing.lastTransitionTime
    ? existing.lastTransitionTime
    : time;
  const condition = {
    type: next.type,
    status: next.status,
    lastTransitionTime,
    reason: next.reason,
    message: next.message,
  };
  if (index >= 0) conditions[index] = condition;
  else conditions.push(condition);
}
