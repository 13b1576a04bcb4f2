// The `/version` document of a cluster, as kube-apiserver of that version would answer.

// The Go release each Kubernetes patch was built with: `.go-version` of k8s.io/kubernetes at
// these tags. Other patches take the nearest listed one of their minor.
const GO_VERSIONS: Readonly<Record<string, string>> = {
  "v1.29.6": "go1.21.11",
  "v1.29.15": "go1.23.6",
  "v1.30.14": "go1.23.10",
  "v1.31.14": "go1.24.9",
  "v1.32.13": "go1.24.13",
  "v1.33.1": "go1.24.2",
  "v1.34.4": "go1.24.12",
  "v1.35.4": "go1.25.9",
  "v1.36.3": "go1.26.5",
};

/** `version.Info` for a Kubernetes version such as `v1.33.1`. */
export function versionInfo(gitVersion: string) {
  const [, major = "1", minor = "0"] = /^v(\d+)\.(\d+)/.exec(gitVersion) ?? [];
  // Since 1.33 (compatibility versions, KEP-4330) the binary reports the version it emulates,
  // its own by default, and the oldest it stays compatible with, one minor back.
  const emulation = Number(major) === 1 && Number(minor) >= 33
    ? {
      emulationMajor: major,
      emulationMinor: minor,
      minCompatibilityMajor: major,
      minCompatibilityMinor: String(Number(minor) - 1),
    }
    : {};
  return {
    major,
    minor,
    ...emulation,
    gitVersion,
    gitCommit: "0000000000000000000000000000000000000000",
    gitTreeState: "clean",
    buildDate: "2025-01-01T00:00:00Z",
    goVersion: goVersionOf(gitVersion, `v${major}.${minor}.`),
    compiler: "gc",
    platform: "linux/amd64",
  };
}

function goVersionOf(gitVersion: string, minorPrefix: string): string {
  const exact = GO_VERSIONS[gitVersion];
  if (exact) return exact;
  const patch = Number(/^v\d+\.\d+\.(\d+)/.exec(gitVersion)?.[1] ?? 0);
  let best: [number, string] | undefined;
  for (const [version, go] of Object.entries(GO_VERSIONS)) {
    if (!version.startsWith(minorPrefix)) continue;
    const distance = Math.abs(Number(version.slice(minorPrefix.length)) - patch);
    if (!best || distance < best[0]) best = [distance, go];
  }
  return best?.[1] ?? "go1.24.0";
}
