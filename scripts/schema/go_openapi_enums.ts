// Reads the enum facts kube-apiserver publishes from k8s.io/kubernetes' zz_generated.openapi.go.
//
// kube-apiserver serves `enum` lists and descriptions ending in "Possible enum values: ..."
// (the OpenAPIEnums gate, beta and on since 1.24), but the spec files of api/openapi-spec are
// recorded with OpenAPIEnums=false (hack/update-openapi-spec.sh). The generated Go definitions
// the server builds its spec from carry both; this reads them back per definition and field.

import { readFileSync } from "node:fs";
import { join } from "node:path";

/** A field's enum facts: the full description, the values, and where they apply (the field, its items or values). */
export interface EnumFacts {
  readonly description?: string;
  readonly values: readonly unknown[];
  readonly on: "field" | "items" | "additionalProperties";
}

/** Definition name (`io.k8s.api.core.v1.ContainerPort`) → field → its enum facts. */
export function readEnums(kubernetesDir: string): Map<string, Map<string, EnumFacts>> {
  const text = readFileSync(
    join(kubernetesDir, "pkg/generated/openapi/zz_generated.openapi.go"),
    "utf8",
  );
  const definitionOf = new Map<string, string>();
  for (const [, path, fn] of text.matchAll(/^\t\t"([^"]+)":\s+(schema_\w+)\(ref\),$/gm)) {
    definitionOf.set(fn, definitionName(path));
  }
  // From 1.35 the keys are `alias.Type{}.OpenAPIModelName()`, the alias an import of the file.
  const imports = new Map<string, string>();
  for (const [, alias, path] of text.matchAll(/^\t(\w+) "([^"]+)"$/gm)) imports.set(alias, path);
  const modelNames = /^\t\t(\w+)\.(\w+)\{\}\.OpenAPIModelName\(\):\s+(schema_\w+)\(ref\),$/gm;
  for (const [, alias, type, fn] of text.matchAll(modelNames)) {
    const path = imports.get(alias);
    if (path) definitionOf.set(fn, definitionName(`${path}.${type}`));
  }
  const enums = new Map<string, Map<string, EnumFacts>>();
  let definition: string | undefined;
  let field: string | undefined;
  let description: string | undefined;
  let nested: EnumFacts["on"] = "field";
  for (const line of text.split("\n")) {
    const fn = /^func (schema_\w+)\(/.exec(line);
    if (fn) {
      definition = definitionOf.get(fn[1]);
      field = undefined;
      continue;
    }
    const property = /^\t{5}"([^"]+)": \{$/.exec(line);
    if (property) {
      field = property[1];
      description = undefined;
      nested = "field";
      continue;
    }
    if (!definition || !field) continue;
    const described = /^\t{7}Description: (".*"),$/.exec(line);
    if (described) description = goString(described[1]);
    if (/^\t{7}Items: /.test(line)) nested = "items";
    if (/^\t{7}AdditionalProperties: /.test(line)) nested = "additionalProperties";
    const listed = /^(\t+)Enum:\s+\[\]interface\{\}\{(.*)\},$/.exec(line);
    if (listed) {
      const values = JSON.parse(`[${listed[2]}]`);
      const facts: EnumFacts = { description, values, on: listed[1].length > 7 ? nested : "field" };
      (enums.get(definition) ?? enums.set(definition, new Map()).get(definition)!).set(
        field,
        facts,
      );
    }
  }
  return enums;
}

// `k8s.io/api/core/v1.Pod` → `io.k8s.api.core.v1.Pod`, as kube-openapi names definitions.
function definitionName(goPath: string): string {
  const [domain, ...rest] = goPath.split("/");
  return [...domain.split(".").reverse(), ...rest].join(".");
}

// A Go interpreted string literal; its escapes (\" \\ \n \t) read as JSON's.
function goString(literal: string): string | undefined {
  try {
    return JSON.parse(literal);
  } catch {
    return undefined;
  }
}
