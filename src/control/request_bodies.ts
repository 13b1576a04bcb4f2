// Valibot schemas of the FKAS request bodies (`/register`, `/updateNode`) and their decoding.

import * as v from "valibot";
import type { NodeReport, RegisterRequest } from "../cluster/mod.ts";
import { ControlError } from "./control_error.ts";
import { parseFkasObject } from "./fkas_json.ts";
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
    (value) => value === undefined || /^v\d+\.\d+\.\d+([-+][0-9A-Za-z.+-]+)?$/.test(value),
    'must be a Kubernetes version such as "v1.33.1"',
  ),
);

const REGISTER = v.object({
  cluster: dnsSubdomain,
  namespace: dnsLabel,
  ca: caPair,
  etcdCA: caPair,
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
  const { cluster, namespace, ca, etcdCA } = validate(
    REGISTER,
    parseFkasObject(text, ["cluster", "namespace", "ca", "etcdCA"]),
  );
  return { name: cluster, namespace, ca, etcdCa: etcdCA };
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

function validate<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const field = issue.path?.map((item) => String(item.key)).join(".") ?? undefined;
  const message = issue.input === undefined && issue.kind === "schema"
    ? "is required"
    : issue.message;
  throw new ControlError(400, field ? `${field}: ${message}` : message, field);
}

function firstLabelProblem(value: Record<string, string>): string | undefined {
  for (const [key, labelValue] of Object.entries(value)) {
    const problem = labelKeyProblem(key) ?? labelValueProblem(key, labelValue);
    if (problem) return problem;
  }
  return undefined;
}
