// The control API calls that bring one benchmark cluster up, as CAPI and Metal3 make them:
// register, then a control-plane node and three workers reported, `concurrency` clusters at a time.

/** Sends one control API request (how depends on the benchmark: HTTP, or the app in process). */
export type ControlCall = (method: string, path: string, body: unknown) => Promise<unknown>;

/** Registers clusters `c<from>`…`c<to - 1>` in namespace `scale`, each with 1 CP + 3 workers. */
export async function registerClusters(
  call: ControlCall,
  from: number,
  to: number,
  concurrency: number,
): Promise<void> {
  let next = from;
  const one = async (i: number) => {
    const cluster = `c${i}`;
    await call("POST", "/register", { cluster, namespace: "scale" });
    for (let n = 0; n < 4; n++) {
      const nodeName = n === 0 ? `${cluster}-cp-1` : `${cluster}-w-${n}`;
      await call("PUT", "/updateNode", {
        cluster,
        namespace: "scale",
        nodeName,
        labels: n === 0 ? { "cluster.x-k8s.io/control-plane": "" } : {},
        k8sversion: "v1.33.1",
        providerID: `fake://${nodeName}`,
      });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < to) await one(next++);
  }));
}
