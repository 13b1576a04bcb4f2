// `?dryRun=All`: validate and compute a write, answer as if done, store nothing.

import { StatusError } from "./status_error.ts";

/** Whether the request asks for a dry run; any value but "All" is a 400, as the apiserver says. */
export function isDryRun(query: URLSearchParams, bodyValue?: unknown): boolean {
  // Asked on every write, which almost never is one: no lists built for the common answer.
  if (!Array.isArray(bodyValue) && !query.has("dryRun")) return false;
  const values = [...query.getAll("dryRun"), ...(Array.isArray(bodyValue) ? bodyValue : [])];
  for (const value of values) {
    if (value !== "All") {
      throw StatusError.badRequest(
        `dryRun: Unsupported value: "${String(value)}": supported values: "All"`,
      );
    }
  }
  return values.length > 0;
}
