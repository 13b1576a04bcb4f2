// Tests which control routes the peer layer forwards, merges or serves itself.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { clusterOfBody, controlRoute } from "../../../src/hosts/peers/control_route.ts";

const body = (value: unknown) =>
  new TextEncoder().encode(typeof value === "string" ? value : JSON.stringify(value));

describe("control routes and their cluster", () => {
  it("routes naming a cluster in their path go to its owner, whatever follows", () => {
    for (const path of ["/clusters/ns/c", "/clusters/ns/c/kubeconfig", "/clusters/ns/c/faults/7"]) {
      assert.deepEqual(controlRoute("GET", path), { kind: "cluster", namespace: "ns", name: "c" });
    }
    assert.deepEqual(controlRoute("DELETE", "/clusters/ns/c/nodes/n"), {
      kind: "cluster",
      namespace: "ns",
      name: "c",
    });
  });

  it("path segments are decoded as Hono decodes route parameters", () => {
    assert.deepEqual(controlRoute("GET", "/clusters/n%73/c"), {
      kind: "cluster",
      namespace: "ns",
      name: "c",
    });
    assert.deepEqual(controlRoute("GET", "/clusters/ns/%E0%A4%A"), { kind: "local" });
  });

  it("GET /clusters is merged; register and updateNode read their body; the rest is local", () => {
    assert.deepEqual(controlRoute("GET", "/clusters"), { kind: "list" });
    assert.deepEqual(controlRoute("POST", "/register"), { kind: "body" });
    assert.deepEqual(controlRoute("PUT", "/updateNode"), { kind: "body" });
    for (
      const [method, path] of [
        ["POST", "/clusters"],
        ["GET", "/register"],
        ["POST", "/updateNode"],
        ["GET", "/clusters/ns"],
        ["GET", "/clusters//c"],
        ["GET", "/metrics"],
        ["GET", "/healthz"],
        ["GET", "/ui/api/clusters"],
      ]
    ) {
      assert.deepEqual(controlRoute(method, path), { kind: "local" }, `${method} ${path}`);
    }
  });

  it("a body's cluster is read as the control API reads it: keys case-insensitively", () => {
    assert.deepEqual(clusterOfBody(body({ cluster: "c", namespace: "ns" })), {
      namespace: "ns",
      name: "c",
    });
    assert.deepEqual(clusterOfBody(body({ Cluster: "c", NAMESPACE: "ns", extra: 1 })), {
      namespace: "ns",
      name: "c",
    });
    // An exact key wins over a folded one, as in parseFkasObject.
    assert.deepEqual(clusterOfBody(body('{"Cluster":"x","cluster":"c","namespace":"ns"}')), {
      namespace: "ns",
      name: "c",
    });
  });

  it("a body naming no cluster is left to the local control API (the same 400 anywhere)", () => {
    for (const value of ["", "{", "[1]", { cluster: "c" }, { cluster: 1, namespace: "ns" }]) {
      assert.equal(clusterOfBody(body(value)), undefined, JSON.stringify(value));
    }
  });
});
