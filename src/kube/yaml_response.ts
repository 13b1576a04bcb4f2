// Writes a JSON answer as YAML for a client whose Accept header negotiates YAML, as
// kube-apiserver's YAML serializer (sigs.k8s.io/yaml over the object's JSON) would write it.

import { goYaml } from "../encoding/go_yaml.ts";
import { answersInYaml } from "./negotiation.ts";

/** The YAML media type kube-apiserver answers with. */
export const YAML_MEDIA_TYPE = "application/yaml";

/**
 * Whether a JSON answer (an object, a list, a Table, PartialObjectMetadata or an error Status)
 * must go out as YAML. Watch streams never do: YAML has no stream form (406 before this).
 */
export function needsYaml(request: Request, query: URLSearchParams, response: Response): boolean {
  const accept = request.headers.get("accept");
  if (!accept || !accept.includes("yaml")) return false;
  if (response.headers.get("content-type") !== "application/json") return false;
  return answersInYaml(accept, query);
}

/** The same answer (status, headers) with its JSON body written as YAML. */
export async function yamlResponse(response: Response): Promise<Response> {
  const text = await response.text();
  const headers = new Headers(response.headers);
  headers.set("content-type", YAML_MEDIA_TYPE);
  const body = text === "" ? "" : goYaml(JSON.parse(text));
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}
