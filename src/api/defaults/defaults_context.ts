// What defaulting may read besides the object: the cluster's minor, randomness and a few lookups.

// deno-lint-ignore no-explicit-any
type Loose = any;

/** Inputs of defaulting and built-in admission; all I/O is passed in. */
export interface DefaultsContext {
  /** The cluster's Kubernetes minor (29 for v1.29.x): some defaults differ by release. */
  readonly minor: number;
  /** A random number in [0, 1), for generated names (`kube-api-access-<5>`) and NodePorts. */
  readonly random: () => number;
  /** The stored object of a built-in resource (`priorityclasses` key), if any. */
  readonly lookup?: (resourceKey: string, namespace: string | undefined, name: string) => Loose;
  /** Every stored object of a built-in resource (Services for NodePorts, PriorityClasses). */
  readonly list?: (resourceKey: string) => readonly Loose[];
  /** A fresh ClusterIP for a Service. */
  readonly allocateClusterIP?: () => string;
  /**
   * An update's object as stored: the written object may share its parts (a patch keeps what it
   * does not touch, a scale keeps the spec's template), which defaulting never writes to.
   */
  readonly stored?: unknown;
  /**
   * Told each part of `stored` the written object held at `path` and got a defaulted copy of
   * instead (the decoded stored object has it defaulted too), with a copy of that copy.
   */
  readonly replaced?: (path: readonly (string | number)[], defaulted: unknown) => void;
}
