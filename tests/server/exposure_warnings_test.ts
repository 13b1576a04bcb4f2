// Start-up warnings: the control API without a token, or anonymous cluster listeners, beyond loopback.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { controlExposureWarning, exposureWarnings } from "../../src/server/exposure_warnings.ts";

describe("control exposure warning", () => {
  it("warns about kubeconfigs and CA keys on a non-loopback address without a token", () => {
    const warning = controlExposureWarning({ controlAddress: { host: "0.0.0.0", port: 0 } }, 3333);
    assert.ok(warning);
    assert.match(warning.message, /CA private keys/);
    assert.match(warning.message, /--control-token/);
    assert.deepEqual(warning.fields, { control: "0.0.0.0:3333" });
    const v6 = controlExposureWarning({ controlAddress: { host: "::", port: 3333 } }, 3333);
    assert.deepEqual(v6?.fields, { control: "[::]:3333" });
  });

  it("stays quiet with a token or on loopback", () => {
    const exposed = { host: "0.0.0.0", port: 3333 };
    assert.equal(
      controlExposureWarning({ controlAddress: exposed, controlToken: "t" }, 3333),
      undefined,
    );
    for (const host of ["127.0.0.1", "127.1.2.3", "::1"]) {
      assert.equal(controlExposureWarning({ controlAddress: { host, port: 1 } }, 1), undefined);
    }
  });

  it("also warns about --anonymous-auth on listeners beyond loopback, and only then", () => {
    const settings = {
      controlAddress: { host: "127.0.0.1", port: 3333 },
      listenHost: "0.0.0.0",
      anonymousAuth: true,
    };
    const [warning, ...rest] = exposureWarnings(settings, 3333);
    assert.deepEqual(rest, []);
    assert.match(warning.message, /without a client certificate/);
    assert.deepEqual(warning.fields, { listenHost: "0.0.0.0" });
    assert.deepEqual(exposureWarnings({ ...settings, listenHost: "127.0.0.1" }, 3333), []);
    assert.deepEqual(exposureWarnings({ ...settings, anonymousAuth: false }, 3333), []);
    const both = exposureWarnings({ ...settings, controlAddress: { host: "::", port: 1 } }, 1);
    assert.equal(both.length, 2);
  });
});
