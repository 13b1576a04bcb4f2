// x-kubernetes-validations rules parsed and planned once per schema, with what each one reads.

import { parse, plan } from "@bufbuild/cel";
import { type ExprShape, shapeOf } from "./cel_cost.ts";
import { KUBERNETES_CEL_ENV } from "./cel_library.ts";
import type { SchemaProps, ValidationRule } from "./schema_props.ts";

/** A planned rule: its program, its message program, and whether it is a transition rule. */
export interface CompiledRule {
  readonly rule: ValidationRule;
  /** Evaluates with `self` (and `oldSelf`) bound; a CelError or a value. */
  readonly program?: (bindings: Record<string, unknown>) => unknown;
  readonly messageProgram?: (bindings: Record<string, unknown>) => unknown;
  /** Why the rule does not compile, as the CRD check reports it. */
  readonly compileError?: string;
  /** The rule reads `oldSelf`: it runs on updates only, where the old value correlates. */
  readonly usesOldSelf: boolean;
  /** The shape of the rule and of its message expression, for the cost bound. */
  readonly shape: ExprShape;
}

const OLD_SELF = /\boldSelf\b/;

/** Plans the rules declared on one schema node. */
export function compileRules(props: SchemaProps): CompiledRule[] {
  const rules = props["x-kubernetes-validations"];
  if (!Array.isArray(rules)) return [];
  return rules.filter((rule) => typeof rule?.rule === "string").map((rule) => {
    const usesOldSelf = OLD_SELF.test(rule.rule!);
    try {
      const parsed = parse(rule.rule!);
      const program = plan(KUBERNETES_CEL_ENV, parsed) as CompiledRule["program"];
      const message = typeof rule.messageExpression === "string" && rule.messageExpression
        ? parse(rule.messageExpression)
        : undefined;
      const messageProgram = message &&
        plan(KUBERNETES_CEL_ENV, message) as CompiledRule["program"];
      const ruleShape = shapeOf(parsed.expr);
      const messageShape = message ? shapeOf(message.expr) : { nodes: 0, depth: 0 };
      const shape = {
        nodes: ruleShape.nodes + messageShape.nodes,
        depth: Math.max(ruleShape.depth, messageShape.depth),
      };
      return { rule, program, messageProgram, usesOldSelf, shape };
    } catch (error) {
      return {
        rule,
        compileError: (error as Error).message,
        usesOldSelf,
        shape: { nodes: 0, depth: 0 },
      };
    }
  });
}
