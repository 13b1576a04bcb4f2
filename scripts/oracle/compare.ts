// The oracle: sends the same requests to a real kube-apiserver and to fkas and prints every place
// where fkas answers differently (status, content type, header names, body values, key order).
// A development tool, not a test: read its report, then write the test that pins the fix.
//
//   npx --yes bun@1.4.5 scripts/oracle/compare.ts [--bin DIR] [--runtime bun|deno] [--only TEXT] [--json]
//                                                 [--apf-from-oracle]
//
// --apf-from-oracle copies kube-apiserver's FlowSchemas and PriorityLevelConfigurations into fkas
// first, for a cluster whose seed lacks them: the APF headers are then compared by classification.
// --bin holds `kube-apiserver` and `etcd` (default: the newest build of scripts/capi-e2e/build.sh,
// which builds both from Go modules). Exit code: 0 when every compared answer is the same, 1 otherwise.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";
import { parseArgs } from "node:util";
import { currentRuntime, type Runtime } from "../bench/_runtimes.ts";
import { type Answer, compareAnswers, type Difference } from "./_diff.ts";
import { type Probe, PROBES } from "./_probes.ts";
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
    "apf-from-oracle": { type: "boolean", default: false },
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
  if (values["apf-from-oracle"]) await copyFlowControl(oracle, fkas);
  console.log(
    `oracle: kube-apiserver ${version.gitVersion}; fkas on ${values.runtime}${
      values["apf-from-oracle"] ? " (APF objects copied from the oracle)" : ""
    }\n`,
  );
  const report: { probe: string; differences: Difference[] }[] = [];
  const answers: { probe: Probe; expected: Answer; actual: Answer }[] = [];
  for (const probe of PROBES) {
    if (probe.delayMs) await new Promise((resolve) => setTimeout(resolve, probe.delayMs));
    const [expected, actual] = [await send(oracle, probe), await send(fkas, probe)];
    if (probe.setup || (values.only && !probe.name.includes(values.only))) continue;
    answers.push({ probe, expected, actual });
  }
  // The APF headers carry uids, which differ between any two servers: compared by the names of
  // the objects they belong to on each server.
  const [oracleFlows, fkasFlows] = [await flowNames(oracle), await flowNames(fkas)];
  for (const { probe, expected, actual } of answers) {
    expected.flow = expected.flow?.map((uid) => uid && (oracleFlows.get(uid) ?? "<unknown uid>"));
    actual.flow = actual.flow?.map((uid) => uid && (fkasFlows.get(uid) ?? "<unknown uid>"));
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

/** Creates the oracle's FlowSchemas and PriorityLevelConfigurations in fkas (levels first). */
async function copyFlowControl(from: Endpoint, to: Endpoint): Promise<void> {
  for (const resource of ["prioritylevelconfigurations", "flowschemas"]) {
    const path = `/apis/flowcontrol.apiserver.k8s.io/v1/${resource}`;
    const list = (await send(from, { name: resource, method: "GET", path })).body as {
      items?: { metadata: { name: string; annotations?: unknown }; spec: unknown }[];
    };
    for (const { metadata, spec } of list.items ?? []) {
      const body = { metadata: { name: metadata.name, annotations: metadata.annotations }, spec };
      await send(to, { name: resource, method: "POST", path, body });
    }
  }
}

/** uid → name of a server's FlowSchemas and PriorityLevelConfigurations. */
async function flowNames(endpoint: Endpoint): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const resource of ["flowschemas", "prioritylevelconfigurations"]) {
    const path = `/apis/flowcontrol.apiserver.k8s.io/v1/${resource}`;
    const list = (await send(endpoint, { name: resource, method: "GET", path })).body as {
      items?: { metadata: { name: string; uid: string } }[];
    };
    for (const item of list.items ?? []) names.set(item.metadata.uid, item.metadata.name);
  }
  return names;
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 400 ? `${text.slice(0, 400)}…` : text;
}
