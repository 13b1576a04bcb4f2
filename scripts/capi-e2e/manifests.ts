// Turns CAPI's kustomize sources (config/crd/bases, config/webhook/manifests.yaml of one component)
// into what the CAPI end-to-end harness applies: the CRDs with their contract labels and a conversion
// webhook served by the component's manager on loopback, and its admission webhooks pointed there.
// Usage: manifests.ts <component config dir> <component> <webhook port> <CA file> > out.yaml
import { readdirSync, readFileSync } from "node:fs";
import process from "node:process";
import { parseAllDocuments, stringify } from "yaml";

type Obj = Record<string, unknown> & { metadata?: Record<string, unknown> };

/** The labels CAPI's kustomizations put on a component's CRDs (contract versions it serves). */
const CRD_LABELS: Record<string, Record<string, string>> = {
  core: { "cluster.x-k8s.io/provider": "cluster-api" },
  bootstrap: {
    "cluster.x-k8s.io/provider": "bootstrap-kubeadm",
    "cluster.x-k8s.io/v1beta1": "v1beta1",
    "cluster.x-k8s.io/v1beta2": "v1beta2",
  },
  controlplane: {
    "cluster.x-k8s.io/provider": "control-plane-kubeadm",
    "cluster.x-k8s.io/v1beta1": "v1beta1",
    "cluster.x-k8s.io/v1beta2": "v1beta2",
  },
};

/** The documents of one YAML file, without empty ones. */
function documents(path: string): Obj[] {
  return parseAllDocuments(readFileSync(path, "utf8"))
    .map((doc) => doc.toJS() as Obj | null)
    .filter((obj): obj is Obj => obj !== null && typeof obj === "object");
}

/** A loopback webhook client config in place of the in-cluster Service one. */
function clientConfig(port: number, path: string, caBundle: string) {
  return { url: `https://127.0.0.1:${port}${path}`, caBundle };
}

function main(): void {
  const [dir, component, portText, caFile] = process.argv.slice(2);
  const port = Number(portText);
  if (!dir || !(component in CRD_LABELS) || !(port > 0) || !caFile) {
    throw new Error("usage: manifests.ts <config dir> <core|bootstrap|controlplane> <port> <ca>");
  }
  const caBundle = btoa(readFileSync(caFile, "utf8"));
  const out: Obj[] = [];
  const bases = `${dir}/crd/bases`;
  for (const file of readdirSync(bases).filter((name) => name.endsWith(".yaml")).sort()) {
    for (const crd of documents(`${bases}/${file}`)) {
      crd.metadata = {
        ...crd.metadata,
        labels: {
          ...(crd.metadata?.labels as Record<string, string> | undefined),
          ...CRD_LABELS[component],
        },
      };
      const spec = crd.spec as { versions?: unknown[]; conversion?: unknown };
      // Every multi-version CRD of CAPI converts through its manager (the kustomize patches do so).
      if ((spec.versions?.length ?? 0) > 1) {
        spec.conversion = {
          strategy: "Webhook",
          webhook: {
            conversionReviewVersions: ["v1"],
            clientConfig: clientConfig(port, "/convert", caBundle),
          },
        };
      }
      out.push(crd);
    }
  }
  for (const config of documents(`${dir}/webhook/manifests.yaml`)) {
    // The three components name their configurations alike; kustomize prefixes them.
    config.metadata = { ...config.metadata, name: `${component}-${config.metadata?.name}` };
    for (const hook of (config.webhooks ?? []) as Array<Record<string, unknown>>) {
      const service = (hook.clientConfig as { service: { path: string } }).service;
      hook.clientConfig = clientConfig(port, service.path, caBundle);
    }
    out.push(config);
  }
  process.stdout.write(out.map((obj) => stringify(obj)).join("---\n"));
}

main();
