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

// The commit and date of each tag, as the Go module proxy lists k8s.io/kubernetes (`@v/<tag>.info`:
// `Origin.Hash` where it gives one, `Time`); a release's binaries are built from that commit on
// that day. Other patches keep an all-zero commit and their minor's nearest date.
const TAGS: Readonly<Record<string, readonly [commit: string | undefined, date: string]>> = {
  "v1.29.6": [undefined, "2024-06-12T06:17:27Z"],
  "v1.29.15": ["0d0f172cdf9fd42d6feee3467374b58d3e168df0", "2025-03-11T17:41:05Z"],
  "v1.30.14": [undefined, "2025-06-18T19:07:32Z"],
  "v1.31.14": [undefined, "2025-11-12T11:37:56Z"],
  "v1.32.13": [undefined, "2026-02-27T00:14:55Z"],
  "v1.33.1": ["8adc0f041b8e7ad1d30e29cc59c6ae7a15e19828", "2025-05-15T08:19:07Z"],
  "v1.34.4": [undefined, "2026-02-10T19:32:20Z"],
  "v1.35.4": ["7b8c6cf0edd376b3d7c2f255142977c7f93db258", "2026-04-15T18:01:22Z"],
  "v1.36.3": [undefined, "2026-07-22T18:07:38Z"],
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
    gitCommit: TAGS[gitVersion]?.[0] ?? "0000000000000000000000000000000000000000",
    gitTreeState: "clean",
    buildDate: nearest(TAGS, gitVersion, `v${major}.${minor}.`)?.[1] ?? "2025-01-01T00:00:00Z",
    goVersion: nearest(GO_VERSIONS, gitVersion, `v${major}.${minor}.`) ?? "go1.24.0",
    compiler: "gc",
    platform: "linux/amd64",
  };
}

// The entry of `gitVersion`, else of the nearest listed patch of its minor.
function nearest<T>(
  table: Readonly<Record<string, T>>,
  gitVersion: string,
  minorPrefix: string,
): T | undefined {
  const exact = table[gitVersion];
  if (exact !== undefined) return exact;
  const patch = Number(/^v\d+\.\d+\.(\d+)/.exec(gitVersion)?.[1] ?? 0);
  let best: [number, T] | undefined;
  for (const [version, value] of Object.entries(table)) {
    if (!version.startsWith(minorPrefix)) continue;
    const distance = Math.abs(Number(version.slice(minorPrefix.length)) - patch);
    if (!best || distance < best[0]) best = [distance, value];
  }
  return best?.[1];
}
