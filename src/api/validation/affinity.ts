// A pod's affinity: node affinity terms and pod (anti-)affinity terms (kubernetes v1.33).
//
// Source: k8s.io/kubernetes pkg/apis/core/validation/validation.go `validateAffinity`,
// `validateNodeAffinity`, `ValidateNodeSelector`, `ValidateNodeSelectorTerm`,
// `ValidateNodeSelectorRequirement`, `ValidateNodeFieldSelectorRequirement`,
// `ValidatePreferredSchedulingTerms`, `validatePodAffinity`, `validatePodAffinityTerm`,
// `validateWeightedPodAffinityTerms`. Not here: matchLabelKeys / mismatchLabelKeys.

import { appendErrors, type FieldError, forbidden, invalid, required } from "./field_error.ts";
import { isDNS1123Label, isDNS1123Subdomain, isLabelValue, isQualifiedName } from "./formats.ts";
import { validateLabelSelector } from "./label_selector.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

const WEIGHT = "must be in the range 1-100";

/** `validateAffinity`: node affinity, then pod affinity, then pod anti-affinity. */
export function validateAffinity(affinity: Loose, minor: number, path: string): FieldError[] {
  if (!isObject(affinity)) return [];
  const errors: FieldError[] = [];
  const node = affinity.nodeAffinity;
  if (isObject(node)) {
    const at = `${path}.nodeAffinity`;
    const requiredTerms = node.requiredDuringSchedulingIgnoredDuringExecution;
    if (isObject(requiredTerms)) {
      errors.push(
        ...nodeSelector(
          requiredTerms,
          minor,
          `${at}.requiredDuringSchedulingIgnoredDuringExecution`,
        ),
      );
    }
    list(node.preferredDuringSchedulingIgnoredDuringExecution).forEach((term, i) => {
      const termAt = `${at}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      appendErrors(errors, weight(term?.weight, termAt));
      // Preferred terms always allow invalid label values.
      appendErrors(
        errors,
        nodeSelectorTerm(term?.preference ?? {}, minor, `${termAt}.preference`, true),
      );
    });
  }
  for (const key of ["podAffinity", "podAntiAffinity"]) {
    const pod = affinity[key];
    if (!isObject(pod)) continue;
    const at = `${path}.${key}`;
    list(pod.requiredDuringSchedulingIgnoredDuringExecution).forEach((term, i) => {
      errors.push(
        ...podAffinityTerm(
          term ?? {},
          minor,
          `${at}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`,
        ),
      );
    });
    list(pod.preferredDuringSchedulingIgnoredDuringExecution).forEach((term, i) => {
      const termAt = `${at}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      appendErrors(errors, weight(term?.weight, termAt));
      errors.push(
        ...podAffinityTerm(term?.podAffinityTerm ?? {}, minor, `${termAt}.podAffinityTerm`),
      );
    });
  }
  return errors;
}

function nodeSelector(selector: Loose, minor: number, path: string): FieldError[] {
  const terms = list(selector.nodeSelectorTerms);
  if (terms.length === 0) {
    return [required(`${path}.nodeSelectorTerms`, "must have at least one node selector term")];
  }
  return terms.flatMap((term, i) =>
    nodeSelectorTerm(term ?? {}, minor, `${path}.nodeSelectorTerms[${i}]`, false)
  );
}

function nodeSelectorTerm(
  term: Loose,
  minor: number,
  path: string,
  anyValue: boolean,
): FieldError[] {
  const errors: FieldError[] = [];
  list(term.matchExpressions).forEach((requirement, j) => {
    errors.push(
      ...expression(requirement ?? {}, minor, `${path}.matchExpressions[${j}]`, anyValue),
    );
  });
  list(term.matchFields).forEach((requirement, j) => {
    appendErrors(errors, fieldExpression(requirement ?? {}, `${path}.matchFields[${j}]`));
  });
  return errors;
}

// ValidateNodeSelectorRequirement: values as the operator wants them, a label key, label values.
function expression(rq: Loose, minor: number, path: string, anyValue: boolean): FieldError[] {
  const errors: FieldError[] = [];
  const values = list(rq.values).map(String);
  const operator = typeof rq.operator === "string" ? rq.operator : "";
  if (operator === "In" || operator === "NotIn") {
    if (values.length === 0) {
      errors.push(
        required(`${path}.values`, "must be specified when `operator` is 'In' or 'NotIn'"),
      );
    }
  } else if (operator === "Exists" || operator === "DoesNotExist") {
    if (values.length > 0) {
      errors.push(forbidden(
        `${path}.values`,
        "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      ));
    }
  } else if (operator === "Gt" || operator === "Lt") {
    if (values.length !== 1) {
      errors.push(required(
        `${path}.values`,
        "must be specified single value when `operator` is 'Lt' or 'Gt'",
      ));
    }
  } else errors.push(invalid(`${path}.operator`, operator, "not a valid selector operator"));
  appendErrors(errors, labelName(rq.key, minor, `${path}.key`));
  if (!anyValue) {
    values.forEach((value, i) => {
      appendErrors(
        errors,
        isLabelValue(value).map((m) => invalid(`${path}.values[${i}]`, value, m)),
      );
    });
  }
  return errors;
}

// ValidateNodeFieldSelectorRequirement: one value, for `metadata.name` only.
function fieldExpression(rq: Loose, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const values = list(rq.values).map(String);
  const operator = typeof rq.operator === "string" ? rq.operator : "";
  if (operator === "In" || operator === "NotIn") {
    if (values.length !== 1) {
      errors.push(required(
        `${path}.values`,
        "must be only one value when `operator` is 'In' or 'NotIn' for node field selector",
      ));
    }
  } else errors.push(invalid(`${path}.operator`, operator, "not a valid selector operator"));
  const key = typeof rq.key === "string" ? rq.key : "";
  if (key !== "metadata.name") {
    errors.push(invalid(`${path}.key`, key, "not a valid field selector key"));
  } else {
    values.forEach((value, i) => {
      errors.push(
        ...isDNS1123Subdomain(value).map((m) => invalid(`${path}.values[${i}]`, value, m)),
      );
    });
  }
  return errors;
}

function podAffinityTerm(term: Loose, minor: number, path: string): FieldError[] {
  const errors = [
    ...validateLabelSelector(term.labelSelector, minor, `${path}.labelSelector`),
    ...validateLabelSelector(term.namespaceSelector, minor, `${path}.namespaceSelector`),
  ];
  for (const name of list(term.namespaces).map(String)) {
    appendErrors(errors, isDNS1123Label(name).map((m) => invalid(`${path}.namespace`, name, m)));
  }
  const key = typeof term.topologyKey === "string" ? term.topologyKey : "";
  if (!key) errors.push(required(`${path}.topologyKey`, "can not be empty"));
  return [...errors, ...labelName(key, minor, `${path}.topologyKey`)];
}

function weight(value: unknown, path: string): FieldError[] {
  const w = typeof value === "number" ? value : 0;
  return w <= 0 || w > 100 ? [invalid(`${path}.weight`, w, WEIGHT)] : [];
}

// ValidateLabelName: a qualified name.
function labelName(key: unknown, minor: number, path: string): FieldError[] {
  const text = typeof key === "string" ? key : "";
  return isQualifiedName(text, minor).map((m) => invalid(path, text, m));
}

function list(value: unknown): Loose[] {
  return Array.isArray(value) ? value : [];
}

function isObject(value: unknown): value is Loose {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
