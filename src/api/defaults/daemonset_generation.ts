// A DaemonSet's `deprecated.daemonset.template.generation` annotation, kept by the registry strategy.
//
// kube-apiserver keeps `spec.templateGeneration` internally and writes it into this annotation
// when it converts to apps/v1 (pkg/apis/apps/v1/conversion.go), so the object its field manager
// sees carries the client's value (or 0); the strategy then stores 1 on create (or the client's
// value when higher), the stored value on update, plus one when the pod template changed
// (pkg/registry/apps/daemonset/strategy.go).

// deno-lint-ignore no-explicit-any
type Loose = any;

/** The annotation key (appsv1.DeprecatedTemplateGeneration). */
export const TEMPLATE_GENERATION = "deprecated.daemonset.template.generation";

/**
 * Writes the annotation as the v1 conversion of the decoded object does (the client's value, or 0):
 * the field manager compares that object, so a create or an update without it owns the key.
 */
export function templateGenerationAsDecoded(daemonSet: Loose): void {
  if (daemonSet && typeof daemonSet === "object") annotate(daemonSet, generationOf(daemonSet));
}

/** Sets the annotation of a new DaemonSet. */
export function templateGenerationOnCreate(daemonSet: Loose): void {
  const given = generationOf(daemonSet);
  annotate(daemonSet, Math.max(given, 1));
}

/** Sets the annotation of an updated DaemonSet from the stored one. */
export function templateGenerationOnUpdate(daemonSet: Loose, current: Loose): void {
  const stored = Math.max(generationOf(current), 1);
  const changed = !sameJson(daemonSet.spec?.template, current?.spec?.template);
  annotate(daemonSet, changed ? stored + 1 : stored);
}

function generationOf(daemonSet: Loose): number {
  const value = Number(daemonSet?.metadata?.annotations?.[TEMPLATE_GENERATION]);
  return Number.isSafeInteger(value) ? value : 0;
}

function annotate(daemonSet: Loose, generation: number): void {
  daemonSet.metadata ??= {};
  daemonSet.metadata.annotations = {
    ...daemonSet.metadata.annotations,
    [TEMPLATE_GENERATION]: String(generation),
  };
}

// Semantic equality of decoded JSON: key order and absent-versus-undefined do not count.
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const list = b as unknown[];
    return a.length === list.length && a.every((item, i) => sameJson(item, list[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  for (const key of keys) if (!sameJson(left[key], right[key])) return false;
  return true;
}
