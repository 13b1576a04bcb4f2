// Compares the `paths` of fkas's OpenAPI v3 group-version documents with kube-apiserver's
// published spec, per minor: every path, operation, parameter and response, values and key sets.
//
// Usage: npx --yes deno@2.9.6 run -A scripts/openapi/compare_paths.ts [v1.29.6 ...] [--verbose]
//
// Upstream: k8s.io/kubernetes@<version> api/openapi-spec/v3/*_openapi.json (Go module proxy),
// fetched from a kube-apiserver run with AllAlpha/AllBeta (hack/update-openapi-spec.sh): its CBOR
// media types and the paths of resources a default server does not serve are taken off before
// comparing (the oracle, scripts/oracle/compare.ts, checks key order against a default server).
import process from "node:process";
import { join } from "node:path";
import { moduleDir, RELEASES } from "../schema/derive_table.ts";
import { builtinCatalog } from "../../src/resources/mod.ts";
import { openApiV3Document, openApiV3Index } from "../../src/kube/openapi.ts";
import { pathDifferences, readPublishedPaths } from "./_published.ts";

const args = process.argv.slice(2);
const verbose = args.includes("--verbose");
const versions = args.filter((a) => a.startsWith("v"));
let failures = 0;
for (
  const version of versions.length ? versions : RELEASES
) {
  const dir = join(moduleDir(`k8s.io/kubernetes@${version}`), "api/openapi-spec/v3");
  const catalog = builtinCatalog(version);
  let count = 0;
  const differing: string[] = [];
  for (const path of Object.keys(JSON.parse(openApiV3Index(catalog, version).body).paths)) {
    const ours = JSON.parse(openApiV3Document(catalog, version, path)!.body).paths;
    const theirs = readPublishedPaths(dir, path, catalog);
    const differences = pathDifferences(theirs, ours);
    count++;
    if (differences.length) {
      differing.push(`${path} (${differences.length})`);
      for (const d of differences.slice(0, verbose ? 20 : 3)) console.log(`  ${path}: ${d}`);
    }
  }
  failures += differing.length;
  console.log(
    `${version}: ${count - differing.length}/${count} documents' paths the same${
      differing.length ? `; differ: ${differing.join(", ")}` : ""
    }`,
  );
}
process.exit(failures ? 1 : 0);
