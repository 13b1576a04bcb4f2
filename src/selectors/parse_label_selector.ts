// labels.Parse: the label selector grammar of `?labelSelector=`, with upstream's error messages.

import { labelKeyErrors } from "./_label_validation.ts";
import { goQuote } from "./_field_errors.ts";
import { scanLabelSelector, Tok, type Token } from "./_label_lexer.ts";
import {
  type LabelOperator,
  type LabelRequirement,
  newLabelRequirement,
} from "./label_requirement.ts";
import { type LabelSelector, selectorOf } from "./label_selector.ts";
import { SelectorError } from "./selector_error.ts";

const OPERATORS = new Map<Tok, LabelOperator>([
  [Tok.In, "in"],
  [Tok.Equals, "="],
  [Tok.DoubleEquals, "=="],
  [Tok.GreaterThan, "gt"],
  [Tok.LessThan, "lt"],
  [Tok.NotIn, "notin"],
  [Tok.NotEquals, "!="],
]);

function fail(message: string): never {
  throw new SelectorError(message);
}

/** Parses `a=b,c in (d,e),!f`; throws SelectorError with kube-apiserver's message when invalid. */
export function parseLabelSelector(text: string): LabelSelector {
  const tokens = scanLabelSelector(text);
  let position = 0;
  // In value position the keywords `in` and `notin` are plain identifiers (`a in (in)`).
  const asValue = (token: Token): Token =>
    token.tok === Tok.In || token.tok === Tok.NotIn
      ? { tok: Tok.Identifier, lit: token.lit }
      : token;
  const peek = (): Token => asValue(tokens[position]);
  const next = (): Token => asValue(tokens[position++]);

  const requirements: LabelRequirement[] = [];
  for (;;) {
    const { tok, lit } = peek();
    if (tok === Tok.End) break;
    if (tok !== Tok.Identifier && tok !== Tok.DoesNotExist) {
      fail(`found '${lit}', expected: !, identifier, or 'end of string'`);
    }
    try {
      requirements.push(parseRequirement());
    } catch (error) {
      if (!(error instanceof SelectorError)) throw error;
      throw new SelectorError(`unable to parse requirement: ${error.message}`, { cause: error });
    }
    const after = next();
    if (after.tok === Tok.End) break;
    if (after.tok !== Tok.Comma) fail(`found '${after.lit}', expected: ',' or 'end of string'`);
    const following = peek();
    if (following.tok !== Tok.Identifier && following.tok !== Tok.DoesNotExist) {
      fail(`found '${following.lit}', expected: identifier after ','`);
    }
  }
  return selectorOf(requirements);

  function parseRequirement(): LabelRequirement {
    let token = next();
    const negated = token.tok === Tok.DoesNotExist;
    if (negated) token = next();
    if (token.tok !== Tok.Identifier) fail(`found '${token.lit}', expected: identifier`);
    const key = token.lit;
    const keyErrors = labelKeyErrors(key);
    if (keyErrors.length) fail(`<nil>: Invalid value: ${goQuote(key)}: ${keyErrors.join("; ")}`);
    const ahead = peek().tok;
    if (negated) return newLabelRequirement(key, "!", []);
    if (ahead === Tok.End || ahead === Tok.Comma) return newLabelRequirement(key, "exists", []);
    const operatorToken = tokens[position++];
    const operator = OPERATORS.get(operatorToken.tok);
    if (!operator) {
      fail(`found '${operatorToken.lit}', expected: in, notin, =, ==, !=, gt, lt`);
    }
    const values = operator === "in" || operator === "notin" ? parseValueSet() : parseExactValue();
    return newLabelRequirement(key, operator, values);
  }

  function parseValueSet(): string[] {
    const open = next();
    if (open.tok !== Tok.OpenPar) fail(`found '${open.lit}' expected: '('`);
    const first = peek();
    if (first.tok === Tok.ClosedPar) {
      position++;
      return [""];
    }
    if (first.tok !== Tok.Identifier && first.tok !== Tok.Comma) {
      fail(`found '${first.lit}', expected: ',', ')' or identifier`);
    }
    const values = new Set<string>();
    for (;;) {
      const token = next();
      if (token.tok === Tok.Identifier) {
        values.add(token.lit);
        const after = peek();
        if (after.tok === Tok.ClosedPar) break;
        if (after.tok !== Tok.Comma) fail(`found '${after.lit}', expected: ',' or ')'`);
      } else if (token.tok === Tok.Comma) {
        // Empty entries (`(,a)`, `(a,,b)`, `(a,)`) stand for the empty value.
        if (values.size === 0) values.add("");
        const after = peek().tok;
        if (after === Tok.ClosedPar) {
          values.add("");
          break;
        }
        if (after === Tok.Comma) {
          position++;
          values.add("");
        }
      } else {
        fail(`found '${token.lit}', expected: ',', or identifier`);
      }
    }
    position++; // the `)` seen above
    return [...values].sort();
  }

  function parseExactValue(): string[] {
    const ahead = peek().tok;
    if (ahead === Tok.End || ahead === Tok.Comma) return [""];
    const token = next();
    if (token.tok !== Tok.Identifier) fail(`found '${token.lit}', expected: identifier`);
    return [token.lit];
  }
}
