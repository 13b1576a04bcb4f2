// Names for objects a controller creates with `generateName`, as the apiserver's generator makes them.

// k8s.io/apimachinery/pkg/util/rand: alphanums avoids vowels and confusable characters.
const ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";
// names.SimpleNameGenerator: the prefix is cut to 63 - 5 characters, then five random characters.
const MAX_PREFIX = 58;

/** `prefix` + 5 random characters (upstream `names.SimpleNameGenerator.GenerateName`). */
export function generatedName(prefix: string, random: () => number): string {
  let name = prefix.length > MAX_PREFIX ? prefix.slice(0, MAX_PREFIX) : prefix;
  for (let i = 0; i < 5; i++) name += ALPHANUMS[Math.floor(random() * ALPHANUMS.length)];
  return name;
}

/** A decimal number in rand.SafeEncodeString's alphabet (pod-template-hash, controller-revision-hash). */
export function safeEncode(value: number): string {
  return [...String(value)].map((digit) => ALPHANUMS[digit.charCodeAt(0) % ALPHANUMS.length])
    .join("");
}
