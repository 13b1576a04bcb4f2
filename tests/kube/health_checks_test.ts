// /healthz, /livez and /readyz as kube-apiserver v1.36 answers them: `ok` with nosniff, the
// verbose list of checks, excluded and unknown checks, one check's path, 404 below the root.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { HEALTH_CHECKS } from "../../src/kube/health_checks.ts";
import { kubeFixture } from "./kube_fixture.ts";

describe("health endpoints", () => {
  it("the roots answer ok as text with nosniff", async () => {
    const { call } = kubeFixture();
    for (const path of ["/healthz", "/livez", "/readyz", "/readyz?exclude=etcd"]) {
      const { status, text, headers } = await call("GET", path);
      assert.equal(status, 200, path);
      assert.equal(text, "ok", path);
      assert.equal(headers.get("content-type"), "text/plain; charset=utf-8", path);
      assert.equal(headers.get("x-content-type-options"), "nosniff", path);
    }
  });

  it("?verbose lists every check and the verdict; exclusions are marked and unknown ones warned", async () => {
    const { call } = kubeFixture();
    const livez = await call("GET", "/livez?verbose");
    assert.equal(
      livez.text,
      HEALTH_CHECKS.livez.map((check) => `[+]${check} ok\n`).join("") + "livez check passed\n",
    );
    assert.match(
      livez.text,
      /^\[\+\]ping ok\n\[\+\]log ok\n\[\+\]loopback-serving-certificate ok\n/,
    );
    const readyz = await call("GET", "/readyz?verbose&exclude=etcd&exclude=nope&exclude=a");
    const lines = readyz.text.split("\n");
    assert.equal(lines[2], "[+]etcd excluded: ok");
    assert.equal(lines[3], "[+]etcd-readiness ok");
    assert.equal(lines.at(-4), "[+]shutdown ok");
    assert.equal(
      lines.at(-3),
      'warn: some health checks cannot be excluded: no matches for "a","nope"',
    );
    assert.equal(lines.at(-2), "readyz check passed");
  });

  it("one check answers ok without nosniff; an unknown one is Go's 404", async () => {
    const { call } = kubeFixture();
    for (
      const path of ["/healthz/etcd", "/livez/ping", "/healthz/poststarthook/rbac/bootstrap-roles"]
    ) {
      const { status, text, headers } = await call("GET", path);
      assert.equal(status, 200, path);
      assert.equal(text, "ok", path);
      assert.equal(headers.get("content-type"), "text/plain; charset=utf-8", path);
      assert.equal(headers.get("x-content-type-options"), null, path);
    }
    assert.equal((await call("GET", "/livez/shutdown")).text, "404 page not found\n");
  });
});
