// Every watch form waits for the journal before showing a change (a crash must not unsay it).

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { kubeFixture } from "./kube_fixture.ts";

const PARTIAL = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1";
const PATH = "/api/v1/namespaces/default/configmaps";

const FORMS: readonly (readonly [string, string])[] = [
  ["JSON", "application/json"],
  ["PartialObjectMetadata", PARTIAL],
  ["Table", "application/json;as=Table;g=meta.k8s.io;v=v1"],
];

describe("watches behind a durability gate", () => {
  for (const [form, accept] of FORMS) {
    it(`a ${form} watch shows a change only once the journal holds it`, async () => {
      let pending: PromiseWithResolvers<void> | undefined;
      const { app, cluster, call } = kubeFixture({ durable: () => pending?.promise });
      const listed = await call("GET", PATH);
      const response = await app.request(
        `${PATH}?watch=true&resourceVersion=${listed.json.metadata.resourceVersion}`,
        { headers: { accept } },
        { cluster, client: { authenticated: true, user: "admin", groups: ["system:masters"] } },
      );
      assert.equal(response.status, 200);
      const reader = response.body!.getReader();
      pending = Promise.withResolvers();
      const created = await call("POST", PATH, { metadata: { name: "late" }, data: {} });
      assert.equal(created.status, 201);
      let read = false;
      const next = reader.read().then((result) => {
        read = true;
        return result;
      });
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(read, false, "the event waits while its change is not durable");
      const journaled = pending;
      pending = undefined;
      journaled.resolve();
      const line = new TextDecoder().decode((await next).value);
      assert.match(line, /"name":"late"/);
      await reader.cancel();
    });
  }
});
