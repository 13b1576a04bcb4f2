// A response body that is already JSON text, so handlers can answer without serializing again.

/** JSON text ready to send. */
export class JsonText {
  constructor(readonly text: string) {}
}

/** A JSON response from a body that is either a value or prepared JSON text. */
export function jsonResponse(body: unknown, status = 200): Response {
  const text = body instanceof JsonText ? body.text : JSON.stringify(body);
  return new Response(text, { status, headers: { "Content-Type": "application/json" } });
}
