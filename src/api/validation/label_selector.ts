// Label selectors in workload specs: validated as metav1 validation does, matched against template labels.
//
// Sources: k8s.io/apimachinery pkg/apis/meta/v1/validation `ValidateLabelSelector`,
// `ValidateLabelSelectorRequirement`; `LabelSelectorAsSelector` and `labels.Selector.Matches`.

import { type FieldError, forbidden, invalid, required } from "./field_error.ts";
import { isLabelValue, isQualifiedName } from "./formats.ts";
import type { LooseSelector } from "./go_value.ts";
import { validateLabels } from "./object_meta.ts";

/** `ValidateLabelSelector` with strict label values (as every apps/v1 and batch/v1 spec uses it). */
export function validateLabelSelector(
  selector: LooseSelector | undefined | null,
  minor: number,
  path: string,
): FieldError[] {
  if (!selector) return [];
  const errors = validateLabels(selector.matchLabels, minor, `${path}.matchLabels`);
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  expressions.forEach((expression, i) => {
    const at = `${path}.matchExpressions[${i}]`;
    const values = Array.isArray(expression?.values) ? expression.values : [];
    const operator = String(expression?.operator ?? "");
    if (operator === "In" || operator === "NotIn") {
      if (values.length === 0) {
        errors.push(
          required(`${at}.values`, "must be specified when `operator` is 'In' or 'NotIn'"),
        );
      }
    } else if (operator === "Exists" || operator === "DoesNotExist") {
      if (values.length > 0) {
        errors.push(forbidden(
          `${at}.values`,
          "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
        ));
      }
    } else errors.push(invalid(`${at}.operator`, operator, "not a valid selector operator"));
    const key = String(expression?.key ?? "");
    for (const message of isQualifiedName(key, minor)) {
      errors.push(invalid(`${at}.key`, key, message));
    }
    values.forEach((value, j) => {
      for (const message of isLabelValue(String(value))) {
        errors.push(invalid(`${at}.values[${j}]`, String(value), message));
      }
    });
  });
  return errors;
}

/** Whether the selector has neither labels nor expressions (`len(MatchLabels)+len(MatchExpressions) == 0`). */
export function isEmptySelector(selector: LooseSelector): boolean {
  return Object.keys(selector.matchLabels ?? {}).length === 0 &&
    expressionsOf(selector).length === 0;
}

// Decoding already checked the types; this keeps a stray value from throwing all the same.
function expressionsOf(selector: LooseSelector): NonNullable<LooseSelector["matchExpressions"]> {
  return Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
}

/**
 * Whether `LabelSelectorAsSelector` accepts the selector (its requirements convert), and so the
 * template check runs: the operator known, In/NotIn with values, Exists without.
 */
export function selectorConverts(selector: LooseSelector | undefined | null): boolean {
  if (!selector) return true;
  for (const e of expressionsOf(selector)) {
    const values = Array.isArray(e?.values) ? e.values : [];
    switch (e?.operator) {
      case "In":
      case "NotIn":
        if (values.length === 0) return false;
        break;
      case "Exists":
      case "DoesNotExist":
        if (values.length > 0) return false;
        break;
      default:
        return false;
    }
    if (isQualifiedName(String(e?.key ?? ""), 33).length) return false;
  }
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (isQualifiedName(key, 33).length || isLabelValue(String(value)).length) return false;
  }
  return true;
}

/** `labels.Selector.Matches`: every label and expression satisfied (a nil selector matches nothing). */
export function selectorMatches(
  selector: LooseSelector | undefined | null,
  labels: Record<string, string> | undefined | null,
): boolean {
  if (!selector) return false;
  const set = labels ?? {};
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (!Object.hasOwn(set, key) || set[key] !== String(value)) return false;
  }
  for (const e of expressionsOf(selector)) {
    const key = String(e?.key ?? "");
    const has = Object.hasOwn(set, key);
    const values = (Array.isArray(e?.values) ? e.values : []).map(String);
    switch (e?.operator) {
      case "In":
        if (!has || !values.includes(set[key])) return false;
        break;
      case "NotIn":
        if (has && values.includes(set[key])) return false;
        break;
      case "Exists":
        if (!has) return false;
        break;
      case "DoesNotExist":
        if (has) return false;
        break;
    }
  }
  return true;
}
