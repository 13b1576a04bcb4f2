// client-go itself, protobuf only (ContentType and AcceptContentTypes), against a fake cluster:
// a pod informer lists and watches, a create and an update arrive through the watch, and nodes,
// leases, ConfigMaps and RBAC lists decode; a metadata-only informer (PartialObjectMetadata, the
// Accept narrowed to its protobuf clause) lists and watches pods. Built from tests/e2e/go_client with the Go module
// proxy (client-go v0.33.1) into the OS temp dir; skipped when Go is not installed.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FkasProcess, startFkasProcess } from "./fkas_process.ts";

const hasGo = spawnSync("go", ["version"], { encoding: "utf8" }).status === 0;
const MODULE = new URL("./go_client/", import.meta.url).pathname;
const BIN = join(tmpdir(), "fkas-go-client");

describe("client-go with protobuf only", {
  skip: hasGo ? false : "Go is not installed",
}, () => {
  let fkas: FkasProcess;
  before(async () => {
    // The build cache (GOCACHE) makes every build after the first take seconds.
    execFileSync("nice", ["go", "build", "-o", `${BIN}/`, "./informer"], {
      cwd: MODULE,
      stdio: ["ignore", "ignore", "inherit"],
      timeout: 600_000,
    });
    fkas = await startFkasProcess();
  });
  after(async () => {
    await fkas?.stop();
  });

  it("runs a pod informer and lists nodes, leases, ConfigMaps and RBAC objects", async () => {
    const { path } = await fkas.activate("default", "goclient");
    const output = execFileSync(join(BIN, "informer"), [path], {
      encoding: "utf8",
      timeout: 90_000,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const summary = JSON.parse(output.trim().split("\n").at(-1)!);
    assert.ok(summary.syncedPods > 0, "the informer's LIST decoded pods");
    assert.equal(summary.informerPods, summary.syncedPods + 1, "the created pod came by watch");
    assert.ok(summary.nodes >= 1);
    assert.ok(summary.nodeConditions > 0);
    assert.ok(summary.leases >= 1);
    assert.ok(summary.configMaps > 0);
    assert.ok(summary.clusterRoles > 0);
    assert.ok(summary.clusterRoleBindings > 0);
    assert.equal(summary.metadataSyncedPods, summary.syncedPods, "PartialObjectMetadataList");
    assert.equal(summary.metadataInformerPods, summary.metadataSyncedPods + 1, "by watch");
    assert.deepEqual(summary.metadataContentTypes, [
      "application/vnd.kubernetes.protobuf;as=PartialObjectMetadata;g=meta.k8s.io;v=v1 -> " +
      "application/vnd.kubernetes.protobuf;stream=watch",
      "application/vnd.kubernetes.protobuf;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1 -> " +
      "application/vnd.kubernetes.protobuf",
    ]);
  });
});
