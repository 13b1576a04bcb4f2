// Kubernetes' quantity and semver CEL libraries in x-kubernetes-validations
// (k8s.io/apiserver pkg/cel/library quantity.go, semverlib.go).

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  customResourceSchema,
  errorBody,
  validateCustomResource,
} from "../../../src/api/crd/mod.ts";

// The messages of the rules that fail on an object whose spec is `spec`.
function failures(rules: string[], spec: Record<string, unknown>): string[] {
  const schema = customResourceSchema({
    type: "object",
    properties: {
      spec: {
        type: "object",
        "x-kubernetes-validations": rules.map((rule) => ({ rule })),
        properties: {
          request: { type: "string" },
          limit: { type: "string" },
          version: { type: "string" },
        },
      },
    },
  })!;
  const object = { apiVersion: "example.com/v1", kind: "W", metadata: { name: "w" }, spec };
  return validateCustomResource(schema, object, undefined, { minor: 33 }).map((e) =>
    errorBody(e, 33)
  );
}

describe("the quantity library", () => {
  it("parses, compares, converts and adds as resource.Quantity does", () => {
    assert.deepEqual(
      failures([
        "isQuantity(self.request) && !isQuantity('1.2.3')",
        "quantity(self.request).isLessThan(quantity(self.limit))",
        "quantity(self.limit).isGreaterThan(quantity(self.request))",
        "quantity('1') == quantity('1000m') && quantity('1Ki') == quantity('1024')",
        "quantity(self.request).compareTo(quantity('500m')) == 0",
        "quantity('1.5').isInteger() == false && quantity('2k').asInteger() == 2000",
        "quantity('250m').add(quantity('750m')) == quantity('1')",
        "quantity('2').sub(1) == quantity('1') && quantity('1').add(1).asInteger() == 2",
        "sign(quantity('-1Mi')) == -1 && sign(quantity('0')) == 0",
        "quantity('1.5').asApproximateFloat() == 1.5",
        "type(quantity('1')) == kubernetes.Quantity",
      ], { request: "500m", limit: "1Gi" }),
      [],
    );
  });

  it("a rule comparing quantities fails with the rule's message", () => {
    assert.deepEqual(
      failures(["quantity(self.request).isLessThan(quantity(self.limit))"], {
        request: "2",
        limit: "1",
      }),
      [
        'Invalid value: "object": failed rule: quantity(self.request).isLessThan(quantity(self.limit))',
      ],
    );
  });
});

describe("the semver library", () => {
  it("parses strictly, normalizes on request, compares by precedence", () => {
    assert.deepEqual(
      failures([
        "isSemver(self.version) && !isSemver('v1.2.3') && isSemver('v1.2', true)",
        "semver(self.version).major() == 1 && semver(self.version).minor() == 33",
        "semver(self.version).isGreaterThan(semver('1.33.0-rc.1'))",
        "semver('1.0.0-alpha').isLessThan(semver('1.0.0-alpha.1'))",
        "semver('1.0.0-alpha.beta').compareTo(semver('1.0.0-beta')) == -1",
        "semver('1.0.0+build.1') == semver('1.0.0')",
        "semver('v01.02', true) == semver('1.2.0')",
        "!isSemver('1.02.3') && !isSemver('1.2.3-01')",
      ], { version: "1.33.0" }),
      [],
    );
  });
});

describe("the ip and cidr libraries", () => {
  it("parse as netip does, without zones or mapped IPv4", () => {
    assert.deepEqual(
      failures([
        "isIP('10.0.0.1') && isIP('2001:db8::1') && !isIP('010.0.0.1') && !isIP('fe80::1%eth0')",
        "!isIP('::ffff:1.2.3.4') && !isIP('1.2.3') && isIP('::')",
        "ip.isCanonical('2001:db8::1') && !ip.isCanonical('2001:DB8::1')",
        "!ip.isCanonical('2001:db8:0:0:0:0:0:1')",
        "string(ip('2001:0db8:0:0:1:0:0:1')) == '2001:db8::1:0:0:1'",
        "ip('10.0.0.1').family() == 4 && ip('::1').family() == 6 && ip('::1').isLoopback()",
        "ip('169.254.1.1').isLinkLocalUnicast() && ip('fe80::1').isLinkLocalUnicast()",
        "ip('224.0.0.251').isLinkLocalMulticast() && ip('10.1.2.3').isGlobalUnicast()",
        "ip('0.0.0.0').isUnspecified() && !ip('255.255.255.255').isGlobalUnicast()",
        "ip('10.0.0.1') == ip('10.0.0.1') && ip('10.0.0.1') != ip('10.0.0.2')",
      ], {}),
      [],
    );
  });

  it("contain addresses and prefixes, mask, print", () => {
    assert.deepEqual(
      failures([
        "isCIDR('10.0.0.0/8') && !isCIDR('10.0.0.0/33') && !isCIDR('10.0.0.0')",
        "cidr('10.0.0.0/8').containsIP('10.1.2.3') && !cidr('10.0.0.0/8').containsIP('11.0.0.1')",
        "cidr('10.0.0.0/8').containsIP(ip('10.9.9.9'))",
        "cidr('10.0.0.0/8').containsCIDR('10.1.0.0/16') && !cidr('10.1.0.0/16').containsCIDR('10.0.0.0/8')",
        "cidr('2001:db8::/32').containsCIDR(cidr('2001:db8:1::/48'))",
        "cidr('10.1.2.3/8').prefixLength() == 8 && string(cidr('10.1.2.3/8').masked()) == '10.0.0.0/8'",
        "cidr('10.1.2.3/8').ip() == ip('10.1.2.3') && string(cidr('2001:db8::/32')) == '2001:db8::/32'",
      ], {}),
      [],
    );
  });
});
