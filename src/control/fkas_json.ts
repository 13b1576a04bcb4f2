// Reads FKAS request bodies the way Go's encoding/json did: keys match case-insensitively.

import { ControlError } from "./control_error.ts";

/**
 * Parses a JSON object and returns it with its keys renamed to the expected spelling when they
 * match case-insensitively (`"Cluster"` → `cluster`); an exact match wins over a folded one, and
 * unknown keys are kept for the schema to ignore.
 */
export function parseFkasObject(
  text: string,
  expectedKeys: readonly string[],
): Record<string, unknown> {
  if (text.trim() === "") throw new ControlError(400, "Invalid JSON: the request body is empty");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new ControlError(400, `Invalid JSON: ${(cause as Error).message}`, undefined, { cause });
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ControlError(400, "Invalid JSON: the request body must be a JSON object");
  }
  const byFolded = new Map(expectedKeys.map((key) => [key.toLowerCase(), key]));
  const result: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    const expected = byFolded.get(key.toLowerCase());
    if (!expected) continue;
    if (key === expected || !(expected in result)) result[expected] = field;
  }
  return result;
}
