// Services as kube-apiserver stores them: defaults, ClusterIP and IP families, NodePorts with 422s.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { defaultOnCreate, defaultOnUpdate, DefaultsError } from "../../../src/api/defaults/mod.ts";
import { target, testContext } from "./_context.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

const SERVICE = target("", "Service", "services");
const service = (spec: Loose, name = "s"): Loose => ({
  metadata: { name, namespace: "default" },
  spec,
});

describe("Service defaults and allocation", () => {
  it("a ClusterIP Service gets its type, ports, affinity, policies, address and families", () => {
    const object = service({ selector: { app: "a" }, ports: [{ port: 80 }] });
    defaultOnCreate(SERVICE, object, testContext());
    assert.deepEqual(object.spec, {
      selector: { app: "a" },
      ports: [{ port: 80, protocol: "TCP", targetPort: 80 }],
      sessionAffinity: "None",
      type: "ClusterIP",
      internalTrafficPolicy: "Cluster",
      clusterIP: "10.96.0.11",
      clusterIPs: ["10.96.0.11"],
      ipFamilyPolicy: "SingleStack",
      ipFamilies: ["IPv4"],
    });
  });

  it("NodePort: externalTrafficPolicy Cluster and a random free port in 30000-32767", () => {
    const object = service({
      type: "NodePort",
      ports: [{ port: 80 }, { port: 80, protocol: "UDP" }],
    });
    defaultOnCreate(SERVICE, object, testContext({ values: [0.5] }));
    assert.equal(object.spec.externalTrafficPolicy, "Cluster");
    const [tcp, udp] = object.spec.ports;
    assert.equal(tcp.nodePort, 30000 + Math.floor(0.5 * 2768));
    assert.equal(udp.nodePort, tcp.nodePort, "one port number shares one NodePort");
  });

  it("a NodePort another Service holds is 422 'provided port is already allocated'", () => {
    const other = service({ type: "NodePort", ports: [{ port: 80, nodePort: 30080 }] }, "other");
    const context = testContext({ stored: { services: [other] } });
    const object = service({ type: "NodePort", ports: [{ port: 81, nodePort: 30080 }] });
    assert.throws(() => defaultOnCreate(SERVICE, object, context), (error) => {
      assert.ok(error instanceof DefaultsError);
      assert.equal(error.reason, "Invalid");
      assert.equal(
        error.message,
        "spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated",
      );
      assert.deepEqual(error.causes, [{
        field: "spec.ports[0].nodePort",
        reason: "FieldValueInvalid",
        message: "Invalid value: 30080: provided port is already allocated",
      }]);
      return true;
    });
    // Allocation skips the taken port; once the other Service is gone, the port is free again.
    const next = service({ type: "NodePort", ports: [{ port: 81 }] });
    defaultOnCreate(
      SERVICE,
      next,
      testContext({ values: [80 / 2768], stored: { services: [other] } }),
    );
    assert.equal(next.spec.ports[0].nodePort, 30081);
    const again = service({ type: "NodePort", ports: [{ port: 81, nodePort: 30080 }] });
    defaultOnCreate(SERVICE, again, testContext({ stored: { services: [] } }));
    assert.equal(again.spec.ports[0].nodePort, 30080);
  });

  it("a NodePort outside the range is 422 with the range in the message", () => {
    const object = service({ type: "NodePort", ports: [{ port: 80, nodePort: 40000 }] });
    assert.throws(
      () => defaultOnCreate(SERVICE, object, testContext()),
      /spec.ports\[0\].nodePort: Invalid value: 40000: provided port is not in the valid range. The range of valid ports is 30000-32767/,
    );
  });

  it("a ClusterIP another Service holds is 422 'provided IP is already allocated'", () => {
    const other = service({ clusterIP: "10.96.0.10", clusterIPs: ["10.96.0.10"] }, "dns");
    const object = service({ clusterIP: "10.96.0.10" });
    assert.throws(
      () => defaultOnCreate(SERVICE, object, testContext({ stored: { services: [other] } })),
      /spec.clusterIPs: Invalid value: \[\]string\{"10.96.0.10"\}: failed to allocate IP 10.96.0.10: provided IP is already allocated/,
    );
  });

  it("an allocated ClusterIP skips addresses clients asked for", () => {
    const other = service({ clusterIP: "10.96.0.11", clusterIPs: ["10.96.0.11"] }, "pinned");
    const object = service({ ports: [{ port: 80 }] });
    defaultOnCreate(SERVICE, object, testContext({ stored: { services: [other] } }));
    assert.equal(object.spec.clusterIP, "10.96.0.12");
  });

  it("LoadBalancer: allocateLoadBalancerNodePorts, and a health check port for Local traffic", () => {
    const object = service({
      type: "LoadBalancer",
      externalTrafficPolicy: "Local",
      ports: [{ port: 443 }],
    });
    defaultOnCreate(SERVICE, object, testContext({ values: [0, 0] }));
    assert.equal(object.spec.allocateLoadBalancerNodePorts, true);
    assert.equal(object.spec.ports[0].nodePort, 30000);
    assert.equal(object.spec.healthCheckNodePort, 30001);
  });

  it("headless: no address; without a selector the family policy is RequireDualStack", () => {
    const object = service({ clusterIP: "None" });
    defaultOnCreate(SERVICE, object, testContext());
    assert.deepEqual(
      [object.spec.clusterIPs, object.spec.ipFamilyPolicy, object.spec.ipFamilies],
      [["None"], "RequireDualStack", ["IPv4"]],
    );
  });

  it("ExternalName: no address, no families, no internalTrafficPolicy", () => {
    const object = service({ type: "ExternalName", externalName: "example.com" });
    defaultOnCreate(SERVICE, object, testContext());
    assert.deepEqual(object.spec, {
      type: "ExternalName",
      externalName: "example.com",
      sessionAffinity: "None",
    });
  });

  it("an update that leaves out the allocated address and NodePorts keeps them", () => {
    const current = service({ type: "NodePort", ports: [{ port: 80 }] });
    defaultOnCreate(SERVICE, current, testContext({ values: [0.25] }));
    const incoming = service({ type: "NodePort", ports: [{ port: 80 }] });
    defaultOnUpdate(SERVICE, incoming, current, testContext({ stored: { services: [current] } }));
    assert.equal(incoming.spec.clusterIP, current.spec.clusterIP);
    assert.equal(incoming.spec.ports[0].nodePort, current.spec.ports[0].nodePort);
  });

  it("ClientIP affinity gets the 3-hour timeout", () => {
    const object = service({ sessionAffinity: "ClientIP" });
    defaultOnCreate(SERVICE, object, testContext());
    assert.deepEqual(object.spec.sessionAffinityConfig, { clientIP: { timeoutSeconds: 10800 } });
  });
});
