// The OpenAPI v3 documents kube-apiserver lists beside its group versions: `/api/`, `/apis/`, each
// group's `/apis/<group>/`, `/version/` and the service-account issuer's OIDC endpoints.
//
// Their single GET routes as k8s.io/apiserver registers them (discovery's legacy and group
// handlers, pkg/server/routes/version.go) and k8s.io/kubernetes pkg/routes/openidmetadata.go; operation
// IDs and tags as GetOperationIDAndTags makes them.

import { toValidOperationId } from "./openapi_paths.ts";

/** A root document's path (`apis/apps`) and its single route. */
export interface RootDocument {
  readonly path: string;
  readonly route: {
    readonly path: string;
    readonly tag: string;
    readonly description: string;
    readonly operationId: string;
    readonly produces: readonly string[];
    /** The response component, or undefined for a plain string. */
    readonly returns?: string;
  };
}

const META = "io.k8s.apimachinery.pkg.apis.meta.v1";
const MEDIA = ["application/json", "application/vnd.kubernetes.protobuf", "application/yaml"];

/** The root documents of a server serving these groups (core included when `core`). */
export function rootDocuments(
  core: boolean,
  groups: readonly string[],
  minor: number,
): RootDocument[] {
  const out: RootDocument[] = [
    {
      path: ".well-known/openid-configuration",
      route: {
        path: "/.well-known/openid-configuration/",
        tag: "WellKnown",
        description:
          "get service account issuer OpenID configuration, also known as the 'OIDC discovery doc'",
        operationId: "getServiceAccountIssuerOpenIDConfiguration",
        produces: ["application/json"],
      },
    },
    {
      path: "apis",
      route: {
        path: "/apis/",
        tag: "apis",
        description: "get available API versions",
        operationId: "getAPIVersions",
        produces: MEDIA,
        returns: `${META}.APIGroupList`,
      },
    },
    {
      path: "openid/v1/jwks",
      route: {
        path: "/openid/v1/jwks/",
        tag: "openid",
        description:
          "get service account issuer OpenID JSON Web Key Set (contains public token verification keys)",
        operationId: "getServiceAccountIssuerOpenIDKeyset",
        produces: ["application/jwk-set+json"],
      },
    },
    {
      path: "version",
      route: {
        path: "/version/",
        tag: "version",
        // Reworded in 1.33 (k8s.io/apiserver pkg/server/routes/version.go).
        description: minor >= 33
          ? "get the version information for this server"
          : "get the code version",
        operationId: "getCodeVersion",
        produces: ["application/json"],
        returns: "io.k8s.apimachinery.pkg.version.Info",
      },
    },
  ];
  if (core) {
    out.push({
      path: "api",
      route: {
        path: "/api/",
        tag: "core",
        description: "get available API versions",
        operationId: "getCoreAPIVersions",
        produces: MEDIA,
        returns: `${META}.APIVersions`,
      },
    });
  }
  for (const group of new Set(groups)) {
    const trimmed = group.replace(/\.k8s\.io$/, "");
    out.push({
      path: `apis/${group}`,
      route: {
        path: `/apis/${group}/`,
        tag: toValidOperationId(trimmed, false),
        description: "get information of a group",
        operationId: `get${toValidOperationId(trimmed, true)}APIGroup`,
        produces: MEDIA,
        returns: `${META}.APIGroup`,
      },
    });
  }
  return out;
}
