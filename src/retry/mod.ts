// Retry timing shared by everything that talks to a management cluster.

export { backoffDelay, type BackoffPolicy, DEFAULT_BACKOFF } from "./backoff.ts";
