// Generates src/resources/tables/: the built-in resources kube-apiserver serves by default, per minor.
//
// Usage: npx --yes deno@2.9.6 run -A scripts/resources/generate_catalog.ts
//
// Sources, through the Go module proxy (`go mod download`), one pinned release per minor (the same
// RELEASES as scripts/schema/generate.ts):
//   k8s.io/kubernetes@<version> api/discovery/*.json  legacy discovery of every group/version, as
//                                                     hack/update-openapi-spec.sh records it (with
//                                                     --runtime-config=api/all=true)
//   k8s.io/kubernetes@<version> pkg/controlplane/instance.go  DefaultAPIResourceConfigSource: alpha
//                                                     and beta group/versions are off by default,
//                                                     but for legacyBetaEnabledByDefaultResources
//   k8s.io/kubernetes@<version> pkg/features/*.go  defaults of the gates in FEATURE_GATED
// The fixtures enable every API and every feature gate (AllAlpha=true), so only what a default
// kube-apiserver serves is kept: GA group/versions (`v1`, `v2`), the legacy beta resources, and
// gated (sub)resources of GA group/versions only when their gate is on by default. The newest release is written whole;
// older ones as the group/versions whose resource lists differ (null: not served).

import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { moduleDir, RELEASES } from "../schema/derive_table.ts";

// deno-lint-ignore no-explicit-any
type Json = any;

interface Derived {
  version: string;
  groups: [string, string[]][];
  resources: Record<string, string>;
}

const GA = /^v\d+$/;

// (Sub)resources of GA group/versions that a feature gate installs (pkg/registry/*/rest/storage_*.go):
// the recordings list them whatever the gate's default.
const FEATURE_GATED: Record<string, string> = {
  "v1/pods/resize": "InPlacePodVerticalScaling",
};

// A gate's default in a release: the plain spec (`Gate: {Default: false, ...}`) or the last
// versioned spec at or below the release's minor (`{Version: version.MustParse("1.33"), Default: true`).
function gateDefault(root: string, gate: string, version: string): boolean {
  const dir = join(root, "pkg/features");
  const minor = Number(version.split(".")[1]);
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".go") && !f.endsWith("_test.go"))) {
    const text = readFileSync(join(dir, file), "utf8");
    const plain = new RegExp(`\\n\\s*${gate}: \\{Default: (true|false)`).exec(text);
    if (plain) return plain[1] === "true";
    const versioned = new RegExp(`\\n\\s*${gate}: \\{\\n([\\s\\S]*?)\\n\\s*\\},`).exec(text);
    if (!versioned) continue;
    let on = false;
    for (
      const [, at, value] of versioned[1].matchAll(
        /MustParse\("1\.(\d+)"\), Default: (true|false)/g,
      )
    ) {
      if (Number(at) <= minor) on = value === "true";
    }
    return on;
  }
  throw new Error(`Cannot generate: feature gate ${gate} not found in ${version}`);
}

function derive(version: string): Derived {
  const root = moduleDir(`k8s.io/kubernetes@${version}`);
  const dir = join(root, "api/discovery");
  const instance = readFileSync(join(root, "pkg/controlplane/instance.go"), "utf8");
  const legacy = legacyBetaResources(instance);
  const read = (file: string): Json => JSON.parse(readFileSync(join(dir, file), "utf8"));
  const resources: Record<string, string> = {};
  const served = (gv: string, name: string) => {
    const gate = FEATURE_GATED[`${gv}/${name}`];
    if (gate && !gateDefault(root, gate, version)) return false;
    return GA.test(gv.split("/").at(-1)!) || legacy.has(`${gv}/${name.split("/")[0]}`);
  };
  for (const file of readdirSync(dir).sort()) {
    if (!/^apis?__.*__v|^api__v1\.json$/.test(file)) continue;
    const list = read(file);
    const gv: string = list.groupVersion;
    const kept = (list.resources as Json[]).filter((r) => served(gv, r.name)).map(compact);
    if (kept.length) resources[gv] = JSON.stringify(kept);
  }
  const groups: [string, string[]][] = [];
  for (const group of read("apis.json").groups as Json[]) {
    const versions = (group.versions as Json[]).map((v) => v.version as string)
      .filter((v) => Object.hasOwn(resources, `${group.name}/${v}`));
    if (versions.length) groups.push([group.name, versions]);
  }
  return { version, groups, resources };
}

