// Write-time check of the fields a CEL rule selects on `self`: a name its schema does not declare is refused.
//
// kube-apiserver type-checks every rule against the schema's declared type when the CRD is written
// (apiextensions-apiserver pkg/apiserver/schema/cel/compilation.go; cel-go's checker reports
// "undefined field 'x'", printed by cel-go common/errors.go `ToDisplayString` with the source
// line and a caret). @bufbuild/cel's checker types objects only from protobuf descriptors, so this
// covers the mistake that matters most without it: a chain of field selections from `self`
// (`self.spec.replicas`, `has(self.status)`) through objects that declare their properties. Maps,
// int-or-string, schemaless preserved objects and anything computed are `dyn` here (unchecked),
// as are other type errors (a field selected on a string, wrong operand types) but one: `size`
// of an object with declared fields or of a number or bool along such a chain ("found no
// matching overload for 'size'"; kube-apiserver v1.36.3 refuses `self.size() >= 0`).

import type { parse } from "@bufbuild/cel";
import { celPropertyName } from "./cel_library.ts";
import { isRecord, type SchemaProps } from "./schema_props.ts";

// The metadata a rule may read at the root and in embedded resources (compilation.go: name
// and generateName only).
const METADATA: SchemaProps = {
  type: "object",
  properties: { name: { type: "string" }, generateName: { type: "string" } },
};
const TYPE_META: Readonly<Record<string, SchemaProps>> = {
  apiVersion: { type: "string" },
  kind: { type: "string" },
  metadata: METADATA,
};

type ParsedExpr = ReturnType<typeof parse>;

interface Node {
  id: bigint;
  exprKind: { case?: string; value?: Loose };
}
// deno-lint-ignore no-explicit-any
type Loose = any;

/**
 * Every undefined field `parsed` selects from `self` typed by `schema` (`root`: the CRD's root
 * schema), and every `size` of a selected value it has no overload for, with its offset in the
 * source, as cel-go's checker words it. `rule` gives the rule's text and its object type's name
 * (upstream's `selfType<nanoseconds>`, made unique per compilation).
 */
export function undefinedFields(
  parsed: ParsedExpr,
  schema: SchemaProps,
  root: boolean,
  rule: { source: string; selfType: string } = { source: "", selfType: "selfType0" },
): { offset: number; message: string }[] {
  const { source, selfType } = rule;
  const problems: { offset: number; message: string }[] = [];
  const positions = parsed.sourceInfo?.positions ?? {};
  const offsetOf = (expr: Node) =>
    Number((positions as Record<string, number>)[String(expr.id)] ?? 0);
  const resolve = (expr: Node | undefined, report = true): SchemaProps | undefined => {
    const kind = expr?.exprKind;
    if (kind?.case === "identExpr") return kind.value.name === "self" ? schema : undefined;
    if (kind?.case !== "selectExpr") return undefined;
    const parent = resolve(kind.value.operand, report);
    if (!parent) return undefined;
    const field: string = kind.value.field;
    const declared = fieldsOf(parent, parent === schema && root);
    if (declared === undefined) {
      return isRecord(parent.additionalProperties)
        ? parent.additionalProperties as SchemaProps
        : undefined;
    }
    const child = declared.get(field);
    if (child) return child;
    if (report) problems.push({ offset: offsetOf(expr!), message: `undefined field '${field}'` });
    return undefined;
  };
  // cel-go's name of a selected value's type when `size` has no overload for it.
  const sizeless = (expr: Node | undefined): string | undefined => {
    const type = resolve(expr, false);
    if (type === undefined) return undefined;
    if (type.type === "integer" && !type["x-kubernetes-int-or-string"]) return "int";
    if (type.type === "number") return "double";
    if (type.type === "boolean") return "bool";
    if (fieldsOf(type, type === schema && root) === undefined) return undefined;
    // A declared object type is named after the rule's type and the fields that reach it.
    const fields: string[] = [];
    for (let at = expr; at?.exprKind?.case === "selectExpr"; at = at.exprKind.value.operand) {
      fields.unshift(at.exprKind.value.field);
    }
    return [selfType, ...fields].join(".");
  };
  const checkSize = (call: Node): void => {
    const { function: name, target, args } = call.exprKind.value;
    if (name !== "size") return;
    const operand = target ?? (args?.length === 1 ? args[0] : undefined);
    const type = sizeless(operand);
    if (type === undefined) return;
    const applied = target ? `${type}.()` : `(${type})`;
    // cel-go places a call at its "(" (the parser here, at its name or the "." before it).
    const paren = source.indexOf("(", offsetOf(call));
    problems.push({
      offset: paren < 0 ? offsetOf(call) : paren,
      message: `found no matching overload for 'size' applied to '${applied}'`,
    });
  };
  const visit = (value: unknown): void => {
    if (typeof value !== "object" || value === null) return;
    if (Array.isArray(value)) return value.forEach(visit);
    const node = value as Node;
    if (node.exprKind?.case === "callExpr") checkSize(node);
    if (node.exprKind?.case === "selectExpr") {
      // The outermost select of a chain resolves the whole chain; its operand is not revisited.
      resolve(node);
      const operand = node.exprKind.value.operand;
      if (operand?.exprKind?.case !== "selectExpr" && operand?.exprKind?.case !== "identExpr") {
        visit(operand);
      }
      return;
    }
    for (const [key, child] of Object.entries(value)) {
      if (key !== "$typeName" && typeof child === "object") visit(child);
    }
  };
  visit(parsed.expr);
  return problems;
}

// The fields of an object type as rules name them (escaped), or undefined when the type is not an
// object with declared fields (a map, int-or-string, a schemaless or non-object value).
function fieldsOf(s: SchemaProps, root: boolean): Map<string, SchemaProps> | undefined {
  if (s["x-kubernetes-int-or-string"]) return undefined;
  const embedded = root || s["x-kubernetes-embedded-resource"] === true;
  const properties = isRecord(s.properties) ? s.properties : undefined;
  if (s.type !== "object" || isRecord(s.additionalProperties)) return undefined;
  // A schemaless preserved object is dyn (left unchecked here, even at the root).
  if (!properties && s["x-kubernetes-preserve-unknown-fields"]) return undefined;
  const fields = new Map<string, SchemaProps>();
  if (embedded) { for (const [name, props] of Object.entries(TYPE_META)) fields.set(name, props); }
  for (const [name, props] of Object.entries(properties ?? {})) {
    const escaped = celPropertyName(name);
    if (escaped !== undefined && isRecord(props)) fields.set(escaped, props as SchemaProps);
  }
  return fields;
}
