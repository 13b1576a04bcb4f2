// A DefaultsContext for tests: fixed randomness and an in-memory set of stored objects.
import type { DefaultsContext, DefaultsTarget } from "../../../src/api/defaults/mod.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

/**
 * A context whose random numbers are `values` in turn (0 when they run out). Every namespace has
 * its `default` ServiceAccount, as the ServiceAccount controller makes it, unless `stored` lists
 * service accounts itself.
 */
export function testContext(
  options: { minor?: number; values?: number[]; stored?: Record<string, Loose[]> } = {},
): DefaultsContext & { uid: string } {
  const values = [...(options.values ?? [])];
  const stored = options.stored ?? {};
  let ips = 0;
  return {
    minor: options.minor ?? 33,
    uid: "0f1e2d3c-aaaa-bbbb-cccc-000000000001",
    random: () => values.shift() ?? 0,
    lookup: (key, namespace, name) => {
      if (key === "serviceaccounts" && !stored[key] && name === "default") {
        return { metadata: { name, namespace } };
      }
      return (stored[key] ?? []).find((o) =>
        o.metadata.name === name && (namespace === undefined || o.metadata.namespace === namespace)
      );
    },
    list: (key) => stored[key] ?? [],
    allocateClusterIP: () => `10.96.0.${++ips + 10}`,
  };
}

/** The target of a built-in kind: `target("apps", "Deployment", "apps/deployments")`. */
export function target(group: string, kind: string, key: string, version = "v1"): DefaultsTarget {
  return { group, version, kind, key };
}
