// The JSONPath subset CRD printer columns use: `.spec.replicas`, `.items[0].name`,
// `.metadata.labels['cluster\.x-k8s\.io/cluster-name']`, `.metadata.labels.app\.kubernetes\.io/name`
// and filters such as `.status.conditions[?(@.type=="Ready")].status`.

/** One step of a path. */
type Step =
  | { readonly kind: "field"; readonly name: string }
  | { readonly kind: "index"; readonly index: number }
  | { readonly kind: "filter"; readonly path: readonly Step[]; readonly equals: string };

/** Compiles a path into a reader; the reader answers undefined where the object has nothing. */
export function compileJsonPath(expression: string): (object: unknown) => unknown {
  const steps = parseSteps(expression.trim().replace(/^\{/, "").replace(/\}$/, ""));
  return (object) => readSteps(object, steps);
}

function readSteps(value: unknown, steps: readonly Step[]): unknown {
  let current = value;
  for (const step of steps) {
    if (current === undefined || current === null) return undefined;
    if (step.kind === "field") {
      current = typeof current === "object"
        ? (current as Record<string, unknown>)[step.name]
        : undefined;
    } else if (step.kind === "index") {
      if (!Array.isArray(current)) return undefined;
      current = current[step.index < 0 ? current.length + step.index : step.index];
    } else {
      if (!Array.isArray(current)) return undefined;
      current = current.find((item) => String(readSteps(item, step.path)) === step.equals);
    }
  }
  return current;
}

function parseSteps(text: string): Step[] {
  const steps: Step[] = [];
  let i = text.startsWith("$") ? 1 : 0;
  while (i < text.length) {
    const char = text[i];
    if (char === ".") {
      i++;
      continue;
    }
    if (char === "[") {
      const end = closingBracket(text, i);
      steps.push(bracketStep(text.slice(i + 1, end)));
      i = end + 1;
      continue;
    }
    let name = "";
    while (i < text.length && text[i] !== "." && text[i] !== "[") {
      if (text[i] === "\\" && i + 1 < text.length) i++;
      name += text[i++];
    }
    steps.push({ kind: "field", name });
  }
  return steps;
}

function closingBracket(text: string, open: number): number {
  let quote: string | undefined;
  for (let i = open + 1; i < text.length; i++) {
    const char = text[i];
    if (quote) {
      if (char === "\\") i++;
      else if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') quote = char;
    else if (char === "]") return i;
  }
  return text.length;
}

function bracketStep(inner: string): Step {
  const content = inner.trim();
  if (/^-?\d+$/.test(content)) return { kind: "index", index: Number(content) };
  const quoted = /^(['"])(.*)\1$/s.exec(content);
  if (quoted) return { kind: "field", name: quoted[2].replace(/\\(.)/g, "$1") };
  const filter = /^\?\(@(.*?)\s*==\s*(['"]?)(.*?)\2\)$/s.exec(content);
  if (filter) return { kind: "filter", path: parseSteps(filter[1]), equals: filter[3] };
  return { kind: "field", name: content };
}
