// The debug line of one Kubernetes API request: who asked what, the answer's code and time.

import type { KubeRequestRecord } from "../metrics/mod.ts";

/** The fields of a request's debug line; the error text only when the request failed. */
export function requestLogFields(request: KubeRequestRecord): Record<string, unknown> {
  const resource = [request.group, request.resource].filter(Boolean).join("/") +
    (request.subresource ? `/${request.subresource}` : "");
  const fields: Record<string, unknown> = { cluster: request.cluster, verb: request.verb };
  if (resource) fields.resource = resource;
  fields.code = request.code;
  // Whole milliseconds: sub-millisecond digits are noise in a log line.
  fields.ms = Math.round(request.seconds * 1000);
  if (request.error !== undefined) fields.error = request.error;
  return fields;
}
