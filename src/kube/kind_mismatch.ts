// The 400 of a built-in write whose body names another kind, as kube-apiserver's codec fails it
// and `transformDecodeError` words it (k8s.io/apiserver pkg/endpoints/handlers/rest.go): a kind
// the scheme knows is decoded, then cannot convert to the internal type of the path's kind; an
// unknown group/version/kind is "not registered" in the legacy scheme.

import { BUILTIN_CATALOG, type ResourceType } from "../resources/mod.ts";
import { StatusError } from "./status_error.ts";

// runtime.Scheme's name, from the call site that made kube-apiserver's scheme (release builds,
// where apimachinery is vendored: every minor 1.29–1.36 creates it on line 30).
const SCHEME = "k8s.io/kubernetes/pkg/api/legacyscheme/scheme.go:30";

// The Go package of each group's internal types (k8s.io/kubernetes/pkg/apis/<package>): the
// group's first label, but for these.
const INTERNAL_PACKAGES: Readonly<Record<string, string>> = {
  "": "core",
  "events.k8s.io": "core",
  "internal.apiserver.k8s.io": "apiserverinternal",
};

/**
 * The 400 for a body of `apiVersion`/`kind` sent to a built-in resource of another kind or group;
 * undefined when the body names the resource's own group and kind.
 */
export function kindMismatch(
  resource: ResourceType,
  apiVersion: string,
  kind: string,
): StatusError | undefined {
  const slash = apiVersion.indexOf("/");
  const group = slash === -1 ? "" : apiVersion.slice(0, slash);
  const version = slash === -1 ? apiVersion : apiVersion.slice(slash + 1);
  if (group === resource.group && kind === resource.kind) return undefined;
  const registered = version !== "" && BUILTIN_CATALOG.byKind(group, kind, version) !== undefined;
  const internal = INTERNAL_PACKAGES[resource.group] ?? resource.group.split(".")[0];
  const reason = registered
    ? `converting (${version}.${kind}) to (${internal}.${resource.kind}): unknown conversion`
    : `no kind ${JSON.stringify(kind)} is registered for version ${
      JSON.stringify(apiVersion)
    } in scheme ${JSON.stringify(SCHEME)}`;
  return StatusError.badRequest(
    `${kind} in version ${
      JSON.stringify(version)
    } cannot be handled as a ${resource.kind}: ${reason}`,
  );
}
