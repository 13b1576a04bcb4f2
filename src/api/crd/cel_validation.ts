// Evaluates x-kubernetes-validations over a custom resource, worded as apiextensions-apiserver words it.
//
// Source: k8s.io/apiextensions-apiserver pkg/apiserver/schema/cel/validation.go at v0.36.0
// (`validateExpressions`, `fieldErrorForReason`, `ruleMessageOrDefault`, `evalMessageExpression`)
// and k8s.io/apiserver pkg/apis/cel/config.go (`RuntimeCELCostBudget` 10,000,000 per object,
// `MaxEvaluatedMessageExpressionSizeBytes` 5 KiB). The cost of an evaluation is its worst case
// (cel_cost.ts; cel-go counts each operation, @bufbuild/cel has no counter), charged before it
// runs: a rule past the per-call limit, or an object past the budget, stops with upstream's message.

import { type CelInput, celList, celMap } from "@bufbuild/cel";
import { type InputSize, PER_CALL_LIMIT, worstCase } from "./cel_cost.ts";
import { celPropertyName, isCelError } from "./cel_library.ts";
import { timeValue } from "./cel_time_values.ts";
import type { CompiledRule } from "./cel_rules.ts";
import { type FieldError, OMIT_VALUE } from "./field_error.ts";
import type { SchemaNode } from "./schema_node.ts";
import { isRecord } from "./schema_props.ts";
import { deepEqual } from "./values.ts";

/** Per-object runtime budget (k8s.io/apiserver pkg/apis/cel/config.go `RuntimeCELCostBudget`). */
export const RUNTIME_CEL_COST_BUDGET = 10_000_000;
const MAX_MESSAGE_BYTES = 5 * 1024;

interface CelRun {
  readonly minor: number;
  readonly errors: FieldError[];
  budget: number;
}

/** Runs every rule under `root` against `object` (and `old` on update); appends field errors. */
export function validateRules(
  root: SchemaNode,
  object: unknown,
  old: unknown,
  minor: number,
  budget = RUNTIME_CEL_COST_BUDGET,
): FieldError[] {
  const run: CelRun = { minor, errors: [], budget };
  walk(root, object, old, "", run);
  return run.errors;
}

function walk(node: SchemaNode, value: unknown, old: unknown, path: string, run: CelRun): void {
  if (!node.hasRules || run.budget < 0) return;
  // An unchanged subtree is not validated again (ratcheting), unless a transition rule reads it.
  if (!node.hasTransitionRules && old !== undefined && deepEqual(value, old)) return;
  if (node.rules.length > 0 && value !== undefined && value !== null) {
    evaluate(node, value, old, path, run);
  }
  if (Array.isArray(value) && node.items) {
    const keys = node.props["x-kubernetes-list-map-keys"];
    const oldItems = Array.isArray(old) ? old : [];
    value.forEach((item, i) => {
      // Old list items correlate by map keys (list-type map) or by value (set); not by index.
      const oldItem = keys && isRecord(item)
        ? oldItems.find((o) => isRecord(o) && keys.every((k) => deepEqual(o[k], item[k])))
        : node.props["x-kubernetes-list-type"] === "set"
        ? oldItems.find((o) => deepEqual(o, item))
        : undefined;
      walk(node.items!, item, oldItem, `${path}[${i}]`, run);
    });
  } else if (isRecord(value)) {
    const oldObject = isRecord(old) ? old : undefined;
    for (const [key, child] of Object.entries(value)) {
      const property = node.properties?.get(key);
      if (property) walk(property, child, oldObject?.[key], path ? `${path}.${key}` : key, run);
      else if (node.additional) {
        walk(node.additional, child, oldObject?.[key], `${path}[${key}]`, run);
      }
    }
  }
}

function evaluate(node: SchemaNode, value: unknown, old: unknown, path: string, run: CelRun): void {
  const size: InputSize = { nodes: 0, longest: 0 };
  const unchanged = old !== undefined && deepEqual(value, old);
  let self: unknown;
  let oldSelf: unknown;
  for (const compiled of node.rules) {
    if (compiled.usesOldSelf && old === undefined && !compiled.rule.optionalOldSelf) continue;
    // An unchanged value is not validated again (ratcheting); transition rules still run.
    if (unchanged && !compiled.usesOldSelf) continue;
    if (self === undefined) self = toCel(node, value, size);
    if (compiled.usesOldSelf && oldSelf === undefined && old !== undefined) {
      oldSelf = toCel(node, old, size);
    }
    const cost = worstCase(compiled.shape, size);
    if (cost > PER_CALL_LIMIT) {
      // cel-go's cancellation, worded as validation.go words a rule past PerCallLimit.
      run.errors.push(
        invalid(
          path,
          node,
          `'operation cancelled: actual cost limit exceeded': no further validation rules will be run due to call cost exceeds limit for rule: ${
            ruleText(compiled)
          }`,
        ),
      );
      run.budget = -1;
      return;
    }
    run.budget -= cost;
    if (run.budget < 0) {
      run.errors.push(
        invalid(
          path,
          node,
          "validation failed due to running out of cost budget, no further validation rules will be run",
        ),
      );
      return;
    }
    if (!compiled.program) {
      run.errors.push(
        invalid(path, node, `rule compile error: ${compiled.compileError}`, run.minor),
      );
      continue;
    }
    const bindings = { self, oldSelf: oldSelf ?? null };
    const result = compiled.program(bindings);
    if (isCelError(result)) {
      run.errors.push(
        invalid(
          path,
          node,
          `${upstreamWording(result.message)} evaluating rule: ${ruleText(compiled)}`,
          run.minor,
        ),
      );
      continue;
    }
    if (result === true) continue;
    run.errors.push(failure(compiled, node, value, path, bindings, run.minor));
  }
}

