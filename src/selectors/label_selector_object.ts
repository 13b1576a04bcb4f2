// metav1.LabelSelector (`matchLabels` + `matchExpressions`) as a LabelSelector, per LabelSelectorAsSelector.

import { goQuote } from "./_field_errors.ts";
import {
  type LabelOperator,
  type LabelRequirement,
  newLabelRequirement,
} from "./label_requirement.ts";
import { EVERYTHING, type LabelSelector, NOTHING, selectorOf } from "./label_selector.ts";
import { SelectorError } from "./selector_error.ts";

/** The `metav1.LabelSelector` wire shape, as found in Deployments, PodDisruptionBudgets and CAPI objects. */
export interface LabelSelectorObject {
  matchLabels?: Record<string, string> | null;
  matchExpressions?:
    | readonly { key: string; operator: string; values?: readonly string[] | null }[]
    | null;
}

const OPERATORS: Readonly<Record<string, LabelOperator>> = {
  In: "in",
  NotIn: "notin",
  Exists: "exists",
  DoesNotExist: "!",
};

/**
 * Converts a metav1.LabelSelector: null/undefined selects nothing, `{}` selects everything
 * (upstream's `LabelSelectorAsSelector`); invalid keys, values or operators throw SelectorError.
 */
export function labelSelectorFromObject(
  selector: LabelSelectorObject | null | undefined,
): LabelSelector {
  if (selector === null || selector === undefined) return NOTHING;
  const matchLabels = selector.matchLabels ?? {};
  const expressions = selector.matchExpressions ?? [];
  const keys = Object.keys(matchLabels).sort(); // upstream walks a Go map; sorting keeps errors stable
  if (keys.length + expressions.length === 0) return EVERYTHING;
  const requirements: LabelRequirement[] = [];
  for (const key of keys) requirements.push(newLabelRequirement(key, "=", [matchLabels[key]]));
  for (const expression of expressions) {
    const operator = Object.hasOwn(OPERATORS, expression.operator)
      ? OPERATORS[expression.operator]
      : undefined;
    if (!operator) {
      throw new SelectorError(
        `${goQuote(String(expression.operator))} is not a valid label selector operator`,
      );
    }
    // Upstream copies values into a nil slice, so an absent or empty list reads `null` in messages.
    const values = expression.values?.length ? [...expression.values] : null;
    requirements.push(newLabelRequirement(expression.key, operator, values));
  }
  return selectorOf(requirements);
}
