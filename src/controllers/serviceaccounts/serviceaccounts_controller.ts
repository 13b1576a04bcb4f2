// kube-controller-manager's ServiceAccount controller: a `default` ServiceAccount in every active namespace.
//
// After pkg/controller/serviceaccount/serviceaccounts_controller.go (v1.29–v1.36 alike): a
// namespace added or updated, or one of the managed accounts deleted, queues the namespace; its
// sync skips namespaces that are gone or not Active and creates each missing account with just
// its name, ignoring AlreadyExists.

import { type KubeObject, type StoreChange, StoreError } from "../../store/mod.ts";
import type { ControllerContext } from "../controller_context.ts";

const NAMESPACES = "namespaces";
const SERVICE_ACCOUNTS = "serviceaccounts";
/** The accounts every namespace gets (upstream `DefaultServiceAccountsControllerOptions`). */
const MANAGED_ACCOUNTS = ["default"];

/** Ensures the managed ServiceAccounts of each namespace, driven by store events. */
export class ServiceAccountsController {
  constructor(private readonly context: ControllerContext) {}

  /** Queues an existing namespace, at start-up. */
  sync(resource: string, object: KubeObject): void {
    if (resource === NAMESPACES) this.#enqueue(object.metadata.name ?? "");
  }

  /** Queues the namespace of a namespace change or of a managed account's deletion. */
  observe(change: StoreChange): void {
    const { object } = change;
    if (change.resource === NAMESPACES) {
      if (change.type !== "DELETED") this.#enqueue(object.metadata.name ?? "");
      return;
    }
    if (
      change.resource === SERVICE_ACCOUNTS && change.type === "DELETED" &&
      MANAGED_ACCOUNTS.includes(object.metadata.name ?? "")
    ) {
      this.#enqueue(object.metadata.namespace ?? "");
    }
  }

  #enqueue(namespace: string): void {
    this.context.queue.add(`serviceaccounts/${namespace}`, () => this.#reconcile(namespace));
  }

  #reconcile(namespace: string): void {
    const { store, options } = this.context;
    const namespaces = options.resources(NAMESPACES);
    const accounts = options.resources(SERVICE_ACCOUNTS);
    if (!namespaces || !accounts) return;
    const ns = store.get(namespaces, undefined, namespace);
    const phase = (ns?.status as { phase?: string } | undefined)?.phase;
    // Upstream skips any namespace whose phase is not Active (a new one without status counts).
    if (!ns || ns.metadata.deletionTimestamp || (phase !== undefined && phase !== "Active")) return;
    for (const name of MANAGED_ACCOUNTS) {
      if (store.get(accounts, namespace, name)) continue;
      try {
        store.create(accounts, {
          apiVersion: "v1",
          kind: "ServiceAccount",
          metadata: { name, namespace },
        });
      } catch (error) {
        if (!(error instanceof StoreError && error.reason === "AlreadyExists")) throw error;
      }
    }
  }
}
