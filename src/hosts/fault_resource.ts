// A fault rule's `resource` must name something the cluster serves; a typo would match nothing.

import { didYouMean } from "../config/mod.ts";
import type { ResourceType } from "../resources/mod.ts";

/**
 * Why `pattern` ("pods", "apps/deployments", "apps/*", "*") names no resource the cluster serves
 * (built-in or from its CRDs), with a "did you mean" for near misses; undefined when it does.
 */
export function unservedFaultResource(
  pattern: string | undefined,
  served: readonly ResourceType[],
): string | undefined {
  if (pattern === undefined || pattern === "*") return undefined;
  const slash = pattern.indexOf("/");
  const keys = served.map((r) => (r.group === "" ? r.name : `${r.group}/${r.name}`));
  if (slash < 0) {
    if (served.some((r) => r.name === pattern)) return undefined;
    // kubectl's spellings (singular, short name, kind) point straight at the plural.
    const alias = served.find((r) =>
      r.singularName === pattern || r.shortNames.includes(pattern) ||
      r.kind.toLowerCase() === pattern.toLowerCase()
    );
    const names = [...new Set(served.map((r) => r.name))];
    const hint = alias ? ` (did you mean ${alias.name}?)` : didYouMean(pattern, names);
    return `resource: the cluster serves no resource "${pattern}"${hint}`;
  }
  const group = pattern.slice(0, slash);
  const name = pattern.slice(slash + 1);
  if (name === "*") {
    if (served.some((r) => r.group === group)) return undefined;
    const groups = [...new Set(served.map((r) => r.group).filter((g) => g !== ""))];
    return `resource: the cluster serves no API group "${group}"${didYouMean(group, groups)}`;
  }
  if (served.some((r) => r.group === group && r.name === name)) return undefined;
  return `resource: the cluster serves no resource "${pattern}"${didYouMean(pattern, keys)}`;
}
