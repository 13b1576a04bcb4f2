// Valibot schemas of the FKAS request bodies (`/register`, `/updateNode`) and their decoding.

import * as v from "valibot";
import {
  KUBERNETES_VERSION,
  MAX_PHASE_DELAY_MS,
  MAX_PHASE_JITTER,
  NO_DELAYS,
  type NodeReport,
  parseDurationMs,
  type RegisterRequest,
  UUID_LABEL,
} from "../cluster/mod.ts";
import { parseFkasObject } from "./fkas_json.ts";
import { validate } from "./validation.ts";
import { KUBEADM_SETTINGS } from "./kubeadm_body.ts";
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

// Labels are user keys: read them from the parsed JSON's own properties (JSON.parse makes
// `"__proto__"` an own key, which valibot's record schema silently skips) into a null-prototype
// object, so no key can reach Object.prototype or vanish. An array is not an object of strings.
const labels = v.pipe(
  v.optional(v.nullable(v.unknown())),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const input = dataset.value;
    if (input === undefined || input === null) return Object.create(null) as Labels;
    if (typeof input !== "object" || Array.isArray(input)) {
      addIssue({ message: "must be an object of strings" });
      return NEVER;
    }
    const problem = firstLabelProblem(input as Record<string, unknown>);
    if (problem) {
      addIssue({ message: problem });
      return NEVER;
    }
    return nullPrototypeCopy(input as Record<string, string>);
  }),
);

// The uuid becomes the value of the Node label `metal3.io/uuid`, so it must be a label value.
const uuid = v.pipe(
  optionalText,
  v.check(
    (value) => value === undefined || labelValueProblem(UUID_LABEL, value) === undefined,
    (issue) => labelValueProblem(UUID_LABEL, String(issue.input)) ?? "invalid label value",
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
        v.maxValue(MAX_PHASE_DELAY_MS, "must be at most 24h"),
      ),
      startupJitter: v.optional(
        v.pipe(
          v.union([v.string(), v.number()], "must be a number such as 0.2"),
          v.transform(Number),
          v.check(
            (n) => Number.isFinite(n) && n >= 0 && n <= MAX_PHASE_JITTER,
            `must be a number from 0 to ${MAX_PHASE_JITTER}`,
          ),
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
  kubeadm: KUBEADM_SETTINGS,
});

const UPDATE_NODE = v.object({
  cluster: dnsSubdomain,
  namespace: dnsLabel,
  nodeName: dnsSubdomain,
  uuid,
  providerID: optionalText,
  labels,
  k8sversion: version,
});

/** Decodes and validates a `/register` body. */
export function decodeRegisterBody(text: string): RegisterRequest {
  const { cluster, namespace, ca, etcdCA, caSource, provisioning, kubeadm } = validate(
    REGISTER,
    parseFkasObject(text, [
      "cluster",
      "namespace",
      "ca",
      "etcdCA",
      "caSource",
      "provisioning",
      "kubeadm",
    ]),
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
    kubeadm,
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

type Labels = Record<string, string>;

function firstLabelProblem(value: Record<string, unknown>): string | undefined {
  for (const key of Object.keys(value)) {
    const labelValue = value[key];
    if (typeof labelValue !== "string") return `label "${key}": must be a string`;
    const problem = labelKeyProblem(key) ?? labelValueProblem(key, labelValue);
    if (problem) return problem;
  }
  return undefined;
}

function nullPrototypeCopy(value: Labels): Labels {
  const copy = Object.create(null) as Labels;
  for (const key of Object.keys(value)) copy[key] = value[key];
  return copy;
}
