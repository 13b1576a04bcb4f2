// Tests that label selectors parse like labels.Parse and match like upstream requirements.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseLabelSelector } from "../../src/selectors/mod.ts";

const KCP =
  "component in (etcd,kube-apiserver,kube-controller-manager,kube-scheduler),tier=control-plane";

describe("parseLabelSelector", () => {
  it("prints what it parsed, requirements sorted by key and spaces gone", () => {
    const cases: [string, string][] = [
      ["", ""],
      ["x=a,y=b,z=c", "x=a,y=b,z=c"],
      ["x!=a,y=b", "x!=a,y=b"],
      ["x==a", "x==a"],
      ["x=", "x="],
      ["x= ,z= ", "x=,z="],
      ["!x", "!x"],
      ["x", "x"],
      ["x>1,z<5", "x>1,z<5"],
      ["x=a,a=x", "a=x,x=a"],
      [KCP, KCP],
      ["x in (c,b,b)", "x in (b,c)"],
      ["x in (foo,,baz),y,z notin ()", "x in (,baz,foo),y,z notin ()"],
      ["x in (abc,)", "x in (,abc)"],
      ["x in ()", "x in ()"],
      ["a in (in,notin)", "a in (in,notin)"],
      ["notin=in", "notin=in"],
      ["  a  !=  b ,  c  ", "a!=b,c"],
      ["foo  in\t (abc)", "foo in (abc)"],
      ["x notin\n (abc)", "x notin (abc)"],
      ["\rx", "x"],
      [
        "0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)",
        "0.1.2.domain/99 notin (10.10.100.1,tick.tack.clock)",
      ],
      ["metal3.io/uuid=6b7e1c9e-0000-4d1a-9f0e-1", "metal3.io/uuid=6b7e1c9e-0000-4d1a-9f0e-1"],
    ];
    for (const [text, printed] of cases) {
      assert.equal(parseLabelSelector(text).toString(), printed, text);
    }
  });

  it("is empty only without requirements", () => {
    assert.equal(parseLabelSelector("").empty, true);
    assert.equal(parseLabelSelector("  \t").empty, true);
    assert.equal(parseLabelSelector("a").empty, false);
  });

  it("does not split the KCP selector at the commas inside in (...)", () => {
    const selector = parseLabelSelector(KCP);
    assert.equal(selector.matches({ component: "etcd", tier: "control-plane" }), true);
    assert.equal(selector.matches({ component: "kube-scheduler", tier: "control-plane" }), true);
    assert.equal(selector.matches({ component: "coredns", tier: "control-plane" }), false);
    assert.equal(selector.matches({ component: "etcd" }), false);
    assert.equal(selector.matches({ tier: "control-plane" }), false);
  });
});

describe("label selector matching", () => {
  const cases: [string, Record<string, string> | undefined, boolean][] = [
    ["", { x: "y" }, true],
    ["", undefined, true],
    ["x=y", { x: "y" }, true],
    ["x==y", { x: "y" }, true],
    ["x=y", { x: "z" }, false],
    ["x=z", {}, false],
    ["x=", { x: "" }, true],
    ["x=", {}, false],
    ["x=y,z=w", { x: "y", z: "w" }, true],
    ["x=y,z=w", { x: "w", z: "w" }, false],
    ["x!=y,z!=w", { x: "z", z: "a" }, true],
    ["x!=y,z!=w", { x: "z", z: "w" }, false],
    ["x!=y", {}, true],
    ["x!=y", undefined, true],
    ["x in (a,b)", { x: "b" }, true],
    ["x in (a,b)", { x: "c" }, false],
    ["x in (a,b)", {}, false],
    ["x in ()", { x: "" }, true],
    ["x in ()", { y: "baz" }, false],
    ["x notin (a,b)", { x: "c" }, true],
    ["x notin (a,b)", { x: "a" }, false],
    ["x notin (a,b)", {}, true],
    ["x notin (),y", { y: "" }, true],
    ["x", { x: "z" }, true],
    ["x", { y: "z" }, false],
    ["!x", { y: "z" }, true],
    ["!x", { x: "z" }, false],
    ["!x", undefined, true],
    ["x>1", { x: "2" }, true],
    ["x>1", { x: "0" }, false],
    ["x>1", { x: "v2" }, false],
    ["x>1", {}, false],
    ["x<1", { x: "-3" }, true],
    ["x<1", { x: "2" }, false],
    ["constructor", {}, false],
    ["toString!=a", {}, true],
    ["notin=in", { notin: "in" }, true],
  ];
  for (const [text, labels, expected] of cases) {
    it(`${JSON.stringify(text)} ${expected ? "matches" : "does not match"} ${JSON.stringify(labels)}`, () => {
      assert.equal(parseLabelSelector(text).matches(labels), expected);
    });
  }
});
