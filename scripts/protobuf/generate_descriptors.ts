// Generates src/protobuf/generated/ from Kubernetes' own generated.proto files and Go struct tags.
//
// Usage: deno run -A scripts/protobuf/generate_descriptors.ts
//
// For each supported Kubernetes minor it downloads k8s.io/api, k8s.io/apimachinery,
// k8s.io/apiextensions-apiserver and k8s.io/kube-aggregator at the version pinned in PINS through
// the Go module proxy (`go mod download -json`), parses every `generated.proto` (the proto2 subset Kubernetes emits: messages of
// optional, repeated and map fields; no enums, no oneofs, no nesting) and reads the Go structs
// beside it for what the .proto does not say but Go's marshaller depends on: which fields are
// pointers (written only when set), which JSON name and `omitempty` each field has, and which are
// embedded with `json:",inline"`. It writes one table per proto package plus an index of kinds by
// apiVersion (from each package's register.go). What every minor agrees on is written once; a
// message or kind list that changed is keyed by the minors it holds for. Bump a pin and run it
// again; the output is deterministic.

import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generatedTables, type PackageSource } from "./_emit.ts";
import { parseGoStructs } from "./_go_structs.ts";
import { parseProto } from "./_proto_parser.ts";

const MODULES = [
  "k8s.io/apimachinery",
  "k8s.io/api",
  "k8s.io/apiextensions-apiserver",
  "k8s.io/kube-aggregator",
];
// Proto packages fkas never serves (test types, webhooks' payloads, image policy, discovery v2 docs).
const SKIPPED =
  /testapigroup|imagepolicy|\.admission\.v|apidiscovery|storagemigration|apis\.meta\.v1beta1/;

// The newest patch release of the four modules for each minor (they are tagged together).
const PINS: Readonly<Record<number, string>> = {
  29: "v0.29.15",
  30: "v0.30.14",
  31: "v0.31.14",
  32: "v0.32.13",
  33: "v0.33.13",
  34: "v0.34.13",
  35: "v0.35.10",
  36: "v0.36.6",
};
const out = join(import.meta.dirname!, "../../src/protobuf/generated");

const byMinor = new Map<number, PackageSource[]>();
for (const [minor, version] of Object.entries(PINS)) {
  byMinor.set(Number(minor), readPackages(version));
}

mkdirSync(out, { recursive: true });
for (const file of readdirSync(out)) {
  if (file.endsWith(".ts")) writeFileSync(join(out, file), ""); // truncated, then rewritten
}
for (const [name, text] of generatedTables(byMinor)) writeFileSync(join(out, name), text);
execFileSync("npx", ["--yes", "deno@2.9.6", "fmt", "--quiet", out], { stdio: "inherit" });
for (const file of readdirSync(out)) {
  if (readFileSync(join(out, file), "utf8") === "") execFileSync("rm", [join(out, file)]);
}
console.log(`generated the proto packages of minors ${Object.keys(PINS).join(", ")} into ${out}`);

function readPackages(version: string): PackageSource[] {
  const dirs = new Map<string, string>();
  const downloaded = execFileSync(
    "nice",
    ["go", "mod", "download", "-json", ...MODULES.map((m) => `${m}@${version}`)],
    { encoding: "utf8", cwd: "/tmp" },
  );
  for (const match of downloaded.matchAll(/"Path": "([^"]+)",[^}]*?"Dir": "([^"]+)"/g)) {
    dirs.set(match[1], match[2]);
  }
  const packages: PackageSource[] = [];
  for (const module of MODULES) {
    const root = dirs.get(module);
    if (!root) throw new Error(`Cannot generate: go mod download gave no directory for ${module}`);
    for (const dir of protoDirs(root)) {
      const proto = parseProto(readFileSync(join(dir, "generated.proto"), "utf8"));
      if (SKIPPED.test(proto.package)) continue;
      const goFiles = readdirSync(dir).filter((f) =>
        f.endsWith(".go") && !f.endsWith("_test.go") && f !== "generated.pb.go"
      ).sort();
      const structs = parseGoStructs(goFiles.map((f) => readFileSync(join(dir, f), "utf8")));
      const register = goFiles.includes("register.go")
        ? readFileSync(join(dir, "register.go"), "utf8")
        : "";
      packages.push({ module, version, dir: dir.slice(root.length + 1), proto, structs, register });
    }
  }
  return packages;
}

function protoDirs(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (
      const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
        a.name < b.name ? -1 : 1
      )
    ) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else if (entry.name === "generated.proto") found.push(dir);
    }
  };
  walk(root);
  return found;
}
