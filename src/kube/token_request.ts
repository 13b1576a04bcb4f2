// `serviceaccounts/<name>/token` (TokenRequest): a JWT for the service account, signed with the
// cluster's key (k8s.io/kubernetes pkg/registry/core/serviceaccount/storage/token.go), with the
// feature gates of each minor: jti and a pod's node (1.30+), Node binding (1.31+).

import {
  DEFAULT_EXPIRATION_SECONDS,
  expirationErrors,
  type ObjectRef,
  serviceAccountClaims,
} from "../auth/mod.ts";
import { BUILTIN_CATALOG } from "../resources/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import { answerMetadata, atLeastMinor } from "./cluster_minor.ts";
import type { ServedCluster } from "./kube_env.ts";
import { invalidReview } from "./review_errors.ts";
import { StatusError } from "./status_error.ts";
import { API_AUDIENCES, ISSUER } from "./token_authentication.ts";

const SERVICE_ACCOUNTS = BUILTIN_CATALOG.byKey("serviceaccounts")!;
const PODS = BUILTIN_CATALOG.byKey("pods")!;
const SECRETS = BUILTIN_CATALOG.byKey("secrets")!;
const NODES = BUILTIN_CATALOG.byKey("nodes")!;

// serviceaccount.WarnOnlyBoundTokenExpirationSeconds and ExpirationExtensionSeconds: the kubelet's
// projected tokens (3607 s, bound to a pod, for the API audiences) live a year, warned after 3607 s
// (kubeadm leaves --service-account-extend-token-expiration on).
const WARN_ONLY_SECONDS = 3607;
const EXTENDED_SECONDS = 24 * 365 * 60 * 60;

type Body = Record<string, unknown>;

/** What issuing a token needs besides the request: time and a fresh `jti`. */
export interface TokenRequestContext {
  readonly now: Date;
  readonly newId: () => string;
}

/** Issues a token for the service account `name` in `namespace`; answers the TokenRequest. */
export async function requestToken(
  cluster: ServedCluster,
  namespace: string,
  name: string,
  object: KubeObject,
  context: TokenRequestContext,
): Promise<Body> {
  const body = object as unknown as Body;
  const spec = isRecord(body.spec) ? body.spec : {};
  const expirationSeconds = typeof spec.expirationSeconds === "number"
    ? spec.expirationSeconds
    : DEFAULT_EXPIRATION_SECONDS;
  const errors = expirationErrors(expirationSeconds).map(
    ([field, value, detail]) => [field, String(value), detail] as [string, string, string],
  );
  if (errors.length > 0) throw invalidReview("TokenRequest", "authentication.k8s.io", errors);
  const account = cluster.store.get(SERVICE_ACCOUNTS, namespace, name);
  if (!account) throw StatusError.notFound(SERVICE_ACCOUNTS, name);
  const version = cluster.kubernetesVersion;
  const bound = isRecord(spec.boundObjectRef) ? spec.boundObjectRef : undefined;
  const binding = bound ? boundObjects(cluster, namespace, name, bound) : {};
  const requested = Array.isArray(spec.audiences) && spec.audiences.length > 0
    ? spec.audiences.filter((a): a is string => typeof a === "string")
    : [...API_AUDIENCES];
  // The extension shows only in the token's exp: spec and expirationTimestamp keep the request's.
  let lifetime = expirationSeconds;
  let warnAfter: number | undefined;
  const kubeAudiences = requested.every((audience) => API_AUDIENCES.includes(audience));
  if (binding.pod && lifetime === WARN_ONLY_SECONDS && kubeAudiences) {
    lifetime = EXTENDED_SECONDS;
    warnAfter = WARN_ONLY_SECONDS;
  }
  const claims = serviceAccountClaims({
    issuer: ISSUER,
    audiences: requested,
    now: context.now,
    expirationSeconds: lifetime,
    namespace,
    serviceAccount: refOf(account),
    ...binding,
    ...(atLeastMinor(version, 30) ? { id: context.newId() } : {}),
  });
  const signed = warnAfter === undefined ? claims : withWarnAfter(claims, claims.iat + warnAfter);
  const key = await cluster.serviceAccountKey!();
  const token = await key.sign(signed);
  return {
    kind: "TokenRequest",
    apiVersion: "authentication.k8s.io/v1",
    metadata: answerMetadata(version, {
      ...(isRecord(body.metadata) ? body.metadata : {}),
      name,
      namespace,
    }),
    spec: {
      audiences: requested,
      expirationSeconds,
      boundObjectRef: bound ? boundRefJson(bound) : null,
    },
    status: {
      token,
      expirationTimestamp: new Date((claims.iat + expirationSeconds) * 1000).toISOString()
        .replace(/\.\d+Z$/, "Z"),
    },
  };
}

