// Valibot schemas of the FKAS request bodies (`/register`, `/updateNode`) and their decoding.

import * as v from "valibot";
import {
  KUBERNETES_VERSION,
  NO_DELAYS,
  type NodeReport,
  parseDurationMs,
  type RegisterRequest,
} from "../cluster/mod.ts";
import { parseFkasObject } from "./fkas_json.ts";
import { validate } from "./validation.ts";
import { dnsLabel, dnsSubdomain, labelKeyProblem, labelValueProblem } from "./kube_names.ts";

// Go decoded a JSON null into "", and clients send nulls for fields they do not know yet.
const optionalText = v.pipe(
  v.optional(v.nullable(v.string("must be a string"))),
  v.transform((value) => value || undefined),
);

const pem = v.pipe(v.string("must be a PEM string"), v.nonEmpty("must not be empty"));
const caPair = v.optional(
  v.pipe(
    v.object({ cert: pem, key: pem }, "must be an object with PEM strings cert and key"),
    v.transform(({ cert, key }) => ({ certPem: cert, keyPem: key })),
  ),
);

const labels = v.pipe(
  v.optional(
    v.nullable(v.record(v.string(), v.string("must be a string"), "must be an object of strings")),
  ),
  v.transform((value) => value ?? {}),
  v.check(
    (value) => firstLabelProblem(value) === undefined,
    (issue) => firstLabelProblem(issue.input as Record<string, string>) ?? "invalid label",
  ),
);

const version = v.pipe(
  optionalText,
  v.check(
    (value) => value === undefined || KUBERNETES_VERSION.test(value),
    'must be a Kubernetes version such as "v1.33.1"',
  ),
);

// CAPD's in-memory backend spells these `startupDuration: "10s"` and `startupJitter: "0.2"`.
const phaseDelay = v.optional(
  v.pipe(
    v.object({
      startupDuration: v.pipe(
        v.string('must be a duration such as "2s"'),
        v.check((text) => parseDurationMs(text) !== undefined, 'must be a duration such as "2s"'),
        v.transform((text) => parseDurationMs(text)!),
      ),
      startupJitter: v.optional(
        v.pipe(
          v.union([v.string(), v.number()], "must be a number such as 0.2"),
          v.transform(Number),
          v.check((n) => Number.isFinite(n) && n >= 0 && n <= 10, "must be a number from 0 to 10"),
        ),
        0,
      ),
    }),
    v.transform(({ startupDuration, startupJitter }) => ({
      startupMs: startupDuration,
      jitter: startupJitter,
    })),
  ),
);

const REGISTER = v.object({
  cluster: dnsSubdomain,
  namespace: dnsLabel,
  ca: caPair,
  etcdCA: caPair,
  caSource: v.optional(v.picklist(["generated", "secrets"], 'must be "generated" or "secrets"')),
  provisioning: v.optional(v.object({ node: phaseDelay, etcd: phaseDelay, apiServer: phaseDelay })),
});

const UPDATE_NODE = v.object({
  cluster: dnsSubdomain,
  namespace: dnsLabel,
  nodeName: dnsSubdomain,
  uuid: optionalText,
  providerID: optionalText,
  labels,
  k8sversion: version,
});

/** Decodes and validates a `/register` body. */
export function decodeRegisterBody(text: string): RegisterRequest {
  const { cluster, namespace, ca, etcdCA, caSource, provisioning } = validate(
    REGISTER,
    parseFkasObject(text, ["cluster", "namespace", "ca", "etcdCA", "caSource", "provisioning"]),
  );
  return {
    name: cluster,
    namespace,
    ca,
    etcdCa: etcdCA,
    caSource,
    provisioning: provisioning && {
      node: provisioning.node ?? NO_DELAYS.node,
      etcd: provisioning.etcd ?? NO_DELAYS.etcd,
      apiServer: provisioning.apiServer ?? NO_DELAYS.apiServer,
    },
  };
}

/** Decodes and validates a `/updateNode` body (labels missing or null mean none). */
export function decodeUpdateNodeBody(text: string): NodeReport {
  const body = validate(
    UPDATE_NODE,
    parseFkasObject(text, [
      "cluster",
      "namespace",
      "nodeName",
      "uuid",
      "providerID",
      "labels",
      "k8sversion",
    ]),
  );
  return {
    namespace: body.namespace,
    cluster: body.cluster,
    nodeName: body.nodeName,
    uuid: body.uuid,
    providerID: body.providerID,
    labels: body.labels ?? {},
    kubernetesVersion: body.k8sversion,
  };
}

function firstLabelProblem(value: Record<string, string>): string | undefined {
  for (const [key, labelValue] of Object.entries(value)) {
    const problem = labelKeyProblem(key) ?? labelValueProblem(key, labelValue);
    if (problem) return problem;
  }
  return undefined;
}
