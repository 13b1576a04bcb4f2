// The JavaScript Kubernetes client (@kubernetes/client-node) against fkas: typed APIs, Watch, informers.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type * as K8s from "@kubernetes/client-node";
import { type FkasProcess, startFkasProcess } from "./fkas_process.ts";
import {
  closeClients,
  clusterConfig,
  eventually,
  k8s,
  kubeConfigFor,
  recordWatch,
  reopenClients,
  statusOf,
  within,
} from "./client_node_fixture.ts";

const TEST = { timeout: 30_000 };

/** Rejects unless `call` fails with an ApiException of `code`; returns its Status body. */
async function apiError(code: number, call: Promise<unknown>): Promise<K8s.V1Status> {
  const error = await call.then(
    (value) => assert.fail(`expected an ApiException ${code}, got ${JSON.stringify(value)}`),
    (error: unknown) => error,
  );
  assert.ok(error instanceof k8s.ApiException, `expected an ApiException, got ${error}`);
  const { code: actual, status } = statusOf(error);
  assert.equal(actual, code, String(error));
  assert.ok(status, `the ApiException ${code} carries no Status body: ${String(error)}`);
  return status;
}

/** The Status of a call that must fail with 422 Invalid. */
async function invalid(call: Promise<unknown>): Promise<K8s.V1Status> {
  return await apiError(422, call);
}

const as = (contentType: string) => k8s.setHeaderOptions("Content-Type", contentType);

