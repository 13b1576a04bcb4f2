// An Informer over one management-cluster resource whose version discovery decides.

import { Informer, type InformerHandler, type InformerListing } from "./informer.ts";
import { type ManagementClient, ManagementError } from "./management_client.ts";
import { servedResource } from "./served_resource.ts";

/** Which resource to follow and who hears about it. */
export interface ResourceInformerOptions {
  readonly client: ManagementClient;
  readonly group: string;
  readonly plural: string;
  /** Versions to use when served, best first (else the server's preferred version). */
  readonly versions: readonly string[];
  readonly handler: InformerHandler;
  readonly random?: () => number;
  readonly onProblem?: (message: string, fields: Record<string, unknown>) => void;
  readonly onListed?: (listing: InformerListing) => void;
}

/** Builds (does not start) an informer for all namespaces of the resource. */
export function resourceInformer(options: ResourceInformerOptions): Informer {
  const { client } = options;
  const resource = servedResource(client, options.group, options.plural, options.versions);
  return new Informer({
    name: `${options.plural}.${options.group}`,
    async list() {
      try {
        return await client.list(await resource.resolve());
      } catch (error) {
        if (error instanceof ManagementError && error.status === 404) resource.forget();
        throw error;
      }
    },
    async watch(resourceVersion, onEvent) {
      return client.watch(await resource.resolve(), resourceVersion, onEvent);
    },
    handler: options.handler,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: options.random ?? Math.random,
    now: () => performance.now(),
    onProblem: options.onProblem,
    onListed: options.onListed,
  });
}
