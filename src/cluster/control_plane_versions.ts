// Which Kubernetes version a cluster's `/version` reports while its control planes are upgraded.
//
// A real cluster answers `/version` from whichever kube-apiserver its load balancer picks, so a
// rollout shows both versions at random. fkas answers deterministically with the *lowest* version
// among its control-plane nodes that reported one: the version every API server of the cluster
// serves at least (the skew guarantee clients rely on). `/version` therefore moves when the last
// control plane at the old version is upgraded in place or removed, as at the end of a KCP rollout.

/** Compares two versions `v1.33.1`, `v1.34.0-rc.1` (`v` optional): negative, zero or positive. */
export function compareKubernetesVersions(a: string, b: string): number {
  const left = parts(a);
  const right = parts(b);
  for (let i = 0; i < 3; i++) {
    if (left.numbers[i] !== right.numbers[i]) return left.numbers[i] - right.numbers[i];
  }
  // Semantic versioning: a pre-release sorts before its release; build metadata is ignored.
  if (left.pre === right.pre) return 0;
  if (left.pre === "") return 1;
  if (right.pre === "") return -1;
  return left.pre < right.pre ? -1 : 1;
}

function parts(version: string): { numbers: number[]; pre: string } {
  const match = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?/.exec(version);
  if (!match) return { numbers: [0, 0, 0], pre: "" };
  return { numbers: [Number(match[1]), Number(match[2]), Number(match[3])], pre: match[4] ?? "" };
}

/** The versions of a cluster's control-plane nodes, by node name, and the version they imply. */
export class ControlPlaneVersions {
  readonly #byNode = new Map<string, string>();

  /** Records a control-plane node's version; returns whether the cluster's version may have moved. */
  set(nodeName: string, version: string): boolean {
    if (this.#byNode.get(nodeName) === version) return false;
    this.#byNode.set(nodeName, version);
    return true;
  }

  /** Forgets a node (deleted); returns whether it was a tracked control plane. */
  delete(nodeName: string): boolean {
    return this.#byNode.delete(nodeName);
  }

  /** Every tracked control plane and its version (what a restart restores). */
  entries(): [string, string][] {
    return [...this.#byNode];
  }

  /** The lowest version of the tracked control planes, or undefined when none reported one. */
  lowest(): string | undefined {
    let lowest: string | undefined;
    for (const version of this.#byNode.values()) {
      if (lowest === undefined || compareKubernetesVersions(version, lowest) < 0) lowest = version;
    }
    return lowest;
  }
}
