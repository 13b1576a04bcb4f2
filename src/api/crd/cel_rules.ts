// x-kubernetes-validations rules parsed and planned once per schema, with what each one reads.

import { parse, plan } from "@bufbuild/cel";
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
}

const OLD_SELF = /\boldSelf\b/;

/** Plans the rules declared on one schema node. */
export function compileRules(props: SchemaProps): CompiledRule[] {
  const rules = props["x-kubernetes-validations"];
  if (!Array.isArray(rules)) return [];
  return rules.filter((rule) => typeof rule?.rule === "string").map((rule) => {
    const usesOldSelf = OLD_SELF.test(rule.rule!);
    try {
      const program = plan(KUBERNETES_CEL_ENV, parse(rule.rule!)) as CompiledRule["program"];
      const messageProgram = typeof rule.messageExpression === "string" && rule.messageExpression
        ? plan(KUBERNETES_CEL_ENV, parse(rule.messageExpression)) as CompiledRule["program"]
        : undefined;
      return { rule, program, messageProgram, usesOldSelf };
    } catch (error) {
      return { rule, compileError: (error as Error).message, usesOldSelf };
    }
  });
}
