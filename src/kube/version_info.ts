// The `/version` document of a cluster, as kube-apiserver of that version would answer.

/** `version.Info` for a Kubernetes version such as `v1.33.1`. */
export function versionInfo(gitVersion: string) {
  const [, major = "1", minor = "0"] = /^v(\d+)\.(\d+)/.exec(gitVersion) ?? [];
  return {
    major,
    minor,
    gitVersion,
    gitCommit: "0000000000000000000000000000000000000000",
    gitTreeState: "clean",
    buildDate: "2025-01-01T00:00:00Z",
    goVersion: "go1.24.0",
    compiler: "gc",
    platform: "linux/amd64",
  };
}
