import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { kubeFixture } from "./kube_fixture.ts";
import { BinaryReader } from "@bufbuild/protobuf/wire";
import {
  negotiateOpenApiV2,
  negotiateOpenApiV3,
  OPENAPI_V2_PROTOBUF,
  openApiV2,
  openApiV2Protobuf,
  openApiV3Document,
  openApiV3Index,
} from "../../src/kube/openapi.ts";
import { BUILTIN_CATALOG, builtinCatalog, ResourceCatalog } from "../../src/resources/mod.ts";

// deno-lint-ignore no-explicit-any
type Json = any;

const catalog = BUILTIN_CATALOG;
const VERSION = "v1.33.1";
const v3 = (path: string): Json => JSON.parse(openApiV3Document(catalog, VERSION, path)!.body);

function refs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refs(v, out));
  else if (value && typeof value === "object") {
    for (const [key, v] of Object.entries(value)) {
      // JSONSchemaProps has a property named "$ref": only strings are references.
      if (key === "$ref" && typeof v === "string") out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

// Mirrors kubectl's queryParamVerifierV3: every PATCH path for a GVK must list fieldValidation,
// or kubectl falls back to client-side validation (or fails with "Path not found for GVK").
function patchOperations(doc: Json, kind: string): Json[] {
  return Object.values(doc.paths).map((item: Json) => item.patch).filter((op: Json) =>
    op?.["x-kubernetes-group-version-kind"].kind === kind
  );
}

/** Reads the length-delimited fields `no` of a protobuf message. */
function fields(bytes: Uint8Array, no: number): Uint8Array[] {
  const reader = new BinaryReader(bytes);
  const out: Uint8Array[] = [];
  while (reader.pos < reader.len) {
    const [fieldNo, wireType] = reader.tag();
    if (fieldNo === no && wireType === 2) out.push(reader.bytes());
    else reader.skip(wireType);
  }
  return out;
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe("openApiV3Index", () => {
  it("lists every group version with a content-addressed serverRelativeURL", () => {
    const index = JSON.parse(openApiV3Index(catalog, VERSION).body);
    assert.ok(index.paths["api/v1"] && index.paths["apis/apps/v1"]);
    for (const [path, entry] of Object.entries(index.paths) as [string, Json][]) {
      const { hash } = openApiV3Document(catalog, VERSION, path)!;
      assert.equal(entry.serverRelativeURL, `/openapi/v3/${path}?hash=${hash}`);
    }
  });

  it("is stable: the same catalog content gives the same hashes, and is built once", () => {
    assert.equal(
      openApiV3Index(new ResourceCatalog(BUILTIN_CATALOG.resources), VERSION).body,
      openApiV3Index(catalog, VERSION).body,
    );
    assert.equal(openApiV3Index(catalog, VERSION), openApiV3Index(catalog, VERSION));
  });

  it("as kube-openapi: paths sorted, hashes the SHA-512 of each document in upper-case hex", async () => {
    const paths = Object.keys(JSON.parse(openApiV3Index(catalog, VERSION).body).paths);
    assert.deepEqual(paths, [...paths].sort());
    const document = openApiV3Document(catalog, VERSION, "apis/apps/v1")!;
    const digest = await crypto.subtle.digest("SHA-512", new TextEncoder().encode(document.body));
    const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
    assert.equal(document.hash, hex.toUpperCase());
    assert.equal(document.etag, `"${hex.toUpperCase()}"`);
  });

  it("names the release as kube-apiserver's info.version: the git version before 1.31, then major.minor", () => {
    const info = (version: string) =>
      JSON.parse(openApiV3Document(builtinCatalog(version), version, "api/v1")!.body).info;
    assert.deepEqual(info("v1.30.14"), { title: "Kubernetes", version: "v1.30.14" });
    assert.deepEqual(info("v1.36.3"), { title: "Kubernetes", version: "1.36" });
    assert.equal(
      JSON.parse(openApiV2(builtinCatalog("v1.34.4"), "v1.34.4").body).info.version,
      "1.34",
    );
  });
});

describe("openApiV3Document", () => {
  it("keys schemas like kube-apiserver and tags kinds with x-kubernetes-group-version-kind", () => {
    const schemas = v3("api/v1").components.schemas;
    assert.deepEqual(schemas["io.k8s.api.core.v1.Node"]["x-kubernetes-group-version-kind"], [
      { group: "", version: "v1", kind: "Node" },
    ]);
    assert.deepEqual(
      v3("apis/apps/v1").components.schemas["io.k8s.api.apps.v1.Deployment"][
        "x-kubernetes-group-version-kind"
      ],
      [{ group: "apps", version: "v1", kind: "Deployment" }],
    );
    assert.ok(schemas["io.k8s.api.core.v1.PodList"]);
    assert.ok(schemas["io.k8s.api.policy.v1.Eviction"], "pods/eviction brings its kind along");
  });

  it("publishes the upstream schema: descriptions, defaults, list facts and required fields", () => {
    const schemas = v3("api/v1").components.schemas;
    const node = schemas["io.k8s.api.core.v1.Node"];
    assert.equal(
      node.description,
      "Node is a worker node in Kubernetes. Each node will have a unique identifier in the cache (i.e. in etcd).",
    );
    assert.deepEqual(Object.keys(node.properties), [
      "apiVersion",
      "kind",
      "metadata",
      "spec",
      "status",
    ]);
    assert.deepEqual(node.properties.spec.allOf, [{
      $ref: "#/components/schemas/io.k8s.api.core.v1.NodeSpec",
    }]);
    assert.deepEqual(node.properties.spec.default, {});
    const port = schemas["io.k8s.api.core.v1.ContainerPort"];
    assert.deepEqual(port.required, ["containerPort"]);
    assert.equal(port.properties.protocol.default, "TCP");
    assert.equal(port.properties.containerPort.format, "int32");
    const containers = schemas["io.k8s.api.core.v1.PodSpec"].properties.containers;
    assert.equal(containers["x-kubernetes-patch-merge-key"], "name");
    assert.equal(containers["x-kubernetes-list-type"], "map");
    assert.deepEqual(containers.items, {
      allOf: [{ $ref: "#/components/schemas/io.k8s.api.core.v1.Container" }],
      default: {},
    });
    assert.equal(
      schemas["io.k8s.apimachinery.pkg.util.intstr.IntOrString"].format,
      "int-or-string",
    );
  });

  it("carries only what its paths use: no DeleteOptions where nothing is deleted", () => {
    const auth = v3("apis/authentication.k8s.io/v1").components.schemas;
    assert.ok(auth["io.k8s.api.authentication.v1.TokenReview"]);
    assert.equal(auth["io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions"], undefined);
    assert.equal(auth["io.k8s.api.authentication.v1.TokenReviewList"], undefined);
    assert.ok(v3("apis/apps/v1").components.schemas["io.k8s.api.autoscaling.v1.Scale"]);
  });

  it("follows the catalog's minor: 1.29 has no PodSpec.resources, 1.34 does", () => {
    const podSpec = (version: string) =>
      JSON.parse(openApiV3Document(builtinCatalog(version), version, "api/v1")!.body).components
        .schemas[
          "io.k8s.api.core.v1.PodSpec"
        ].properties;
    assert.equal(podSpec("v1.29.6").resources, undefined);
    assert.ok(podSpec("v1.34.4").resources);
  });

  it("has only $refs that resolve inside the document", () => {
    for (const path of Object.keys(JSON.parse(openApiV3Index(catalog, VERSION).body).paths)) {
      const doc = v3(path);
      for (const ref of refs(doc)) {
        assert.match(ref, /^#\/components\/schemas\//);
        assert.ok(doc.components.schemas[ref.slice(21)], `${path}: ${ref}`);
      }
    }
  });

  it("offers fieldValidation on every PATCH of every kind, so kubectl validates server-side", () => {
    const doc = v3("api/v1");
    const pods = patchOperations(doc, "Pod");
    assert.deepEqual(
      pods.map((op: Json) => op.operationId),
      [
        "patchCoreV1NamespacedPod",
        "patchCoreV1NamespacedPodEphemeralcontainers",
        "patchCoreV1NamespacedPodResize",
        "patchCoreV1NamespacedPodStatus",
      ],
    );
    for (const op of pods) {
      assert.ok(op.parameters.some((p: Json) => p.name === "fieldValidation" && p.in === "query"));
    }
    assert.equal(patchOperations(v3("apis/rbac.authorization.k8s.io/v1"), "Role").length, 1);
  });

  it("accepts strategic-merge-patch on built-ins, as kube-apiserver", () => {
    const [op] = patchOperations(v3("apis/apps/v1"), "Deployment");
    const types = Object.keys(op.requestBody.content);
    assert.ok(types.includes("application/merge-patch+json"));
    assert.ok(types.includes("application/strategic-merge-patch+json"));
  });

  it("returns undefined for unknown paths and tolerates slashes", () => {
    assert.equal(
      openApiV3Document(catalog, VERSION, "apis/certificates.k8s.io/v1beta1"),
      undefined,
    );
    assert.equal(
      openApiV3Document(catalog, VERSION, "/api/v1"),
      openApiV3Document(catalog, VERSION, "api/v1"),
    );
  });
});

describe("openApiV2", () => {
  const swagger: Json = JSON.parse(openApiV2(catalog, VERSION).body);

  it("is swagger 2.0 with every kind's definition and path", () => {
    assert.equal(swagger.swagger, "2.0");
    assert.ok(swagger.definitions["io.k8s.api.core.v1.Pod"]);
    assert.ok(swagger.definitions["io.k8s.api.storage.v1.CSIDriver"]);
    assert.ok(
      swagger.definitions[
        "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition"
      ],
    );
    assert.ok(swagger.paths["/api/v1/namespaces/{namespace}/pods/{name}"].patch);
    assert.ok(swagger.paths["/apis/apps/v1/namespaces/{namespace}/deployments"].post);
  });

  it("uses plain $refs into #/definitions (kube-openapi's v2 model ignores allOf)", () => {
    const spec = swagger.definitions["io.k8s.api.apps.v1.Deployment"].properties.spec;
    assert.deepEqual(Object.keys(spec).sort(), ["$ref", "description"]);
    assert.equal(spec.$ref, "#/definitions/io.k8s.api.apps.v1.DeploymentSpec");
    for (const ref of refs(swagger)) {
      const [, where, name] = /^#\/(definitions|parameters)\/(.+)$/.exec(ref)!;
      assert.ok(swagger[where][name], ref);
    }
  });

  it("is kube-apiserver v1.36.3's document byte for byte (its ETag, read from the oracle)", () => {
    const document = openApiV2(builtinCatalog("v1.36.3"), "v1.36.3");
    assert.equal(
      document.etag,
      '"276DB9A3BE4566FA02B4C528171436757D13EF0571E215FEF8FC401A847F24B878CE9B027DB689501A7A2F574EC15897D19280E8653A31FBB735C83D4A91BC01"',
    );
    assert.equal(new TextEncoder().encode(document.body as string).length, 2_204_564);
  });

  it("shares parameters as kube-openapi's builder does: `<name>-<FNV hash>` behind $refs", () => {
    // kube-apiserver v1.36.3's /openapi/v2 names these 47 (read from the oracle).
    const swagger: Json = JSON.parse(openApiV2(builtinCatalog("v1.36.3"), "v1.36.3").body);
    assert.equal(Object.keys(swagger.parameters).length, 47);
    assert.deepEqual(swagger.parameters["body-2Y1dVQaQ"], {
      name: "body",
      in: "body",
      schema: { $ref: "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions" },
    });
    assert.equal(swagger.parameters["allowWatchBookmarks-HC2hJt-J"].type, "boolean");
    const pods = swagger.paths["/api/v1/namespaces/{namespace}/pods/{name}"];
    assert.deepEqual(
      pods.parameters.map((p: { $ref?: string; name?: string }) => p.$ref ?? p.name),
      [
        "name",
        "#/parameters/namespace-vgWSWtn3",
        "#/parameters/pretty-tJGM1-ng",
      ],
    );
    // dryRun and fieldValidation stay inline (kubectl looked for them); a kind's body too.
    const put = pods.put.parameters.map((p: { $ref?: string; name?: string }) => p.$ref ?? p.name);
    assert.deepEqual(put, [
      "body",
      "dryRun",
      "#/parameters/fieldManager-Qy4HdaTW",
      "fieldValidation",
    ]);
    assert.deepEqual(Object.keys(pods.get["x-kubernetes-group-version-kind"]), [
      "group",
      "kind",
      "version",
    ]);
    assert.equal("parameters" in swagger.paths["/api/v1/"].get, false);
    assert.deepEqual(swagger.security, [{ BearerToken: [] }]);
    assert.equal(swagger.securityDefinitions.BearerToken.in, "header");
  });

  it("drops defaults and reads IntOrString as a string, as kube-openapi's v2 rendering", () => {
    const port = swagger.definitions["io.k8s.api.core.v1.ContainerPort"].properties;
    assert.equal(port.protocol.default, undefined);
    const intstr = swagger.definitions["io.k8s.apimachinery.pkg.util.intstr.IntOrString"];
    assert.equal(intstr.type, "string");
    assert.equal(intstr.oneOf, undefined);
  });
});

describe("openApiV2Protobuf", () => {
  const bytes = openApiV2Protobuf(catalog, VERSION).body;

  it("carries the JSON document's ETag, as kube-openapi's transformed cache (the oracle's)", () => {
    assert.equal(
      openApiV2Protobuf(builtinCatalog("v1.36.3"), "v1.36.3").etag,
      '"276DB9A3BE4566FA02B4C528171436757D13EF0571E215FEF8FC401A847F24B878CE9B027DB689501A7A2F574EC15897D19280E8653A31FBB735C83D4A91BC01"',
    );
  });

  it("encodes a gnostic Document: swagger, info and named definitions", () => {
    assert.equal(text(fields(bytes, 1)[0]), "2.0");
    const [definitions] = fields(bytes, 9);
    const names = fields(definitions, 1).map((named) => text(fields(named, 1)[0]));
    assert.deepEqual(names, Object.keys(JSON.parse(openApiV2(catalog, VERSION).body).definitions));
  });

  it("carries x-kubernetes-group-version-kind as a YAML (JSON) vendor extension", () => {
    const [definitions] = fields(bytes, 9);
    const pod = fields(definitions, 1).find((n) =>
      text(fields(n, 1)[0]) === "io.k8s.api.core.v1.Pod"
    );
    const schema = fields(pod!, 2)[0];
    const extension = fields(schema, 31).find((n) =>
      text(fields(n, 1)[0]) === "x-kubernetes-group-version-kind"
    )!;
    const yaml = text(fields(fields(extension, 2)[0], 2)[0]);
    assert.deepEqual(JSON.parse(yaml), [{ group: "", version: "v1", kind: "Pod" }]);
  });

  it("encodes paths with operations", () => {
    const [paths] = fields(bytes, 8);
    const names = fields(paths, 2).map((named) => text(fields(named, 1)[0]));
    assert.ok(names.includes("/api/v1/nodes/{name}"));
  });
});

describe("OpenAPI negotiation", () => {
  it("answers kubectl's protobuf Accept with the dotted protobuf content type Go can parse", () => {
    assert.deepEqual(negotiateOpenApiV2(OPENAPI_V2_PROTOBUF), {
      format: "protobuf",
      contentType: "application/com.github.proto-openapi.spec.v2.v1.0+protobuf",
    });
  });

  it("serves JSON for application/json, */* or no Accept, and 406 for anything else", () => {
    assert.equal(negotiateOpenApiV2("application/json")?.format, "json");
    assert.equal(negotiateOpenApiV2(undefined)?.format, "json");
    assert.equal(negotiateOpenApiV2("application/json, */*")?.contentType, "application/json");
    assert.equal(negotiateOpenApiV2("application/xml"), undefined);
  });

  it("serves v3 as JSON only", () => {
    assert.equal(negotiateOpenApiV3("application/json")?.format, "json");
    assert.equal(negotiateOpenApiV3("application/json, */*")?.format, "json");
    assert.equal(
      negotiateOpenApiV3("application/com.github.proto-openapi.spec.v3@v1.0+protobuf"),
      undefined,
    );
  });
});

describe("the /openapi/v3 routes", () => {
  it("answer the index as kube-openapi does (sniffed text, no ETag) and each document as JSON", async () => {
    const { call } = kubeFixture({ kubernetesVersion: "v1.36.3" });
    const index = await call("GET", "/openapi/v3");
    assert.equal(index.status, 200);
    assert.equal(index.headers.get("content-type"), "text/plain; charset=utf-8");
    assert.equal(index.headers.get("etag"), null);
    const url: string = index.json.paths["apis/apps/v1"].serverRelativeURL;
    const document = await call("GET", url);
    assert.equal(document.status, 200);
    assert.equal(document.headers.get("content-type"), "application/json");
    assert.equal(document.headers.get("etag"), `"${url.split("hash=")[1]}"`);
    assert.equal(document.json.info.version, "1.36");
  });

  it("serve documents as kube-openapi's handler3 and Go's ServeContent: cached by hash, 301 on a stale one, 304 when unchanged", async () => {
    // What kube-apiserver v1.36.3 answered (scripts/oracle), headers for headers.
    const { call } = kubeFixture({
      kubernetesVersion: "v1.36.3",
      now: new Date("2026-12-07T04:46:06.500Z"),
    });
    const url: string = (await call("GET", "/openapi/v3")).json.paths["apis/apps/v1"]
      .serverRelativeURL;
    const hash = url.split("hash=")[1];
    const cached = await call("GET", url, undefined, { "user-agent": "curl/8.5.0" });
    assert.equal(cached.status, 200);
    assert.equal(cached.headers.get("cache-control"), "public, immutable");
    assert.equal(cached.headers.get("expires"), "Tue, 07 Dec 2027 04:46:06 UTC");
    assert.equal(cached.headers.get("accept-ranges"), "bytes");
    assert.ok(cached.headers.get("last-modified")?.endsWith(" GMT"));
    assert.equal(cached.text[1], '"', "written compact even to curl: the hash names these bytes");
    const stale = await call("GET", "/openapi/v3/apis/apps/v1?hash=ABC");
    assert.equal(stale.status, 301);
    assert.equal(stale.headers.get("location"), `/openapi/v3/apis/apps/v1?hash=${hash}`);
    assert.equal(stale.text, "");
    const unchanged = await call("GET", "/openapi/v3/apis/apps/v1", undefined, {
      "if-none-match": `"${hash}"`,
    });
    assert.equal(unchanged.status, 304);
    assert.equal(unchanged.headers.get("etag"), `"${hash}"`);
    assert.equal(unchanged.headers.get("content-type"), null);
    assert.equal(unchanged.headers.get("last-modified"), null);
    const plain = await call("GET", "/openapi/v3/apis/apps/v1");
    assert.equal(plain.headers.get("cache-control"), "no-cache, private");
    assert.equal(plain.headers.get("expires"), null);
  });
});

describe("HEAD and GET of the OpenAPI documents", () => {
  it("carry ServeContent's Content-Length, Accept-Ranges and Last-Modified, as kube-apiserver v1.36.3's", async () => {
    const { call } = kubeFixture({
      kubernetesVersion: "v1.36.3",
      now: new Date("2026-12-07T07:54:12.500Z"),
    });
    const utf8 = (text: string) => String(new TextEncoder().encode(text).byteLength);
    for (const path of ["/openapi/v2", "/openapi/v3", "/openapi/v3/api/v1"]) {
      const got = await call("GET", path);
      assert.equal(got.status, 200, path);
      for (const method of ["GET", "HEAD"]) {
        const answer = method === "GET" ? got : await call("HEAD", path);
        assert.equal(answer.headers.get("content-length"), utf8(got.text), `${method} ${path}`);
        assert.equal(answer.headers.get("accept-ranges"), "bytes", `${method} ${path}`);
        assert.equal(
          answer.headers.get("last-modified"),
          "Mon, 07 Dec 2026 07:54:12 GMT",
          `${method} ${path}`,
        );
      }
    }
    // /openapi/v2 sits behind kube-apiserver's compression filter.
    assert.equal(
      (await call("HEAD", "/openapi/v2")).headers.get("vary"),
      "Accept-Encoding, Accept",
    );
    const unchanged = await call("GET", "/openapi/v2", undefined, {
      "if-none-match": (await call("HEAD", "/openapi/v2")).headers.get("etag")!,
    });
    assert.equal(unchanged.status, 304);
  });

  it("answer a group version kube-openapi lacks with a bare 404", async () => {
    const { call } = kubeFixture({ kubernetesVersion: "v1.36.3" });
    for (const path of ["/openapi/v3/apis/nope/v1", "/openapi/v3/nope"]) {
      const answer = await call("GET", path);
      assert.equal(answer.status, 404);
      assert.equal(answer.text, "");
      assert.equal(answer.headers.get("content-type"), null);
    }
  });
});
