// The text of a body's number literals where JSON.parse's number does not stand for it, as Go's decoder reads the text.
//
// encoding/json (and sigs.k8s.io/json) decodes a number from its literal: an integer field refuses
// `1.0`, `1e2` and `-0.0` (`json: cannot unmarshal number 1.0 into Go struct field
// DeploymentSpec.spec.replicas of type int32`), a float64 refuses `1e400`, and a Quantity parses
// the literal itself. JSON.parse gives 1, 100, -0 and Infinity, which no longer tell. Few bodies
// hold such a literal: the scan between their strings (json_text_scan.ts) says whether one may;
// only such a body is parsed with a reviver that reads each number's source text (JSON.parse
// source text access, in V8 and JavaScriptCore).

/** A body's unfaithful number literals: per container (object or array), key → literal text. */
export interface NumberLiterals {
  readonly holders: WeakMap<object, Map<string, string>>;
  /** The first literal out of float64's range (`1e400`), which no decoder takes. */
  overflow?: string;
}

type Reviver = (
  this: unknown,
  key: string,
  value: unknown,
  context?: { source?: string },
) => unknown;

/** JSON.parse of `text`, recording the literals whose numbers print otherwise into `literals`. */
export function parseKeepingLiterals(text: string, literals: NumberLiterals): unknown {
  const reviver: Reviver = function (key, value, context) {
    if (typeof value !== "number") return value;
    const source = context?.source;
    if (source === undefined || source === String(value)) return value;
    const holder = this as object;
    let byKey = literals.holders.get(holder);
    if (byKey === undefined) literals.holders.set(holder, byKey = new Map());
    byKey.set(key, source);
    if (!Number.isFinite(value)) literals.overflow ??= source;
    return value;
  };
  return JSON.parse(text, reviver as (key: string, value: unknown) => unknown);
}

// What each decoded body's literals were, until its object is decoded (decode_checks.ts).
const bodies = new WeakMap<object, NumberLiterals>();

/** Records `body`'s literals. */
export function recordLiterals(body: object, literals: NumberLiterals): void {
  bodies.set(body, literals);
}

/** The literals recorded for `body` (or for the body it was copied from, `carryLiterals`). */
export function literalsOf(body: object): NumberLiterals | undefined {
  return bodies.get(body);
}

/**
 * Records `from`'s literals, if any, for its copy `to`, whose own properties may be copies too
 * (`metadata`): their literals follow them.
 */
export function carryLiterals(from: object, to: object): void {
  const literals = bodies.get(from);
  if (!literals) return;
  bodies.set(to, literals);
  const { holders } = literals;
  const own = holders.get(from);
  if (own) holders.set(to, own);
  const source = from as Record<string, unknown>;
  const copy = to as Record<string, unknown>;
  for (const key in copy) {
    const was = source[key];
    if (copy[key] === was || typeof was !== "object" || was === null) continue;
    const inner = holders.get(was);
    if (inner && typeof copy[key] === "object" && copy[key] !== null) holders.set(copy[key], inner);
  }
}
