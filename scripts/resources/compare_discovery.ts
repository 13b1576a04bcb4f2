// Compares fkas's discovery documents with kube-apiserver's recorded ones, modulo ordering.
//
// Usage: npx --yes deno@2.9.6 run -A scripts/resources/compare_discovery.ts v1.33.1 [v1.29.6 ...]
//
// The upstream documents are k8s.io/kubernetes@<version> api/discovery/*.json (through the Go
// module proxy), recorded with every API enabled; they are cut down to what a default server
// serves (the group/versions and resources of fkas's catalog for that minor) before comparing.
// Prints one line per document and exits 1 on any difference.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";
import { moduleDir } from "../schema/derive_table.ts";
import { builtinCatalog } from "../../src/resources/mod.ts";
import { apiGroupList, apiResourceList } from "../../src/kube/discovery.ts";
import { aggregatedDiscovery } from "../../src/kube/aggregated_discovery.ts";

// deno-lint-ignore no-explicit-any
type Json = any;

// JSON with object keys sorted and arrays of named things sorted by name: "modulo ordering".
function canonical(value: Json): string {
  const walk = (v: Json): Json => {
    if (Array.isArray(v)) {
      const items = v.map(walk);
      const name = (x: Json) => JSON.stringify(x?.name ?? x?.resource ?? x?.metadata?.name ?? x);
      return items.sort((a, b) => name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0);
    }
    if (v && typeof v === "object") {
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, walk(v[k])]));
    }
    return v;
  };
  return JSON.stringify(walk(value));
}

let failures = 0;
function compare(what: string, ours: Json, theirs: Json): void {
  const same = canonical(ours) === canonical(theirs);
  if (!same) failures++;
  console.log(`${same ? "same" : "DIFFERENT"}  ${what}`);
  if (!same && process.env.FKAS_DISCOVERY_DEBUG) {
    console.log(" ours:  ", canonical(ours).slice(0, 2000));
    console.log(" theirs:", canonical(theirs).slice(0, 2000));
  }
}

for (const version of process.argv.slice(2)) {
  const dir = join(moduleDir(`k8s.io/kubernetes@${version}`), "api/discovery");
  const read = (file: string): Json => JSON.parse(readFileSync(join(dir, file), "utf8"));
  const catalog = builtinCatalog(version);
  const served = new Set(catalog.all().map((r) => `${r.group}/${r.version}`));
  const isServed = (group: string, v: string) => served.has(`${group}/${v}`);
  console.log(`== ${version}: ${catalog.all().length} resources`);
  for (const file of readdirSync(dir).sort()) {
    if (!/^apis?__.*__v|^api__v1\.json$/.test(file)) continue;
    const upstream = read(file);
    const [group, v] = upstream.groupVersion.includes("/")
      ? upstream.groupVersion.split("/")
      : ["", upstream.groupVersion];
    if (!isServed(group, v)) continue;
    const names = new Set(
      catalog.inGroupVersion(group, v).flatMap((r) => [
        r.name,
        ...r.subresources.map((sub) => `${r.name}/${sub.name}`),
      ]),
    );
    upstream.resources = upstream.resources.filter((r: Json) => names.has(r.name));
    compare(`/api${group ? `s/${group}` : ""}/${v}`, apiResourceList(catalog, group, v), upstream);
  }
  const groups = read("apis.json");
  groups.groups = groups.groups.filter((g: Json) => isServed(g.name, g.preferredVersion.version))
    .map((g: Json) => ({
      ...g,
      versions: g.versions.filter((x: Json) => isServed(g.name, x.version)),
    }));
  compare("/apis", apiGroupList(catalog), groups);
  const aggregatedFile = readdirSync(dir).find((f) => f.startsWith("aggregated_"));
  if (aggregatedFile) {
    const apiVersion = aggregatedFile.includes("v2beta1") ? "v2beta1" : "v2";
    const upstream = read(aggregatedFile);
    upstream.items = upstream.items.map((item: Json) => ({
      ...item,
      versions: item.versions.filter((x: Json) => isServed(item.metadata.name, x.version)).map(
        (x: Json) => {
          const names = new Set(
            catalog.inGroupVersion(item.metadata.name, x.version).map((r) => r.name),
          );
          const resources = x.resources.filter((r: Json) => names.has(r.resource)).map(
            (r: Json) => {
              const subs = new Set(
                catalog.find(item.metadata.name, x.version, r.resource)!.subresources.map((s) =>
                  s.name
                ),
              );
              const kept = (r.subresources ?? []).filter((s: Json) => subs.has(s.subresource));
              const { subresources: _, ...rest } = r;
              return kept.length ? { ...rest, subresources: kept } : rest;
            },
          );
          return { ...x, resources };
        },
      ),
    })).filter((item: Json) => item.versions.length > 0);
    compare(
      `/apis as APIGroupDiscoveryList ${apiVersion}`,
      aggregatedDiscovery(catalog, "apis", apiVersion),
      upstream,
    );
  }
}
process.exit(failures ? 1 : 0);
