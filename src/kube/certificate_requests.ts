// The CertificateSigningRequest strategies of kube-apiserver (k8s.io/kubernetes v1.36
// pkg/registry/certificates/certificates/strategy.go): a create records the requester's identity
// and starts with an empty status; an update through `/approval` changes the conditions only,
// dated as populateConditionTimestamps dates them.

import type { KubeObject } from "../store/mod.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

/** The storage key of CertificateSigningRequests. */
export const CSRS = "certificates.k8s.io/certificatesigningrequests";

/** The requester as the strategy reads it from the request's user. */
export interface Requester {
  readonly username: string;
  readonly uid?: string;
  readonly groups: readonly string[];
  readonly extra?: Readonly<Record<string, readonly string[]>>;
}

/**
 * `csrStrategy.PrepareForCreate`: whatever identity the client sent is replaced by its own, and
 * the status is emptied (no pre-approved requests).
 */
export function recordRequester(body: unknown, requester: Requester): void {
  if (!body || typeof body !== "object" || Array.isArray(body)) return;
  const csr = body as Loose;
  const spec = csr.spec && typeof csr.spec === "object" && !Array.isArray(csr.spec) ? csr.spec : {};
  const { username: _u, uid: _i, groups: _g, extra: _e, ...rest } = spec;
  csr.spec = {
    ...rest,
    ...(requester.username ? { username: requester.username } : {}),
    ...(requester.uid ? { uid: requester.uid } : {}),
    ...(requester.groups.length ? { groups: [...requester.groups] } : {}),
    ...(requester.extra && Object.keys(requester.extra).length
      ? { extra: Object.fromEntries(Object.entries(requester.extra).map(([k, v]) => [k, [...v]])) }
      : {}),
  };
  csr.status = {};
}

/**
 * `csrApprovalStrategy.PrepareForUpdate`: the stored spec and status stay, the written conditions
 * replace the stored ones, each dated now unless it carries its times (a transition keeps the
 * stored condition's of the same type and status).
 */
export function prepareApprovalUpdate(incoming: KubeObject, current: KubeObject, now: Date): void {
  const loose = incoming as Loose;
  const stored = current as Loose;
  const time = now.toISOString().replace(/\.\d{3}Z$/, "Z");
  const written: Loose[] = Array.isArray(loose.status?.conditions) ? loose.status.conditions : [];
  const before: Loose[] = Array.isArray(stored.status?.conditions) ? stored.status.conditions : [];
  const conditions = written.map((condition) => {
    if (!condition || typeof condition !== "object") return condition;
    const same = before.find((old) =>
      old?.type === condition.type && old?.status === condition.status && old?.lastTransitionTime
    );
    // In the Go struct's field order.
    const { type, status, reason, message, lastUpdateTime, lastTransitionTime, ...rest } =
      condition;
    return {
      ...(type !== undefined ? { type } : {}),
      ...(status !== undefined ? { status } : {}),
      ...(reason ? { reason } : {}),
      ...(message ? { message } : {}),
      lastUpdateTime: lastUpdateTime || time,
      lastTransitionTime: lastTransitionTime || same?.lastTransitionTime || time,
      ...rest,
    };
  });
  loose.spec = stored.spec;
  const status = { ...(stored.status ?? {}) };
  if (conditions.length) status.conditions = conditions;
  else delete status.conditions;
  loose.status = status;
}
