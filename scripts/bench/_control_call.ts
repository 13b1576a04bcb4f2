// Calls fkas's control API from benchmarks: JSON in, text out, a clear error for any non-2xx answer.

/** Sends one control API request and returns the response text; throws on a non-2xx answer. */
export async function controlCall(
  control: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<string> {
  const response = await fetch(`${control}${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`Cannot ${method} ${path}: ${response.status} ${text}`);
  return text;
}
