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
  let policy = seen.get(image);
  if (policy === undefined) {
    const match = REFERENCE.exec(image);
    const effective = match ? match[1] ?? (match[2] ? "" : "latest") : "";
    policy = effective === "latest" ? "Always" : "IfNotPresent";
    // Clusters run few distinct images: remember them, bounded in count and length so that no
    // client can grow it.
    if (image.length <= 256) {
      if (seen.size >= SEEN_LIMIT) seen.clear();
      seen.set(image, policy);
    }
  }
  return policy;
}

const SEEN_LIMIT = 4096;
const seen = new Map<string, "Always" | "IfNotPresent">();
