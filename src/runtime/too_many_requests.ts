// kube-apiserver's answer to a request over its in-flight limit (maxinflight.go tooManyRequests):
// Go's http.Error, plain text with nosniff, and `Retry-After: 1`, which client-go waits and retries.

const REFUSAL = "Too many requests, please try again later.\n";

/** A fresh 429 in kube-apiserver's words. */
export function tooManyRequests(): Response {
  return new Response(REFUSAL, {
    status: 429,
    headers: {
      "retry-after": "1",
      "content-type": "text/plain; charset=utf-8",
      "x-content-type-options": "nosniff",
    },
  });
}
