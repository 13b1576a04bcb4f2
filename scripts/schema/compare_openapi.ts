// Compares fkas's OpenAPI components with kube-apiserver's published spec, per served group version.
//
// Usage: npx --yes deno@2.9.6 run -A scripts/schema/compare_openapi.ts v1.33.1 [v1.29.6 ...]
//
// Upstream: k8s.io/kubernetes@<version> api/openapi-spec/v3/*_openapi.json and swagger.json (Go
// module proxy). Every component fkas serves in /openapi/v3/<gv> must equal upstream's of the same
// name in that group version's document, and every definition of /openapi/v2 the swagger's.
// The recorded spec was made with OpenAPIEnums=false (hack/update-openapi-spec.sh) while a default
// server, and fkas, publish `enum` lists and "Possible enum values" descriptions: those are taken
// off fkas's side before comparing. Prints counts per document and exits 1 on any difference.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";
import { moduleDir } from "./derive_table.ts";
import { builtinCatalog } from "../../src/resources/mod.ts";
import { openApiV2, openApiV3Document, openApiV3Index } from "../../src/kube/openapi.ts";
import { sortKeys } from "../../src/api/schema/openapi_component.ts";

// deno-lint-ignore no-explicit-any
type Json = any;

let failures = 0;
const same = (a: unknown, b: unknown) =>
  JSON.stringify(sortKeys(withoutEnums(a))) === JSON.stringify(sortKeys(b));

// What the OpenAPIEnums gate adds, removed.
function withoutEnums(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEnums);
  if (!value || typeof value !== "object") return value;
  const out: Json = {};
  for (const [key, inner] of Object.entries(value)) {
    // `enum` lists only: JSONSchemaProps has a property named "enum".
    if (key === "enum" && Array.isArray(inner)) continue;
    out[key] = key === "description" && typeof inner === "string"
      ? inner.replace(/\s*\n\nPossible enum values:\n[\s\S]*$/, "")
      : withoutEnums(inner);
  }
  return out;
}

for (const version of process.argv.slice(2)) {
  const dir = join(moduleDir(`k8s.io/kubernetes@${version}`), "api/openapi-spec");
  const catalog = builtinCatalog(version);
  console.log(`== ${version}`);
  for (const path of Object.keys(JSON.parse(openApiV3Index(catalog, version).body).paths)) {
    const ours: Json =
      JSON.parse(openApiV3Document(catalog, version, path)!.body).components.schemas;
    const file = `${path.replaceAll("/", "__")}_openapi.json`;
    const theirs: Json = JSON.parse(readFileSync(join(dir, "v3", file), "utf8")).components.schemas;
    const differing = Object.keys(ours).filter((name) => !same(ours[name], theirs[name]));
    const missing = Object.keys(theirs).filter((name) => !Object.hasOwn(ours, name));
    differing.push(...missing.map((name) => `${name} (missing)`));
    failures += differing.length;
    console.log(
      `${differing.length ? "DIFFERENT" : "same"}  /openapi/v3/${path}: ${
        Object.keys(ours).length
      } components${differing.length ? `; differ: ${differing.slice(0, 5).join(", ")}` : ""}`,
    );
  }
  const ours: Json = JSON.parse(openApiV2(catalog, version).body).definitions;
  const theirs: Json = JSON.parse(readFileSync(join(dir, "swagger.json"), "utf8")).definitions;
  const differing = Object.keys(ours).filter((name) => !same(ours[name], theirs[name]));
  failures += differing.length;
  console.log(
    `${differing.length ? "DIFFERENT" : "same"}  /openapi/v2: ${
      Object.keys(ours).length
    } definitions${differing.length ? `; differ: ${differing.slice(0, 5).join(", ")}` : ""}`,
  );
}
process.exit(failures ? 1 : 0);
