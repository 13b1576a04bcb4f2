// A container's default imagePullPolicy from its image reference, as k8s.io/kubernetes pkg/util/parsers.

// ParseNormalizedNamed's grammar, reduced to what decides the tag: lowercase path components
// (optionally a registry host[:port] first), then an optional `:tag` and an optional `@digest`.
const REFERENCE =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::([\w][\w.-]{0,127}))?(?:@([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$/;

/**
 * `Always` for an image tagged `latest` or with neither tag nor digest, else `IfNotPresent`
 * (also for a reference that does not parse: `ParseImageName` then yields no tag).
 */
export function defaultPullPolicy(image: unknown): "Always" | "IfNotPresent" {
  if (typeof image !== "string") return "IfNotPresent";
  const match = REFERENCE.exec(image);
  if (!match) return "IfNotPresent";
  const [, tag, digest] = match;
  const effective = tag ?? (digest ? "" : "latest");
  return effective === "latest" ? "Always" : "IfNotPresent";
}
