// The DNS Service address kubeadm derives from the service subnet.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { dnsServiceIP, indexedServiceIP } from "../../src/seed/service_ip.ts";

describe("service IPs", () => {
  it("the DNS Service takes the 10th address of kubeadm's default subnet", () => {
    assert.equal(dnsServiceIP("10.96.0.0/12"), "10.96.0.10");
  });

  it("counts from the network address, not from the address as written", () => {
    assert.equal(dnsServiceIP("10.100.7.3/16"), "10.100.0.10");
  });

  it("carries into the next octet", () => {
    assert.equal(indexedServiceIP("10.0.0.0/8", 300), "10.0.1.44");
  });

  it("uses the first subnet of a dual-stack pair", () => {
    assert.equal(dnsServiceIP("10.128.0.0/12, fd00:10:96::/112"), "10.128.0.10");
  });

  it("handles IPv6 subnets, printed in RFC 5952 form", () => {
    assert.equal(dnsServiceIP("fd00:10:96::/112"), "fd00:10:96::a");
    assert.equal(dnsServiceIP("fd00::/108"), "fd00::a");
    assert.equal(indexedServiceIP("2001:db8:0:1::/64", 1), "2001:db8:0:1::1");
  });

  it("rejects malformed and too-small subnets", () => {
    assert.throws(() => dnsServiceIP("10.96.0/12"), /Cannot derive a service IP/);
    assert.throws(() => dnsServiceIP("10.96.0.0/33"), /Cannot derive a service IP/);
    assert.throws(() => dnsServiceIP("10.96.0.0/29"), /too small/);
  });
});