describe("@kubernetes/client-node against fkas", () => {
  let fkas: FkasProcess;
  let exitedEarly: number | null | undefined;
  before(async () => {
    reopenClients(); // Bun runs every file in one process: an earlier file closed them
    fkas = await startFkasProcess();
    void fkas.exited.then((code) => exitedEarly ??= code);
  });
  after(async () => {
    await closeClients();
    // A crash of fkas shows up as connection errors in the tests: say so, with its last output.
    if (exitedEarly !== undefined) {
      throw new Error(
        `fkas exited (${exitedEarly}) during the tests:\n${fkas.output().slice(-4000)}`,
      );
    }
    await fkas?.stop();
  });

  describe("typed APIs", () => {
    let kc: K8s.KubeConfig;
    let core: K8s.CoreV1Api;
    before(async () => {
      kc = await clusterConfig(fkas, "typed", ["typed-md-1", "typed-md-2"]);
      core = kc.makeApiClient(k8s.CoreV1Api);
    });

    it(
      "verifies fkas with the kubeconfig's CA and authenticates with its client certificate",
      TEST,
      async () => {
        await fkas.register("default", "stranger");
        const strangerCa =
          (await fkas.kubeconfig("default", "stranger")).config.clusters[0].cluster[
            "certificate-authority-data"
          ];
        const wrongCa = await kubeConfigFor(fkas, "typed", {
          edit: (config) => config.clusters[0].cluster["certificate-authority-data"] = strangerCa,
        });
        const error = await wrongCa.makeApiClient(k8s.CoreV1Api).listNode().then(
          () => assert.fail("a server certificate from another CA was accepted"),
          (error: Error & { cause?: { code?: string; message?: string } }) => error,
        );
        assert.ok(!(error instanceof k8s.ApiException), String(error));
        assert.match(
          `${error.message} ${error.cause?.code} ${error.cause?.message}`,
          /certificate|issuer/i,
        );

        const anonymous = await kubeConfigFor(fkas, "typed", {
          edit: (config) => {
            delete config.users[0].user["client-certificate-data"];
            delete config.users[0].user["client-key-data"];
          },
        });
        const unauthorized = await anonymous.makeApiClient(k8s.CoreV1Api).listNode().then(
          () => assert.fail("a request without a client certificate was served"),
          (error: unknown) => error,
        );
        assert.ok(unauthorized instanceof k8s.ApiException, String(unauthorized));
        assert.equal(unauthorized.code, 401);
      },
    );

    it("CoreV1Api lists nodes, filtered by a label selector", TEST, async () => {
      const all = await core.listNode();
      assert.deepEqual(all.items.map((node) => node.metadata?.name).sort(), [
        "typed-cp-1",
        "typed-md-1",
        "typed-md-2",
      ]);
      const controlPlanes = await core.listNode({
        labelSelector: "node-role.kubernetes.io/control-plane",
      });
      assert.deepEqual(controlPlanes.items.map((node) => node.metadata?.name), ["typed-cp-1"]);
      const workers = await core.listNode({
        labelSelector: "!node-role.kubernetes.io/control-plane",
      });
      assert.deepEqual(workers.items.map((node) => node.metadata?.name).sort(), [
        "typed-md-1",
        "typed-md-2",
      ]);
      // The list is deserialized into typed models (timestamps become Dates).
      assert.ok(all.items[0].metadata?.creationTimestamp instanceof Date);
      assert.match(all.metadata?.resourceVersion ?? "", /^\d+$/);
    });

    it("CoreV1Api reads a pod", TEST, async () => {
      const pod = await core.readNamespacedPod({
        name: "kube-apiserver-typed-cp-1",
        namespace: "kube-system",
      });
      assert.equal(pod.kind, "Pod");
      assert.equal(pod.spec?.nodeName, "typed-cp-1");
      assert.equal(pod.spec?.containers[0].name, "kube-apiserver");
      assert.equal(pod.status?.phase, "Running");
    });

    it(
      "CoreV1Api creates, replaces, patches (json, merge, strategic, apply) and deletes a ConfigMap",
      TEST,
      async () => {
        const namespace = "default";
        const name = "settings";
        const created = await core.createNamespacedConfigMap({
          namespace,
          body: { metadata: { name, labels: { team: "a" } }, data: { a: "1" } },
        });
        assert.equal(created.metadata?.name, name);
        assert.match(created.metadata?.uid ?? "", /^[0-9a-f-]{36}$/);
        assert.deepEqual(created.data, { a: "1" });

        const replaced = await core.replaceNamespacedConfigMap({
          name,
          namespace,
          body: { ...created, data: { a: "1", b: "2" } },
        });
        assert.deepEqual(replaced.data, { a: "1", b: "2" });
        assert.notEqual(replaced.metadata?.resourceVersion, created.metadata?.resourceVersion);

        // client-node's patch calls default to application/json-patch+json.
        const jsonPatched = await core.patchNamespacedConfigMap({
          name,
          namespace,
          body: [{ op: "add", path: "/data/c", value: "3" }],
        });
        assert.deepEqual(jsonPatched.data, { a: "1", b: "2", c: "3" });

        // Any other patch type needs the Content-Type set through setHeaderOptions.
        const merged = await core.patchNamespacedConfigMap(
          { name, namespace, body: { data: { a: null, d: "4" } } },
          as(k8s.PatchStrategy.MergePatch),
        );
        assert.deepEqual(merged.data, { b: "2", c: "3", d: "4" });

        const strategic = await core.patchNamespacedConfigMap(
          { name, namespace, body: { metadata: { labels: { tier: "web" } } } },
          as(k8s.PatchStrategy.StrategicMergePatch),
        );
        assert.deepEqual(strategic.metadata?.labels, { team: "a", tier: "web" });

        const applied = await core.patchNamespacedConfigMap(
          {
            name,
            namespace,
            fieldManager: "client-node-e2e",
            force: true,
            body: { apiVersion: "v1", kind: "ConfigMap", metadata: { name }, data: { e: "5" } },
          },
          as(k8s.PatchStrategy.ServerSideApply),
        );
        assert.deepEqual(applied.data, { b: "2", c: "3", d: "4", e: "5" });
        const entry = applied.metadata?.managedFields?.find((e) => e.manager === "client-node-e2e");
        assert.equal(entry?.operation, "Apply");
        assert.deepEqual(entry?.fieldsV1, { "f:data": { "f:e": {} } });
        // Another manager applying a different value conflicts: a 409 with one cause per field.
        const conflict = await apiError(
          409,
          core.patchNamespacedConfigMap(
            {
              name,
              namespace,
              fieldManager: "rival",
              body: { apiVersion: "v1", kind: "ConfigMap", metadata: { name }, data: { e: "6" } },
            },
            as(k8s.PatchStrategy.ServerSideApply),
          ),
        );
        assert.equal(conflict.reason, "Conflict");
        assert.deepEqual(conflict.details?.causes, [{
          reason: "FieldManagerConflict",
          message: 'conflict with "client-node-e2e"',
          field: ".data.e",
        }]);

        await core.deleteNamespacedConfigMap({ name, namespace });
        await apiError(404, core.readNamespacedConfigMap({ name, namespace }));
      },
    );

    it(
      "a replace with a stale resourceVersion is an ApiException 409 with a Status",
      TEST,
      async () => {
        const namespace = "default";
        const stale = await core.createNamespacedConfigMap({
          namespace,
          body: { metadata: { name: "contended" }, data: { v: "1" } },
        });
        await core.replaceNamespacedConfigMap({
          name: "contended",
          namespace,
          body: { ...stale, data: { v: "2" } },
        });
        const status = await apiError(
          409,
          core.replaceNamespacedConfigMap({
            name: "contended",
            namespace,
            body: { ...stale, data: { v: "3" } },
          }),
        );
        assert.equal(status.kind, "Status");
        assert.equal(status.status, "Failure");
        assert.equal(status.reason, "Conflict");
        assert.equal(status.code, 409);
        assert.match(status.message ?? "", /the object has been modified/);
        assert.equal(
          (await core.readNamespacedConfigMap({ name: "contended", namespace })).data?.v,
          "2",
        );
      },
    );

    it("a missing object is an ApiException 404 with a NotFound Status", TEST, async () => {
      const status = await apiError(
        404,
        core.readNamespacedConfigMap({ name: "absent", namespace: "default" }),
      );
      assert.equal(status.kind, "Status");
      assert.equal(status.reason, "NotFound");
      assert.equal(status.details?.name, "absent");
      assert.equal(status.details?.kind, "configmaps");
      await apiError(404, core.readNamespacedPod({ name: "absent", namespace: "nowhere" }));
    });

    it(
      "AppsV1Api creates a Deployment that a strategic merge patch updates by container name",
      TEST,
      async () => {
        const apps = kc.makeApiClient(k8s.AppsV1Api);
        const created = await apps.createNamespacedDeployment({
          namespace: "default",
          body: {
            metadata: { name: "web" },
            spec: {
              replicas: 2,
              selector: { matchLabels: { app: "web" } },
              template: {
                metadata: { labels: { app: "web" } },
                spec: {
                  containers: [
                    { name: "web", image: "nginx:1.27" },
                    { name: "sidecar", image: "busybox:1.36" },
                  ],
                },
              },
            },
          },
        });
        assert.equal(created.kind, "Deployment");
        assert.equal(created.metadata?.generation, 1);
        assert.equal(created.spec?.replicas, 2);
        const patched = await apps.patchNamespacedDeployment(
          {
            name: "web",
            namespace: "default",
            body: {
              spec: { template: { spec: { containers: [{ name: "web", image: "nginx:1.28" }] } } },
            },
          },
          as(k8s.PatchStrategy.StrategicMergePatch),
        );
        assert.deepEqual(
          patched.spec?.template.spec?.containers.map((c) => `${c.name}=${c.image}`),
          ["web=nginx:1.28", "sidecar=busybox:1.36"],
        );
        assert.equal(patched.metadata?.generation, 2);
        const listed = await apps.listNamespacedDeployment({ namespace: "default" });
        assert.deepEqual(listed.items.map((d) => d.metadata?.name), ["web"]);
      },
    );

    it("a typed list pages with limit and _continue", TEST, async () => {
      const namespace = "default";
      for (const index of [1, 2, 3, 4, 5]) {
        await core.createNamespacedConfigMap({
          namespace,
          body: { metadata: { name: `page-${index}`, labels: { paged: "yes" } } },
        });
      }
      const seen: string[] = [];
      const pageSizes: number[] = [];
      let token: string | undefined;
      let firstResourceVersion: string | undefined;
      do {
        const page: K8s.V1ConfigMapList = await core.listNamespacedConfigMap({
          namespace,
          labelSelector: "paged=yes",
          limit: 2,
          _continue: token,
        });
        firstResourceVersion ??= page.metadata?.resourceVersion;
        // Every page of a paged list carries the first page's resourceVersion.
        assert.equal(page.metadata?.resourceVersion, firstResourceVersion);
        pageSizes.push(page.items.length);
        seen.push(...page.items.map((item) => item.metadata!.name!));
        token = page.metadata?._continue;
      } while (token && pageSizes.length < 10);
      assert.deepEqual(pageSizes, [2, 2, 1]);
      assert.deepEqual(seen, ["page-1", "page-2", "page-3", "page-4", "page-5"]);

      // Without a selector the apiserver also says how many items remain.
      const first = await core.listNamespacedConfigMap({ namespace, limit: 2 });
      assert.ok(first.metadata?._continue);
      assert.equal(
        first.metadata?.remainingItemCount,
        (await core.listNamespacedConfigMap({ namespace })).items.length - 2,
      );
      // A continue token that is not the server's is a 400.
      const status = await apiError(
        400,
        core.listNamespacedConfigMap({ namespace, limit: 2, _continue: "not-a-token" }),
      );
      assert.equal(status.reason, "BadRequest");
    });

    it(
      "CustomObjectsApi serves a CRD created through ApiextensionsV1Api, until it is deleted",
      TEST,
      async () => {
        const extensions = kc.makeApiClient(k8s.ApiextensionsV1Api);
        const custom = kc.makeApiClient(k8s.CustomObjectsApi);
        const crd = await extensions.createCustomResourceDefinition({
          body: {
            metadata: { name: "widgets.example.com" },
            spec: {
              group: "example.com",
              scope: "Namespaced",
              names: {
                plural: "widgets",
                singular: "widget",
                kind: "Widget",
                listKind: "WidgetList",
              },
              versions: [{
                name: "v1",
                served: true,
                storage: true,
                schema: {
                  openAPIV3Schema: {
                    type: "object",
                    properties: {
                      spec: {
                        type: "object",
                        properties: { size: { type: "integer" }, color: { type: "string" } },
                      },
                    },
                  },
                },
              }],
            },
          },
        });
        assert.equal(crd.metadata?.name, "widgets.example.com");
        let conditions: unknown;
        await eventually(10_000, "the CRD to be Established", async () => {
          const read = await extensions.readCustomResourceDefinition({ name: crd.metadata!.name! });
          conditions = read.status?.conditions;
          return read.status?.conditions?.some((c) =>
            c.type === "Established" && c.status === "True"
          ) ?? false;
        }, () => conditions);

        const widgets = {
          group: "example.com",
          version: "v1",
          namespace: "default",
          plural: "widgets",
        };
        const created = await custom.createNamespacedCustomObject({
          ...widgets,
          body: {
            apiVersion: "example.com/v1",
            kind: "Widget",
            metadata: { name: "w1", labels: { shape: "round" } },
            spec: { size: 1, color: "red" },
          },
        }) as K8s.KubernetesObject & { spec: { size: number; color: string } };
        assert.equal(created.kind, "Widget");
        assert.match(created.metadata?.uid ?? "", /^[0-9a-f-]{36}$/);
        await custom.createNamespacedCustomObject({
          ...widgets,
          body: { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w2" } },
        });

        const list = await custom.listNamespacedCustomObject({ ...widgets }) as {
          kind: string;
          items: K8s.KubernetesObject[];
        };
        assert.equal(list.kind, "WidgetList");
        assert.deepEqual(list.items.map((item) => item.metadata?.name), ["w1", "w2"]);
        const selected = await custom.listNamespacedCustomObject({
          ...widgets,
          labelSelector: "shape=round",
        }) as { items: K8s.KubernetesObject[] };
        assert.deepEqual(selected.items.map((item) => item.metadata?.name), ["w1"]);

        const got = await custom.getNamespacedCustomObject({ ...widgets, name: "w1" }) as {
          spec: { size: number; color: string };
        };
        assert.deepEqual(got.spec, { size: 1, color: "red" });

        const merged = await custom.patchNamespacedCustomObject(
          { ...widgets, name: "w1", body: { spec: { size: 2 } } },
          as(k8s.PatchStrategy.MergePatch),
        ) as { spec: { size: number; color: string } };
        assert.deepEqual(merged.spec, { size: 2, color: "red" });
        const jsonPatched = await custom.patchNamespacedCustomObject({
          ...widgets,
          name: "w1",
          body: [{ op: "replace", path: "/spec/color", value: "blue" }],
        }) as { spec: { size: number; color: string } };
        assert.deepEqual(jsonPatched.spec, { size: 2, color: "blue" });
        // Custom resources have no strategic merge: the apiserver answers 415.
        await apiError(
          415,
          custom.patchNamespacedCustomObject(
            { ...widgets, name: "w1", body: { spec: { size: 3 } } },
            as(k8s.PatchStrategy.StrategicMergePatch),
          ),
        );

        await extensions.deleteCustomResourceDefinition({ name: "widgets.example.com" });
        let last: unknown;
        await eventually(10_000, "the custom resource to go away with its CRD", async () => {
          try {
            last = await custom.getNamespacedCustomObject({ ...widgets, name: "w1" });
            return false;
          } catch (error) {
            last = statusOf(error);
            return statusOf(error).code === 404;
          }
        }, () => last);
      },
    );
  });

  describe("Watch", () => {
    let kc: K8s.KubeConfig;
    let writer: K8s.CoreV1Api;
    const path = "/api/v1/namespaces/default/configmaps";
    before(async () => {
      kc = await clusterConfig(fkas, "watch");
      writer = (await kubeConfigFor(fkas, "watch")).makeApiClient(k8s.CoreV1Api);
    });

    it("delivers ADDED, MODIFIED and DELETED for changes another client makes", TEST, async () => {
      const watch = await recordWatch(kc, path, { labelSelector: "suite=live" });
      try {
        const body = { metadata: { name: "live", labels: { suite: "live" } }, data: { v: "1" } };
        await writer.createNamespacedConfigMap({ namespace: "default", body });
        await writer.patchNamespacedConfigMap(
          { name: "live", namespace: "default", body: { data: { v: "2" } } },
          as(k8s.PatchStrategy.MergePatch),
        );
        await writer.deleteNamespacedConfigMap({ name: "live", namespace: "default" });
        await writer.createNamespacedConfigMap({
          namespace: "default",
          body: { metadata: { name: "unlabelled" } },
        });
        await watch.waitFor("the DELETED event", (event) => event.type === "DELETED");
        assert.deepEqual(watch.events.map((event) => `${event.type} ${event.name}`), [
          "ADDED live",
          "MODIFIED live",
          "DELETED live",
        ]);
        assert.equal((watch.events[1].object as K8s.V1ConfigMap).data?.v, "2");
        const versions = watch.events.map((event) => Number(event.resourceVersion));
        assert.deepEqual(versions, [...versions].sort((a, b) => a - b));
      } finally {
        watch.stop();
      }
    });

    it("resumes from a resourceVersion, replaying only the later changes", TEST, async () => {
      const namespace = "default";
      const labels = { suite: "resume" };
      const r1 = await writer.createNamespacedConfigMap({
        namespace,
        body: { metadata: { name: "r1", labels }, data: { v: "1" } },
      });
      await writer.replaceNamespacedConfigMap({
        name: "r1",
        namespace,
        body: { ...r1, data: { v: "2" } },
      });
      const r2 = await writer.createNamespacedConfigMap({
        namespace,
        body: { metadata: { name: "r2", labels } },
      });
      await writer.deleteNamespacedConfigMap({ name: "r1", namespace });

      const resumed = await recordWatch(kc, path, {
        labelSelector: "suite=resume",
        resourceVersion: r1.metadata!.resourceVersion!,
        timeoutSeconds: 1,
      });
      // The server ends the watch at timeoutSeconds: `done` is called without an error.
      assert.equal(await within(10_000, resumed.done, "the resumed watch to end"), null);
      assert.deepEqual(resumed.events.map((event) => `${event.type} ${event.name}`), [
        "MODIFIED r1",
        "ADDED r2",
        "DELETED r1",
      ]);

      const later = await recordWatch(kc, path, {
        labelSelector: "suite=resume",
        resourceVersion: r2.metadata!.resourceVersion!,
        timeoutSeconds: 1,
      });
      await within(10_000, later.done, "the second resumed watch to end");
      assert.deepEqual(later.events.map((event) => `${event.type} ${event.name}`), ["DELETED r1"]);
    });

    it("sends the initial state then a bookmark with sendInitialEvents", TEST, async () => {
      // The WatchList gate is on by default in 1.34 (off in 1.33: see the next test).
      const kc = await clusterConfig(fkas, "watchlist", [], "v1.34.1");
      const writer = (await kubeConfigFor(fkas, "watchlist")).makeApiClient(k8s.CoreV1Api);
      const namespace = "default";
      const labels = { suite: "initial" };
      for (const name of ["i1", "i2"]) {
        await writer.createNamespacedConfigMap({ namespace, body: { metadata: { name, labels } } });
      }
      const watch = await recordWatch(kc, path, {
        labelSelector: "suite=initial",
        sendInitialEvents: true,
        resourceVersionMatch: "NotOlderThan",
        allowWatchBookmarks: true,
      });
      try {
        await watch.waitFor(
          "the initial-events-end bookmark",
          (event) => event.type === "BOOKMARK",
        );
        assert.deepEqual(watch.events.map((event) => `${event.type} ${event.name ?? ""}`), [
          "ADDED i1",
          "ADDED i2",
          "BOOKMARK ",
        ]);
        const bookmark = watch.events[2].object;
        assert.equal(bookmark.metadata?.annotations?.["k8s.io/initial-events-end"], "true");
        assert.match(bookmark.metadata?.resourceVersion ?? "", /^\d+$/);
        await writer.deleteNamespacedConfigMap({ name: "i1", namespace });
        await watch.waitFor("the DELETED event", (event) => event.type === "DELETED");
        assert.equal(watch.events.at(-1)?.name, "i1");
      } finally {
        watch.stop();
      }
    });

    it("a 1.33 cluster refuses sendInitialEvents: its WatchList gate is off", TEST, async () => {
      const watch = await recordWatch(kc, path, {
        sendInitialEvents: true,
        resourceVersionMatch: "NotOlderThan",
        allowWatchBookmarks: true,
      });
      const error = await within(10_000, watch.done, "the refused watch to end");
      assert.ok(error instanceof Error, `expected an Error, got ${error}`);
      assert.equal((error as Error & { statusCode?: number }).statusCode, 422);
      assert.deepEqual(watch.events, []);
    });

    it(
      "calls done with the HTTP error for a resource the server does not serve",
      TEST,
      async () => {
        const watch = await recordWatch(kc, "/apis/example.com/v1/namespaces/default/gadgets");
        const error = await within(10_000, watch.done, "the watch of a missing resource to end");
        assert.ok(error instanceof Error, `expected an Error, got ${error}`);
        assert.equal((error as Error & { statusCode?: number }).statusCode, 404);
        assert.deepEqual(watch.events, []);
      },
    );
  });

  describe("informers", () => {
    let kc: K8s.KubeConfig;
    let writer: K8s.CoreV1Api;
    const informers: { stop(): Promise<void> }[] = [];
    before(async () => {
      kc = await clusterConfig(fkas, "informer");
      writer = (await kubeConfigFor(fkas, "informer")).makeApiClient(k8s.CoreV1Api);
    });
    after(async () => {
      for (const informer of informers) await informer.stop();
    });

    it(
      "makeInformer lists, then watches, and its cache follows adds, updates and deletes across watch ends",
      TEST,
      async () => {
        const namespace = "default";
        // Selected by label: fkas, as kube-controller-manager, also publishes kube-root-ca.crt here.
        const labels = { suite: "informer" };
        await writer.createNamespacedConfigMap({
          namespace,
          body: { metadata: { name: "before", labels }, data: { v: "1" } },
        });
        const core = kc.makeApiClient(k8s.CoreV1Api);
        let lists = 0;
        // fkas ends every watch at timeoutSeconds, so the informer has to re-watch every second.
        const informer = k8s.makeInformer<K8s.V1ConfigMap>(
          kc,
          `/api/v1/namespaces/${namespace}/configmaps?timeoutSeconds=1`,
          () => {
            lists++;
            return core.listNamespacedConfigMap({ namespace, labelSelector: "suite=informer" });
          },
          "suite=informer",
        );
        informers.push(informer);
        const log: string[] = [];
        const errors: unknown[] = [];
        let connects = 0;
        informer.on(k8s.ADD, (cm) => log.push(`add ${cm.metadata?.name}`));
        informer.on(k8s.UPDATE, (cm) => log.push(`update ${cm.metadata?.name} ${cm.data?.v}`));
        informer.on(k8s.DELETE, (cm) => log.push(`delete ${cm.metadata?.name}`));
        informer.on(k8s.ERROR, (error) => errors.push(error));
        informer.on(k8s.CONNECT, () => connects++);
        await within(10_000, informer.start(), "the informer to start");
        assert.deepEqual(log, ["add before"]);
        assert.equal(informer.get("before", namespace)?.data?.v, "1");

        await writer.createNamespacedConfigMap({
          namespace,
          body: { metadata: { name: "added", labels }, data: { v: "1" } },
        });
        await writer.patchNamespacedConfigMap(
          { name: "before", namespace, body: { data: { v: "2" } } },
          as(k8s.PatchStrategy.MergePatch),
        );
        await writer.deleteNamespacedConfigMap({ name: "added", namespace });
        await eventually(
          10_000,
          "the informer to see the changes",
          () => log.length >= 4,
          () => log,
        );
        assert.deepEqual(log, ["add before", "add added", "update before 2", "delete added"]);
        assert.deepEqual(informer.list(namespace).map((cm) => cm.metadata?.name), ["before"]);
        assert.equal(informer.get("before", namespace)?.data?.v, "2");

        // Two watch ends later the informer still follows, re-watching from its resourceVersion.
        const connectsBefore = connects;
        await eventually(
          10_000,
          "two re-watches",
          () => connects >= connectsBefore + 2,
          () => connects,
        );
        await writer.createNamespacedConfigMap({
          namespace,
          body: { metadata: { name: "after", labels }, data: { v: "1" } },
        });
        await eventually(
          10_000,
          "the informer to see a change after re-watching",
          () => informer.get("after", namespace) !== undefined,
          () => log,
        );
        assert.equal(lists, 1, "the informer relisted instead of resuming its watch");
        assert.deepEqual(errors, []);
      },
    );

    it("ListWatch with a field selector keeps only the selected objects", TEST, async () => {
      const namespace = "default";
      const core = kc.makeApiClient(k8s.CoreV1Api);
      const selector = "metadata.name=chosen";
      const informer = new k8s.ListWatch<K8s.V1ConfigMap>(
        `/api/v1/namespaces/${namespace}/configmaps`,
        new k8s.Watch(kc),
        () => core.listNamespacedConfigMap({ namespace, fieldSelector: selector }),
        false,
        undefined,
        selector,
      );
      informers.push(informer);
      await within(10_000, informer.start(), "the ListWatch to start");
      await writer.createNamespacedConfigMap({
        namespace,
        body: { metadata: { name: "ignored" } },
      });
      await writer.createNamespacedConfigMap({ namespace, body: { metadata: { name: "chosen" } } });
      await eventually(
        10_000,
        "the ListWatch to see the chosen object",
        () => informer.get("chosen", namespace) !== undefined,
      );
      assert.deepEqual(informer.list(namespace).map((cm) => cm.metadata?.name), ["chosen"]);
    });
  });

  describe("a cluster with more than 1,000 changes", () => {
    let kc: K8s.KubeConfig;
    let staleVersion: string;
    let informer: K8s.Informer<K8s.V1Secret> & K8s.ObjectCache<K8s.V1Secret>;
    let lists = 0;
    const informerErrors: unknown[] = [];
    before(async () => {
      kc = await clusterConfig(fkas, "history");
      const core = kc.makeApiClient(k8s.CoreV1Api);
      staleVersion = (await core.listNamespacedConfigMap({ namespace: "default" })).metadata!
        .resourceVersion!;
      // Secrets do not change while the history is pushed: the informer keeps an old version.
      informer = k8s.makeInformer<K8s.V1Secret>(
        kc,
        "/api/v1/namespaces/default/secrets?timeoutSeconds=1",
        () => {
          lists++;
          return core.listNamespacedSecret({ namespace: "default" });
        },
      );
      informer.on(k8s.ERROR, (error) => informerErrors.push(error));
      await within(10_000, informer.start(), "the secrets informer to start");

      // fkas keeps the last 1,000 changes of a cluster: 600 creates and their deletecollection.
      const bulk = (await kubeConfigFor(fkas, "history", { reuseConnection: true }))
        .makeApiClient(k8s.CoreV1Api);
      let next = 0;
      await within(
        30_000,
        Promise.all(Array.from({ length: 16 }, async () => {
          while (next < 600) {
            const name = `filler-${next++}`;
            await bulk.createNamespacedConfigMap({
              namespace: "default",
              body: { metadata: { name, labels: { filler: "yes" } } },
            });
          }
        })),
        "600 creates",
      );
      await bulk.deleteCollectionNamespacedConfigMap({
        namespace: "default",
        labelSelector: "filler=yes",
      });
    });
    after(() => informer?.stop());

    it(
      "a Watch from a resourceVersion out of the history ends with a 410 Expired ERROR event",
      TEST,
      async () => {
        const watch = await recordWatch(kc, "/api/v1/namespaces/default/configmaps", {
          resourceVersion: staleVersion,
        });
        const done = await within(10_000, watch.done, "the expired watch to end");
        assert.equal(done, null);
        assert.equal(watch.events.length, 1, JSON.stringify(watch.events));
        const [event] = watch.events;
        assert.equal(event.type, "ERROR");
        assert.equal(event.object.kind, "Status");
        assert.equal(event.object.code, 410);
        assert.equal(event.object.reason, "Expired");
      },
    );

    it("an informer whose resourceVersion expired relists and keeps following", TEST, async () => {
      await eventually(15_000, "the informer to relist after a 410", () => lists >= 2, () => lists);
      const writer = (await kubeConfigFor(fkas, "history")).makeApiClient(k8s.CoreV1Api);
      await writer.createNamespacedSecret({
        namespace: "default",
        body: { metadata: { name: "fresh" }, stringData: { k: "v" } },
      });
      await eventually(
        10_000,
        "the relisted informer to see a new secret",
        () => informer.get("fresh", "default") !== undefined,
      );
      assert.deepEqual(informerErrors, []);
    });
  });

  describe("validation: 422 Invalid with kube-apiserver's Status and causes", () => {
    let apps: K8s.AppsV1Api;
    let rbac: K8s.RbacAuthorizationV1Api;
    before(async () => {
      const kc = await clusterConfig(fkas, "valid");
      apps = kc.makeApiClient(k8s.AppsV1Api);
      rbac = kc.makeApiClient(k8s.RbacAuthorizationV1Api);
    });

    it("a Deployment without a selector: two causes, in kube-apiserver's order and words", async () => {
      const status = await invalid(apps.createNamespacedDeployment({
        namespace: "default",
        body: {
          metadata: { name: "web" },
          spec: {
            selector: undefined as never,
            template: {
              metadata: { labels: { app: "web" } },
              spec: { containers: [{ name: "web", image: "nginx" }] },
            },
          },
        },
      }));
      assert.equal(status.reason, "Invalid");
      assert.equal(
        status.message,
        'Deployment.apps "web" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`]',
      );
      assert.deepEqual(status.details, {
        name: "web",
        group: "apps",
        kind: "Deployment",
        causes: [
          { reason: "FieldValueRequired", message: "Required value", field: "spec.selector" },
          {
            reason: "FieldValueInvalid",
            message:
              'Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
            field: "spec.template.metadata.labels",
          },
        ],
      });
    });

    it("a RoleBinding's roleRef cannot change", async () => {
      const roleRef = { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" };
      const created = await rbac.createNamespacedRoleBinding({
        namespace: "default",
        body: { metadata: { name: "rb" }, roleRef, subjects: [{ kind: "User", name: "alice" }] },
      });
      const status = await invalid(rbac.replaceNamespacedRoleBinding({
        name: "rb",
        namespace: "default",
        body: { ...created, roleRef: { ...roleRef, name: "edit" } },
      }));
      assert.equal(
        status.message,
        'RoleBinding.rbac.authorization.k8s.io "rb" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"edit"}: cannot change roleRef',
      );
      assert.deepEqual(status.details?.causes, [{
        reason: "FieldValueInvalid",
        message:
          'Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"edit"}: cannot change roleRef',
        field: "roleRef",
      }]);
    });
  });
});
