// Bad values as validation shows them: Go's `%#v` of the internal type, or its JSON (from v1.34).

import { goQuote, type GoValue } from "./field_error.ts";

type StringMap = Record<string, string>;

/** A `map[string]string` (labels, nodeSelector): `map[string]string{"a":"b"}`, keys sorted. */
export function stringMapValue(map: StringMap | undefined | null): GoValue {
  return { go: goStringMap(map), json: map ? sortedMap(map) : null };
}

/** A `[]string`: `[]string{"a", "b"}`. */
export function stringSliceValue(list: readonly string[] | undefined | null): GoValue {
  return { go: goStringSlice(list), json: list ?? null };
}

/** A `metav1.LabelSelector` (a pointer, shown dereferenced); JSON keeps its `omitempty` tags. */
export function labelSelectorValue(selector: LooseSelector | undefined | null): GoValue {
  if (!selector) return { go: "<nil>", json: null };
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : null;
  const goExpressions = expressions
    ? `[]v1.LabelSelectorRequirement{${
      expressions.map((e) =>
        `v1.LabelSelectorRequirement{Key:${goQuote(String(e?.key ?? ""))}, Operator:${
          goQuote(String(e?.operator ?? ""))
        }, Values:${goStringSlice(Array.isArray(e?.values) ? e.values : null)}}`
      ).join(", ")
    }}`
    : "[]v1.LabelSelectorRequirement(nil)";
  const json: Record<string, unknown> = {};
  const labels = selector.matchLabels;
  if (labels && Object.keys(labels).length) json.matchLabels = sortedMap(labels);
  if (expressions?.length) {
    json.matchExpressions = expressions.map((e) => ({
      key: e?.key ?? "",
      operator: e?.operator ?? "",
      ...(Array.isArray(e?.values) && e.values.length ? { values: e.values } : {}),
    }));
  }
  return {
    go: `v1.LabelSelector{MatchLabels:${goStringMap(labels)}, MatchExpressions:${goExpressions}}`,
    json,
  };
}

/** A struct of string fields of an internal type (no JSON tags: JSON keys are the Go names). */
export function stringStructValue(type: string, fields: [string, unknown][]): GoValue {
  const go = `${type}{${fields.map(([k, v]) => `${k}:${goQuote(String(v ?? ""))}`).join(", ")}}`;
  return { go, json: Object.fromEntries(fields.map(([k, v]) => [k, String(v ?? "")])) };
}

/** The selector shape validation reads. */
export interface LooseSelector {
  matchLabels?: StringMap | null;
  matchExpressions?: { key?: string; operator?: string; values?: string[] | null }[] | null;
}

function goStringMap(map: StringMap | undefined | null): string {
  if (!map) return "map[string]string(nil)";
  const entries = Object.keys(map).sort().map((k) => `${goQuote(k)}:${goQuote(String(map[k]))}`);
  return `map[string]string{${entries.join(", ")}}`;
}

function goStringSlice(list: readonly unknown[] | undefined | null): string {
  if (!list) return "[]string(nil)";
  return `[]string{${list.map((v) => goQuote(String(v))).join(", ")}}`;
}

function sortedMap(map: StringMap): StringMap {
  return Object.fromEntries(Object.keys(map).sort().map((k) => [k, map[k]]));
}
