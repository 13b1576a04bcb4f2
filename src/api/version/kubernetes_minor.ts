// The minor of a Kubernetes version string, which every release-dependent behaviour branches on.

/** Minors by version text: asked on every write (defaults, validation), the regex once per text. */
const minors = new Map<string, number | undefined>();

/**
 * The minor of a Kubernetes 1.x version (`v1.33.1` → 33), or undefined when the text is missing
 * or is not one: each caller names the minor it assumes then.
 */
export function kubernetesMinor(version: string | undefined): number | undefined {
  if (version === undefined) return undefined;
  if (minors.has(version)) return minors.get(version);
  const match = /^v?1\.(\d+)/.exec(version);
  const minor = match ? Number(match[1]) : undefined;
  if (minors.size < 256) minors.set(version, minor);
  return minor;
}
