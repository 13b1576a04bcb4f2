// kubectl apply --server-side against a fake cluster: ownership, conflicts, --force-conflicts, removal.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { type FkasProcess, startWithCluster } from "./fkas_process.ts";
import { hasKubectl, kubectlOk, runKubectl } from "./kubectl_runner.ts";

/** A ConfigMap manifest with `data`. */
function configMap(name: string, data: Record<string, string>): string {
  const lines = Object.entries(data).map(([k, v]) => `  ${k}: "${v}"`).join("\n");
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: default\ndata:\n${lines}\n`;
}

describe("kubectl apply --server-side", {
  skip: hasKubectl ? false : "kubectl is not installed",
}, () => {
  let fkas: FkasProcess;
  let kc: string;
  before(async () => ({ fkas, kc } = await startWithCluster("ssa")));
  after(() => fkas.stop());
  const manifest = (name: string, data: Record<string, string>) =>
    fkas.writeFile(`${name}-${Object.keys(data).join("")}.yaml`, configMap(name, data));

  it("owns applied fields, removes those it stops applying, and conflicts with another manager", () => {
    const first = manifest("cfg", { a: "1", b: "2" });
    assert.match(
      kubectlOk(kc, ["apply", "--server-side", "-f", first]),
      /configmap\/cfg serverside-applied/,
    );
    const owned = JSON.parse(
      kubectlOk(kc, ["get", "cm", "cfg", "-o", "json", "--show-managed-fields"]),
    );
    assert.deepEqual(
      owned.metadata.managedFields.map((
        e: { manager: string; operation: string; fieldsV1: unknown },
      ) => [
        e.manager,
        e.operation,
        e.fieldsV1,
      ]),
      [["kubectl", "Apply", { "f:data": { "f:a": {}, "f:b": {} } }]],
    );
    // kubectl hides managedFields unless asked.
    assert.doesNotMatch(kubectlOk(kc, ["get", "cm", "cfg", "-o", "yaml"]), /managedFields/);

    // kubectl stops applying b: nobody else owns it, so it goes.
    kubectlOk(kc, ["apply", "--server-side", "-f", manifest("cfg", { a: "1" })]);
    assert.equal(kubectlOk(kc, ["get", "cm", "cfg", "-o", "jsonpath={.data}"]), '{"a":"1"}');

    // Another manager applying a different value conflicts: exit code 1 and the server's message.
    const other = manifest("cfg", { a: "9" });
    const conflict = runKubectl(kc, ["apply", "--server-side", "--field-manager=ops", "-f", other]);
    assert.equal(conflict.status, 1, conflict.stderr);
    assert.match(
      conflict.stderr,
      /Apply failed with 1 conflict: conflict with "kubectl": \.data\.a/,
    );
    assert.match(conflict.stderr, /--force-conflicts/);
    assert.equal(kubectlOk(kc, ["get", "cm", "cfg", "-o", "jsonpath={.data.a}"]), "1");

    // kubectl diff shows what the forced apply would change, without changing it.
    const diff = runKubectl(kc, [
      "diff",
      "--server-side",
      "--force-conflicts",
      "--field-manager=ops",
      "-f",
      other,
    ]);
    assert.equal(diff.status, 1, diff.stderr);
    assert.match(diff.stdout, /^\+ {2}a: "9"$/m);
    assert.equal(kubectlOk(kc, ["get", "cm", "cfg", "-o", "jsonpath={.data.a}"]), "1");

    kubectlOk(kc, [
      "apply",
      "--server-side",
      "--field-manager=ops",
      "--force-conflicts",
      "-f",
      other,
    ]);
    assert.equal(kubectlOk(kc, ["get", "cm", "cfg", "-o", "jsonpath={.data.a}"]), "9");
    const taken = JSON.parse(
      kubectlOk(kc, ["get", "cm", "cfg", "-o", "json", "--show-managed-fields"]),
    );
    assert.deepEqual(
      taken.metadata.managedFields.map((e: { manager: string }) => e.manager),
      ["ops"],
      "kubectl lost its only field",
    );
  });

  it("a client-side apply's fields move to the first server-side apply without conflicts", () => {
    const path = manifest("legacy", { a: "1" });
    assert.match(kubectlOk(kc, ["apply", "-f", path]), /configmap\/legacy created/);
    const before = JSON.parse(
      kubectlOk(kc, ["get", "cm", "legacy", "-o", "json", "--show-managed-fields"]),
    );
    assert.equal(before.metadata.managedFields[0].manager, "kubectl-client-side-apply");
    assert.match(
      kubectlOk(kc, ["apply", "--server-side", "-f", manifest("legacy", { a: "2" })]),
      /serverside-applied/,
    );
    assert.equal(kubectlOk(kc, ["get", "cm", "legacy", "-o", "jsonpath={.data.a}"]), "2");
  });
});