// The objects a token binds to: a Pod running as this service account (and, from 1.30, its Node
// when that exists), a Secret, or from 1.31 a Node; each must exist with the uid given.
function boundObjects(
  cluster: ServedCluster,
  namespace: string,
  name: string,
  ref: Body,
): { pod?: ObjectRef; secret?: ObjectRef; node?: ObjectRef } {
  const apiVersion = typeof ref.apiVersion === "string" ? ref.apiVersion : "";
  const kind = typeof ref.kind === "string" ? ref.kind : "";
  const refName = typeof ref.name === "string" ? ref.name : "";
  const group = apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.lastIndexOf("/")) : "";
  const version = apiVersion.includes("/")
    ? apiVersion.slice(apiVersion.lastIndexOf("/") + 1)
    : apiVersion;
  const gvk = `${group}/${version}, Kind=${kind}`;
  const minor = cluster.kubernetesVersion;
  let object: KubeObject | undefined;
  let result: { pod?: ObjectRef; secret?: ObjectRef; node?: ObjectRef };
  if (group === "" && kind === "Pod") {
    object = cluster.store.get(PODS, namespace, refName);
    if (!object) throw StatusError.notFound(PODS, refName);
    const podSpec = isRecord(object.spec) ? object.spec : {};
    if (podSpec.serviceAccountName !== name) {
      throw StatusError.badRequest(
        `cannot bind token for serviceaccount ${
          JSON.stringify(name)
        } to pod running with different serviceaccount name.`,
      );
    }
    // A node that does not exist is still named (without a uid), so the token tells where the
    // pod was assigned.
    const nodeName = typeof podSpec.nodeName === "string" ? podSpec.nodeName : "";
    const node = nodeName && atLeastMinor(minor, 30)
      ? refOf(cluster.store.get(NODES, undefined, nodeName) ?? { metadata: { name: nodeName } })
      : undefined;
    result = { pod: refOf(object), ...(node ? { node } : {}) };
  } else if (group === "" && kind === "Secret") {
    object = cluster.store.get(SECRETS, namespace, refName);
    if (!object) throw StatusError.notFound(SECRETS, refName);
    result = { secret: refOf(object) };
  } else if (group === "" && kind === "Node") {
    // ServiceAccountTokenNodeBinding: alpha (off) until 1.31.
    if (!atLeastMinor(minor, 31)) {
      throw StatusError.badRequest(
        'cannot bind token to a Node object as the "ServiceAccountTokenNodeBinding" feature-gate is disabled',
      );
    }
    object = cluster.store.get(NODES, undefined, refName);
    if (!object) throw StatusError.notFound(NODES, refName);
    result = { node: refOf(object) };
  } else {
    throw StatusError.badRequest(`cannot bind token to object of type ${gvk}`);
  }
  if (typeof ref.uid === "string" && ref.uid !== "" && ref.uid !== object.metadata.uid) {
    throw new StatusError(
      409,
      "Conflict",
      `Operation cannot be fulfilled on ${kind} ${
        JSON.stringify(refName)
      }: the UID in the bound object reference (${ref.uid}) does not match the UID in record. The object might have been deleted and then recreated`,
      { name: refName, kind },
    );
  }
  return result;
}

function refOf(object: Pick<KubeObject, "metadata">): ObjectRef {
  return { name: object.metadata.name ?? "", uid: object.metadata.uid ?? "" };
}

// authentication/v1.BoundObjectReference: kind, apiVersion, name, uid, each omitted when empty.
function boundRefJson(ref: Body): Body {
  const out: Body = {};
  for (const key of ["kind", "apiVersion", "name", "uid"]) {
    if (typeof ref[key] === "string" && ref[key] !== "") out[key] = ref[key];
  }
  return out;
}

// `warnafter` sits inside `kubernetes.io`, sorted after the references as go-jose writes maps.
function withWarnAfter<T extends { "kubernetes.io": object }>(claims: T, warnAfter: number): T {
  return { ...claims, "kubernetes.io": { ...claims["kubernetes.io"], warnafter: warnAfter } };
}

function isRecord(value: unknown): value is Body {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
