// Shared input checks of the control API: JSON bodies and valibot results as `{error, field}` errors.

import type { Context } from "hono";
import * as v from "valibot";
import { ControlError } from "./control_error.ts";

/** Parses a request's JSON body (an object), with a 400 naming the problem. */
export async function parseJsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === "") throw new ControlError(400, "Invalid JSON: the request body is empty");
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new ControlError(400, `Invalid JSON: ${(cause as Error).message}`, undefined, { cause });
  }
}

/** Runs a valibot schema; the first issue becomes a 400 naming its field path. */
export function validate<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const field = issue.path?.map((item) => String(item.key)).join(".") ?? undefined;
  const message = issue.input === undefined && issue.kind === "schema"
    ? "is required"
    : issue.message;
  throw new ControlError(400, field ? `${field}: ${message}` : message, field);
}
