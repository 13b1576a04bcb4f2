// Which CEL functions a CRD's rules may call in each Kubernetes minor, and cel-go's error when one is not there.
//
// Source: k8s.io/apiserver pkg/cel/environment/base.go at v0.29.0–v0.35.0: each library has the
// minor that introduced it (sets and strings v2 1.29, ip and cidr 1.30, format 1.31, two-variable
// comprehensions 1.32, semver 1.33, ext lists v3 1.34). A rule new in a CRD is compiled in the
// environment of the server's compatibility version, one minor back (`DefaultCompatibilityVersion`:
// 1.28 in 1.29, then `MinCompatibilityVersion`), so a 1.30 server refuses `isIP` in a new rule; a
// rule the stored CRD already had is compiled with every library of the server's own minor
// (`StoredExpressions`). Only the functions fkas implements are listed: the others fail anyway.
// cel-go's checker reports an unknown function as "undeclared reference to 'name' (in container
// '')" at the call's `(`, and a namespaced one (`sets.contains`) as its unknown namespace
// identifier first, then the function (checker.go `checkCall`), all sorted by location.

import type { parse } from "@bufbuild/cel";

type ParsedExpr = ReturnType<typeof parse>;
// deno-lint-ignore no-explicit-any
type Loose = any;

/** The minor that introduced each function fkas implements past the CEL of 1.28. */
export const CEL_FUNCTION_MINORS: Readonly<Record<string, number>> = {
  // ext.Sets()
  "sets.contains": 29,
  "sets.equivalent": 29,
  "sets.intersects": 29,
  // ext.Strings(StringsVersion(2)): format (v1), quote (v2)
  "format": 29,
  "strings.quote": 29,
  // library.IP(), library.CIDR()
  "ip": 30,
  "isIP": 30,
  "ip.isCanonical": 30,
  "cidr": 30,
  "isCIDR": 30,
  // library.SemverLib(SemverVersion(1))
  "semver": 33,
  "isSemver": 33,
  // ext.Bindings() is in no minor's base environment (1.29 to 1.36): `cel.bind` is an unknown
  // call on an unknown `cel`, its variable an undeclared reference wherever it is named
  // (kube-apiserver v1.36.3 refuses `cel.bind(x, self.a, x > 0)` in a new CRD so). DRA's device
  // selectors enable it in an environment of their own.
  "cel.bind": Number.POSITIVE_INFINITY,
  // ext.Lists(ListsVersion(3))
  "slice": 34,
  "flatten": 34,
  "distinct": 34,
  "reverse": 34,
  "sort": 34,
  "lists.range": 34,
};

/** Which environment a rule compiles in: the server's minor, and the rules its stored CRD has. */
export interface CelEnvironment {
  readonly minor: number;
  /** Rules and message expressions of the CRD as stored (an update's old object). */
  readonly preexisting: ReadonlySet<string>;
}

/** The minor whose libraries compile `source` in `env` (stored rules: the server's own). */
export function compileMinor(source: string, env: CelEnvironment): number {
  return env.preexisting.has(source) ? env.minor : env.minor - 1;
}

interface Problem {
  readonly offset: number;
  readonly message: string;
}

/** cel-go's "undeclared reference" problems of `parsed` compiled in the libraries of `minor`. */
export function undeclaredFunctions(
  source: string,
  parsed: ParsedExpr,
  minor: number,
): Problem[] {
  const positions = (parsed.sourceInfo?.positions ?? {}) as Record<string, number>;
  const problems: Problem[] = [];
  const visit = (value: unknown): void => {
    if (typeof value !== "object" || value === null) return;
    if (Array.isArray(value)) return value.forEach(visit);
    const node = value as Loose;
    if (node.exprKind?.case === "callExpr") {
      const call = node.exprKind.value;
      const target = call.target?.exprKind?.case === "identExpr"
        ? call.target.exprKind.value.name as string
        : undefined;
      const qualified = target !== undefined &&
        (CEL_FUNCTION_MINORS[`${target}.${call.function}`] ?? 0) > 0;
      const name = qualified ? `${target}.${call.function}` : call.function as string;
      const introduced = CEL_FUNCTION_MINORS[name];
      if (introduced !== undefined && introduced > minor) {
        const at = Number(positions[String(node.id)] ?? 0);
        if (qualified) {
          const identAt = Number(positions[String(call.target.id)] ?? 0);
          problems.push({ offset: identAt, message: undeclared(target!) });
        }
        // bufbuild/cel places a call at its name (or the dot before it); cel-go at its `(`.
        const open = source.indexOf("(", at);
        problems.push({ offset: open < 0 ? at : open, message: undeclared(call.function) });
        if (name === "cel.bind") problems.push(...boundNames(call.args, positions));
      }
    }
    for (const [key, child] of Object.entries(node)) {
      if (key !== "$typeName" && typeof child === "object") visit(child);
    }
  };
  visit(parsed.expr);
  return problems;
}

// The identifiers of an unknown `cel.bind` named as its variable (its first argument), each an
// undeclared reference as the checker meets it in the arguments.
function boundNames(args: Loose[], positions: Record<string, number>): Problem[] {
  const variable = args[0]?.exprKind?.case === "identExpr"
    ? args[0].exprKind.value.name as string
    : undefined;
  if (variable === undefined) return [];
  const problems: Problem[] = [];
  const visit = (value: unknown): void => {
    if (typeof value !== "object" || value === null) return;
    if (Array.isArray(value)) return value.forEach(visit);
    const node = value as Loose;
    if (node.exprKind?.case === "identExpr" && node.exprKind.value.name === variable) {
      problems.push({
        offset: Number(positions[String(node.id)] ?? 0),
        message: undeclared(variable),
      });
    }
    for (const [key, child] of Object.entries(node)) {
      if (key !== "$typeName" && typeof child === "object") visit(child);
    }
  };
  visit(args);
  return problems;
}

function undeclared(name: string): string {
  return `undeclared reference to '${name}' (in container '')`;
}

/** cel-go's ToDisplayString of problems: sorted by location, each with its line and a caret. */
export function displayProblems(source: string, problems: readonly Problem[]): string {
  return [...problems].sort((a, b) => a.offset - b.offset).map((p) =>
    display(source, p.offset, p.message)
  )
    .join("\n");
}

/** One problem as cel-go displays it: location (1-based column), message, the line, a caret. */
export function display(source: string, offset: number, message: string): string {
  const before = source.slice(0, offset);
  const line = before.split("\n").length;
  const start = before.lastIndexOf("\n") + 1;
  const column = offset - start;
  const text = source.split("\n")[line - 1];
  return `ERROR: <input>:${line}:${column + 1}: ${message}\n | ${text}\n | ${".".repeat(column)}^`;
}
