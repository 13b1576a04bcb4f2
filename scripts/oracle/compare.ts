// The oracle: sends the same requests to a real kube-apiserver and to fkas and prints every place
// where fkas answers differently (status, content type, header names, body values, key order).
// A development tool, not a test: read its report, then write the test that pins the fix.
//
//   npx --yes bun@1.4.5 scripts/oracle/compare.ts [--bin DIR] [--runtime bun|deno] [--only TEXT] [--json]
//
// --bin holds `kube-apiserver` and `etcd` (default: the newest build of scripts/capi-e2e/build.sh,
// which builds both from Go modules). Exit code: 0 when every compared answer is the same, 1 otherwise.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";
import { parseArgs } from "node:util";
import { currentRuntime, type Runtime } from "../bench/_runtimes.ts";
import { compareAnswers, type Difference } from "./_diff.ts";
import { PROBES } from "./_probes.ts";
import { send } from "./_request.ts";
import { type Endpoint, startFkas, startKubeApiserver } from "./_servers.ts";

const CACHE = process.env.FKAS_CAPI_E2E_CACHE ?? "/var/cache/fkas-capi-e2e";

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    bin: { type: "string" },
    runtime: { type: "string", default: currentRuntime },
    only: { type: "string" },
    json: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(
    readFileSync(new URL(import.meta.url), "utf8").split("\n").filter((l) => l.startsWith("//"))
      .join("\n"),
  );
  process.exit(0);
}
// build.sh names the folder of its newest build in last-bin.
const lastBuild = join(CACHE, "last-bin");
const bin = values.bin ??
  (existsSync(lastBuild) ? readFileSync(lastBuild, "utf8").trim() : lastBuild);
if (!existsSync(join(bin, "kube-apiserver")) || !existsSync(join(bin, "etcd"))) {
  console.error(
    `No kube-apiserver and etcd in ${bin}: build them with scripts/capi-e2e/build.sh or name --bin.`,
  );
  process.exit(2);
}

const oracle = await startKubeApiserver(bin);
let fkas: Endpoint | undefined;
let differing = 0;
try {
  const version = (await send(oracle, { name: "version", method: "GET", path: "/version" }))
    .body as {
      gitVersion: string;
    };
  fkas = await startFkas(values.runtime as Runtime, version.gitVersion);
  console.log(`oracle: kube-apiserver ${version.gitVersion}; fkas on ${values.runtime}\n`);
  const report: { probe: string; differences: Difference[] }[] = [];
  for (const probe of PROBES) {
    const [expected, actual] = [await send(oracle, probe), await send(fkas, probe)];
    if (probe.setup || (values.only && !probe.name.includes(values.only))) continue;
    const differences = compareAnswers(expected, actual);
    report.push({ probe: probe.name, differences });
    if (differences.length) differing++;
  }
  if (values.json) console.log(JSON.stringify(report, null, 2));
  else {
    for (const { probe, differences } of report) {
      console.log(`${differences.length ? "DIFF" : "same"}  ${probe}`);
      for (const d of differences) {
        console.log(
          `      ${d.path}\n        kube-apiserver: ${show(d.oracle)}\n        fkas:           ${
            show(d.fkas)
          }`,
        );
      }
    }
    console.log(`\n${report.length - differing} of ${report.length} answers the same`);
  }
} finally {
  await fkas?.stop();
  await oracle.stop();
}
process.exit(differing ? 1 : 0);

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 400 ? `${text.slice(0, 400)}…` : text;
}
