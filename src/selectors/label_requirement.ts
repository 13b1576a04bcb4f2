// One term of a label selector (`key in (a,b)`): validated like labels.NewRequirement, matched with plain loops.

import { aggregate, invalidValue } from "./_field_errors.ts";
import { labelKeyErrors, labelValueErrors } from "./_label_validation.ts";
import { SelectorError } from "./selector_error.ts";

/** The operators of k8s.io/apimachinery `selection.Operator`, spelled as upstream spells them. */
export type LabelOperator = "=" | "==" | "!=" | "in" | "notin" | "exists" | "!" | "gt" | "lt";

/** A validated requirement; `values` keep their given order (the parser hands them sorted). */
export interface LabelRequirement {
  readonly key: string;
  readonly operator: LabelOperator;
  readonly values: readonly string[];
  /** The integer bound of `gt`/`lt`. */
  readonly bound?: bigint;
}

const INT64 = /^[+-]?[0-9]+$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Parses a base-10 int64 as Go's `strconv.ParseInt(s, 10, 64)` does, or undefined. */
function parseInt64(text: string): bigint | undefined {
  if (!INT64.test(text)) return undefined;
  const value = BigInt(text);
  return value < INT64_MIN || value > INT64_MAX ? undefined : value;
}

/** Builds a requirement or throws a SelectorError with `NewRequirement`'s aggregated message. */
export function newLabelRequirement(
  key: string,
  operator: LabelOperator,
  values: readonly string[] | null,
): LabelRequirement {
  const errors: string[] = [];
  const keyErrors = labelKeyErrors(key);
  if (keyErrors.length) errors.push(invalidValue("key", key, keyErrors.join("; ")));
  const list = values ?? [];
  let bound: bigint | undefined;
  if ((operator === "in" || operator === "notin") && list.length === 0) {
    errors.push(
      invalidValue("values", values, "for 'in', 'notin' operators, values set can't be empty"),
    );
  } else if ((operator === "=" || operator === "==" || operator === "!=") && list.length !== 1) {
    errors.push(
      invalidValue("values", values, "exact-match compatibility requires one single value"),
    );
  } else if ((operator === "exists" || operator === "!") && list.length !== 0) {
    errors.push(
      invalidValue("values", values, "values set must be empty for exists and does not exist"),
    );
  } else if (operator === "gt" || operator === "lt") {
    if (list.length !== 1) {
      errors.push(
        invalidValue("values", values, "for 'Gt', 'Lt' operators, exactly one value is required"),
      );
    }
    list.forEach((value, i) => {
      bound = parseInt64(value);
      if (bound === undefined) {
        errors.push(
          invalidValue(
            `values[${i}]`,
            value,
            "for 'Gt', 'Lt' operators, the value must be an integer",
          ),
        );
      }
    });
  }
  list.forEach((value, i) => {
    const valueErrors = labelValueErrors(value);
    if (valueErrors.length) {
      errors.push(invalidValue(`values[${i}][${key}]`, value, valueErrors.join("; ")));
    }
  });
  if (errors.length) throw new SelectorError(aggregate(errors));
  return { key, operator, values: list, bound };
}

/** Whether labels satisfy a requirement: `!=` and `notin` also match objects without the key. */
export function labelRequirementMatches(
  requirement: LabelRequirement,
  labels: Readonly<Record<string, string>> | undefined,
): boolean {
  // typeof guards against Object.prototype members when a key like "constructor" is absent.
  const found = labels?.[requirement.key];
  const has = typeof found === "string";
  switch (requirement.operator) {
    case "=":
    case "==":
    case "in":
      return has && requirement.values.includes(found);
    case "!=":
    case "notin":
      return !has || !requirement.values.includes(found);
    case "exists":
      return has;
    case "!":
      return !has;
    case "gt":
    case "lt": {
      const value = has ? parseInt64(found) : undefined;
      if (value === undefined || requirement.bound === undefined) return false;
      return requirement.operator === "gt" ? value > requirement.bound : value < requirement.bound;
    }
  }
}

const SPELLING: Record<LabelOperator, string> = {
  "=": "=",
  "==": "==",
  "!=": "!=",
  in: " in ",
  notin: " notin ",
  exists: "",
  "!": "",
  gt: ">",
  lt: "<",
};

/** The requirement as `Requirement.String()` prints it, values sorted. */
export function labelRequirementString(requirement: LabelRequirement): string {
  const { key, operator, values } = requirement;
  if (operator === "exists") return key;
  if (operator === "!") return `!${key}`;
  const shown = values.length === 1 ? values[0] : [...values].sort().join(",");
  const set = operator === "in" || operator === "notin";
  return `${key}${SPELLING[operator]}${set ? `(${shown})` : shown}`;
}