function failure(
  compiled: CompiledRule,
  node: SchemaNode,
  value: unknown,
  path: string,
  bindings: Record<string, unknown>,
  minor: number,
): FieldError {
  const rule = compiled.rule;
  const fieldPath = typeof rule.fieldPath === "string" && rule.fieldPath
    ? `${path}${path && !rule.fieldPath.startsWith("[") ? "." : ""}${
      rule.fieldPath.replace(/^\./, "")
    }`
    : path;
  let detail = messageOf(compiled, bindings);
  detail ??= rule.message ? rule.message.trim() : `failed rule: ${ruleText(compiled)}`;
  const shown = shownValue(node, value, minor);
  switch (rule.reason) {
    case "FieldValueForbidden":
      return { type: "FieldValueForbidden", field: fieldPath, detail };
    case "FieldValueRequired":
      return { type: "FieldValueRequired", field: fieldPath, detail };
    case "FieldValueDuplicate":
      return { type: "FieldValueDuplicate", field: fieldPath, value: shown };
    default:
      return { type: "FieldValueInvalid", field: fieldPath, value: shown, detail };
  }
}

// A messageExpression that fails, is empty, too long or multi-line falls back to the message.
function messageOf(compiled: CompiledRule, bindings: Record<string, unknown>): string | undefined {
  if (!compiled.messageProgram) return undefined;
  const result = compiled.messageProgram(bindings);
  if (typeof result !== "string") return undefined;
  const trimmed = result.trim();
  if (
    trimmed === "" || /\n/.test(trimmed) ||
    new TextEncoder().encode(trimmed).length > MAX_MESSAGE_BYTES
  ) {
    return undefined;
  }
  return trimmed;
}

function ruleText(compiled: CompiledRule): string {
  return compiled.rule.message ? compiled.rule.message.trim() : compiled.rule.rule!.trim();
}

// Until 1.34 the value shown is the schema type ("object"); since 1.35 the scalar itself, and
// nothing for objects and arrays.
function shownValue(node: SchemaNode, value: unknown, minor: number): unknown {
  if (minor < 35) return node.props.type ?? "";
  return typeof value === "object" && value !== null ? OMIT_VALUE : value;
}

function invalid(path: string, node: SchemaNode, detail: string, _minor = 0): FieldError {
  return { type: "FieldValueInvalid", field: path, value: node.props.type ?? "", detail };
}

// @bufbuild/cel words a missing map key "field not found: x"; cel-go "no such key: x".
function upstreamWording(message: string): string {
  return message.replace(/^field not found: /, "no such key: ");
}

/** A decoded JSON value as CEL sees it under `node`: integers as int, objects as maps. */
export function toCel(
  node: SchemaNode | undefined,
  value: unknown,
  size: InputSize,
): unknown {
  size.nodes++;
  if (value === null || value === undefined) return null;
  // Long strings cost more to compare, concatenate and match: a unit per 64 bytes.
  if (typeof value === "string") {
    size.nodes += value.length >> 6;
    return node?.props.format ? timeValue(node.props.format, value) : value;
  }
  if (typeof value === "number") {
    const type = node?.props.type;
    const integral = type === "integer" || node?.props["x-kubernetes-int-or-string"] ||
      (type !== "number" && Number.isInteger(value));
    return integral && Number.isInteger(value) ? BigInt(value) : value;
  }
  if (Array.isArray(value)) {
    size.longest = Math.max(size.longest, value.length);
    // Wrapped once here: a bare array or Map is wrapped again at every access, which costs an
    // inner loop (`self.all(a, self.exists_one(b, ...))`) its whole list each time.
    return celList(value.map((item) => toCel(node?.items, item, size)) as CelInput[]);
  }
  if (isRecord(value)) {
    const map = new Map<string, unknown>();
    size.longest = Math.max(size.longest, Object.keys(value).length);
    for (const [key, child] of Object.entries(value)) {
      const property = node?.properties?.get(key);
      if (property) {
        // Declared properties are fields, named as CEL escapes them; map keys stay as they are.
        const name = celPropertyName(key);
        if (name !== undefined) map.set(name, toCel(property, child, size));
      } else map.set(key, toCel(node?.additional, child, size));
    }
    return celMap(map as Map<string, CelInput>);
  }
  return value;
}
