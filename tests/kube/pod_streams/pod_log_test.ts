// pods/log: plausible lines for running pods, tailLines, timestamps, follow and container choice,
// and kube-apiserver's and the kubelet's refusals worded as upstream.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ADMIN, kubeFixture } from "../kube_fixture.ts";
import { addPods } from "./_pods.ts";

const APISERVER = "/api/v1/namespaces/kube-system/pods/kube-apiserver-cp-1/log";

describe("pods/log", () => {
  it("a static pod logs klog lines stamped from its container's start", async () => {
    const fixture = kubeFixture();
    addPods(fixture);
    const { status, text, headers } = await fixture.call("GET", APISERVER);
    assert.equal(status, 200);
    assert.equal(headers.get("content-type"), "text/plain");
    const lines = text.trimEnd().split("\n");
    assert.ok(lines.length >= 4);
    assert.match(lines[0], /^I0102 03:00:00\.000000 {7}1 options\.go:228\] /);
    assert.ok(lines.some((line) => line.includes("Version: v1.33.1")));
  });

  it("tailLines, timestamps and limitBytes shape the lines", async () => {
    const fixture = kubeFixture();
    addPods(fixture);
    const tail = await fixture.call("GET", `${APISERVER}?tailLines=2&timestamps=true`);
    const lines = tail.text.trimEnd().split("\n");
    assert.equal(lines.length, 2);
    assert.match(lines[0], /^2026-01-02T03:00:00\.\d{9}Z I0102 /);
    const limited = await fixture.call("GET", `${APISERVER}?limitBytes=5`);
    assert.equal(limited.text, "I0102");
    assert.equal((await fixture.call("GET", `${APISERVER}?tailLines=0`)).text, "");
  });

  it("other running pods log a generic start-up line", async () => {
    const fixture = kubeFixture();
    addPods(fixture);
    const { text } = await fixture.call("GET", "/api/v1/namespaces/default/pods/web/log");
    assert.equal(text, "Starting app\napp is running\n");
  });

  it("follow keeps the body open after the lines", async () => {
    const fixture = kubeFixture();
    addPods(fixture);
    const response = await fixture.app.request(
      "/api/v1/namespaces/default/pods/web/log?follow=true",
      {},
      { cluster: fixture.cluster, client: ADMIN },
    );
    const reader = response.body!.getReader();
    const first = await reader.read();
    assert.equal(new TextDecoder().decode(first.value), "Starting app\napp is running\n");
    const next = await Promise.race([
      reader.read().then(() => "read"),
      new Promise((resolve) => setTimeout(() => resolve("open"), 30)),
    ]);
    assert.equal(next, "open");
    await reader.cancel();
  });

  it("answers the apiserver's and the kubelet's errors", async () => {
    const fixture = kubeFixture();
    addPods(fixture);
    const error = async (path: string) => {
      const { status, json } = await fixture.call("GET", `/api/v1/namespaces/default/pods/${path}`);
      return [status, json.reason, json.message];
    };
    assert.deepEqual(await error("nope/log"), [404, "NotFound", 'pods "nope" not found']);
    assert.deepEqual(await error("two/log"), [
      400,
      "BadRequest",
      "a container name must be specified for pod two, choose one of: [app sidecar]",
    ]);
    assert.deepEqual(await error("web/log?container=db"), [
      400,
      "BadRequest",
      "container db is not valid for pod web",
    ]);
    assert.deepEqual(await error("creating/log"), [
      400,
      "BadRequest",
      'container "app" in pod "creating" is waiting to start: ContainerCreating',
    ]);
    assert.deepEqual(await error("web/log?previous=true"), [
      400,
      "BadRequest",
      'previous terminated container "app" in pod "web" not found',
    ]);
    const { status, json } = await fixture.call(
      "GET",
      "/api/v1/namespaces/default/pods/web/log?tailLines=-1",
    );
    assert.equal(status, 422);
    assert.equal(
      json.message,
      'PodLogOptions "web" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0',
    );
    // A pod on no node has nothing to ask: kube-apiserver answers 204 with no body or type.
    for (const query of ["", "?follow=true"]) {
      const unscheduled = await fixture.call(
        "GET",
        `/api/v1/namespaces/default/pods/unscheduled/log${query}`,
      );
      assert.equal(unscheduled.status, 204);
      assert.equal(unscheduled.text, "");
      assert.equal(unscheduled.headers.get("content-type"), null);
      assert.equal(unscheduled.headers.get("cache-control"), "no-cache, private");
    }
  });

  it("exec and attach without an upgrade are the proxy's 400, after the pod checks", async () => {
    const fixture = kubeFixture();
    addPods(fixture);
    const exec = await fixture.call("POST", "/api/v1/namespaces/default/pods/web/exec?command=ls");
    assert.equal(exec.status, 400);
    assert.equal(exec.json.message, "Upgrade request required");
    const unscheduled = await fixture.call(
      "GET",
      "/api/v1/namespaces/default/pods/unscheduled/attach",
    );
    assert.equal(unscheduled.json.message, "pod unscheduled does not have a host assigned");
    assert.equal(
      (await fixture.call("GET", "/api/v1/namespaces/default/pods/nope/exec")).status,
      404,
    );
  });
});
