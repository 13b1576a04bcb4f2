// Reads what a client asked for in its Accept header and query (Table or plain JSON).

import type { IncludeObject } from "./table.ts";
import { StatusError } from "./status_error.ts";

/** The response form a GET/LIST should take. */
export type ResponseForm = { kind: "json" } | { kind: "table"; includeObject: IncludeObject };

const JSON_FORM: ResponseForm = { kind: "json" };

/** Chooses between a Table and the object itself, as the apiserver's negotiation does. */
export function responseForm(accept: string | undefined, query: URLSearchParams): ResponseForm {
  if (!accept?.includes("as=Table")) return JSON_FORM; // most requests: no parsing
  const wantsTable = (accept ?? "").split(",").some((part) => {
    const params = part.split(";").map((p) => p.trim());
    return params.includes("as=Table") && params.includes("g=meta.k8s.io");
  });
  if (!wantsTable) return JSON_FORM;
  const include = query.get("includeObject") ?? "Metadata";
  if (include !== "None" && include !== "Metadata" && include !== "Object") {
    throw StatusError.badRequest(`includeObject: Unsupported value: "${include}"`);
  }
  return { kind: "table", includeObject: include };
}
