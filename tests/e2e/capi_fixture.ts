// What the CAPI scenario suites share: the tools they need, the control-plane label, kubectl's JSON,
// and raw requests with a cluster's admin certificate, as client-go sends them.
import https from "node:https";
import { has } from "./etcd_fixture.ts";
import type { Kubeconfig } from "./fkas_process.ts";
import { kubectl } from "./kubectl_runner.ts";

/** The clients the CAPI suites drive that are not installed here (the suites skip when any is). */
export const missingCapiTools = ["kubectl", "etcdctl"].filter((tool) =>
  !has(tool, tool === "kubectl" ? ["version", "--client"] : ["version"])
);

/** The label CAPI puts on control-plane machines' Nodes. */
export const CP = { "cluster.x-k8s.io/control-plane": "" };

/** `kubectl ... -o json`, parsed. */
// deno-lint-ignore no-explicit-any
export const kubectlJson = (kubeconfig: string, ...args: string[]): any =>
  JSON.parse(kubectl(kubeconfig, ...args, "-o", "json"));

/** An answer to `request`. */
export interface Answer {
  status: number;
  body: string;
  contentType?: string;
}

/** A request with the admin certificate, as client-go sends it; `until` ends a stream early. */
export function request(
  config: Kubeconfig,
  method: string,
  path: string,
  options: {
    body?: Uint8Array;
    contentType?: string;
    accept?: string;
    until?: (text: string) => boolean;
  } = {},
): Promise<Answer> {
  const server = new URL(config.clusters[0].cluster.server);
  return new Promise<Answer>((resolve, reject) => {
    const req = https.request({
      host: server.hostname,
      port: server.port,
      path,
      method,
      ca: atob(config.clusters[0].cluster["certificate-authority-data"]),
      cert: atob(config.users[0].user["client-certificate-data"]),
      key: atob(config.users[0].user["client-key-data"]),
      headers: {
        ...(options.contentType ? { "content-type": options.contentType } : {}),
        accept: options.accept ?? "application/json",
      },
    }, (res) => {
      let text = "";
      res.on("data", (chunk) => {
        text += chunk;
        if (options.until?.(text)) {
          resolve({ status: res.statusCode ?? 0, body: text });
          req.destroy();
        }
      });
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          body: text,
          contentType: res.headers["content-type"],
        }));
    });
    req.on("error", reject);
    req.setTimeout(20_000, () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.end(options.body);
  });
}
