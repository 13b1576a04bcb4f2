// A response body that is already JSON text, so handlers can answer without serializing again.

/** JSON text ready to send. */
export class JsonText {
  /** `terminated`: the text ends with the encoder's newline already (`objectJson`'s). */
  constructor(readonly text: string, readonly terminated = false) {}
}

// kube-apiserver marks every answer uncacheable; without it kubectl's disk HTTP cache can replay
// a previous server's answer (/version, discovery) for a host:port that is now another cluster.
/** The header every kube answer carries. */
export const UNCACHEABLE: Readonly<Record<string, string>> = {
  "cache-control": "no-cache, private",
};

/**
 * A JSON response from a body that is either a value or prepared JSON text. Its headers are a
 * plain object (lower-case, in the order a `Headers` would list them), which the HTTP adapter
 * writes as they are; `Cache-Control` is set already.
 */
export function jsonResponse(body: unknown, status = 200): Response {
  // The serializer's json.Encoder ends each document with a newline.
  const text = body instanceof JsonText
    ? (body.terminated ? body.text : `${body.text}\n`)
    : `${JSON.stringify(body)}\n`;
  // A literal, not a spread of UNCACHEABLE: copying an object per answer showed in profiles.
  return new Response(text, {
    status,
    headers: { "cache-control": "no-cache, private", "content-type": "application/json" },
  });
}
