// Fails when runtime-specific code (node:*, Deno.*, Bun.*) appears outside src/runtime/.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import process from "node:process";

const ROOT = new URL("../", import.meta.url).pathname;
const PATTERN = /from\s+["']node:|import\(\s*["']node:|\bDeno\.|\bBun\./;

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (path.endsWith(".ts")) yield path;
  }
}

const offenders: string[] = [];
for (const file of sourceFiles(join(ROOT, "src"))) {
  const name = relative(ROOT, file);
  if (name.startsWith("src/runtime/")) continue;
  readFileSync(file, "utf8").split("\n").forEach((line, index) => {
    if (PATTERN.test(line) && !line.trimStart().startsWith("//")) {
      offenders.push(`${name}:${index + 1}: ${line.trim()}`);
    }
  });
}
if (offenders.length > 0) {
  console.error("Runtime-specific code outside src/runtime/ (keep it in the adapter):");
  for (const line of offenders) console.error(`  ${line}`);
  process.exit(1);
}
console.log("runtime imports: only src/runtime/ touches node:, Deno. and Bun.");