// `flowcontrolv1beta3.SchemeGroupVersion.WithResource("flowschemas")` → `flowcontrol.apiserver.k8s.io/v1beta3/flowschemas`.
function legacyBetaResources(source: string): Set<string> {
  const block = /legacyBetaEnabledByDefaultResources = \[\][^{]*\{([^}]*)\}/.exec(source)?.[1] ??
    "";
  const groups: Record<string, string> = { flowcontrol: "flowcontrol.apiserver.k8s.io" };
  const found = new Set<string>();
  for (
    const [, alias, version, resource] of block.matchAll(
      /(\w+?)(v\d+\w*)\.SchemeGroupVersion\.WithResource\("(\w+)"\)/g,
    )
  ) {
    if (!groups[alias]) {
      throw new Error(`Cannot generate: unknown legacy beta group alias ${alias}`);
    }
    found.add(`${groups[alias]}/${version}/${resource}`);
  }
  return found;
}

// A discovery entry without what the reader implies: subresources inherit `namespaced` and have
// no singular name.
function compact(resource: Json): Json {
  const out: Json = { ...resource };
  if (resource.name.includes("/")) {
    delete out.namespaced;
    if (out.singularName === "") delete out.singularName;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a < b ? -1 : 1));
}

const literal = (text: string) => /['\\\n]/.test(text) ? JSON.stringify(text) : `'${text}'`;
const entry = (key: string, value: string) => {
  const line = `    ${JSON.stringify(key)}: ${value},`;
  return line.length <= 100 ? [line] : [`    ${JSON.stringify(key)}:`, `      ${value},`];
};
const minorOf = (version: string) => version.split(".")[1];

function write(table: Derived, base: Derived | undefined): number {
  const type = base ? "CatalogTableDelta" : "CatalogTableSource";
  const lines = [
    `// Generated by scripts/resources/generate_catalog.ts from the discovery documents of Kubernetes`,
    `// ${table.version} (k8s.io/kubernetes@${table.version} api/discovery, pkg/controlplane/instance.go). Do not edit.`,
    "",
    `import type { ${type} } from "../catalog_table.ts";`,
    "",
    base
      ? `/** What kube-apiserver ${table.version} serves by default, as what differs from CATALOG_V1_${
        minorOf(base.version)
      }. */`
      : `/** What kube-apiserver ${table.version} serves by default: group order and resources per group/version. */`,
    `export const CATALOG_V1_${minorOf(table.version)}: ${type} = {`,
    `  kubernetesVersion: "${table.version}",`,
    ...entry("groups", literal(JSON.stringify(table.groups)))
      .map((line) => line.slice(2).replace('"groups"', "groups")),
    "  resources: {",
  ];
  const gvs = new Set([...Object.keys(table.resources), ...Object.keys(base?.resources ?? {})]);
  for (const gv of [...gvs].sort()) {
    const mine = table.resources[gv];
    if (base && mine === base.resources[gv]) continue;
    lines.push(...entry(gv, mine === undefined ? "null" : literal(mine)));
  }
  lines.push("  },", "};", "");
  const text = lines.join("\n");
  const out = new URL(`../../src/resources/tables/v1_${minorOf(table.version)}.ts`, import.meta.url)
    .pathname;
  writeFileSync(out, text);
  return text.length;
}

const tables = RELEASES.map(derive);
const base = tables.at(-1)!;
for (const table of tables) {
  const bytes = write(table, table === base ? undefined : base);
  const count = Object.values(table.resources).reduce((n, r) => n + JSON.parse(r).length, 0);
  console.log(`${table.version}: ${count} resources and subresources, ${bytes} bytes written`);
}
