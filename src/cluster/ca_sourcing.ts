// Where a cluster's CAs come from: generated, supplied in the register body, or CAPI's secrets.

import { loadCertificateAuthority } from "../pki/mod.ts";
import { backoffDelay } from "../retry/mod.ts";
import type { FakeCluster } from "./fake_cluster.ts";

/** How a cluster gets its CAs when the register body supplies none. */
export type CaSource = "generated" | "secrets";

/** A CA certificate and key as PEM (RSA or ECDSA). */
export interface SuppliedCa {
  readonly certPem: string;
  readonly keyPem: string;
}

/** What one read of `<cluster>-ca` and `<cluster>-etcd` found. */
export type CaSecretsLookup =
  | { readonly found: true; readonly ca: SuppliedCa; readonly etcdCa: SuppliedCa }
  /** What is missing, e.g. "CA secret default/demo-ca". */
  | { readonly found: false; readonly missing: string };

/** Reads a cluster's CA secrets from the management cluster. */
export type ReadCaSecrets = (namespace: string, clusterName: string) => Promise<CaSecretsLookup>;

/** What the retry loop needs besides the read. */
export interface CaSourcingDependencies {
  readonly read: ReadCaSecrets;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  /** False once the cluster was unregistered: the loop stops. */
  readonly stillWanted: () => boolean;
  /** Hears about each failed attempt (logged; the loop goes on). */
  readonly onRetry?: (cluster: FakeCluster, waitingFor: string, delayMs: number) => void;
}

/**
 * Reads the cluster's CA secrets until both exist and load, retrying with backoff; meanwhile the
 * cluster reports what it waits for. Resolves `firstAttempt` after the first read, so a register
 * call can answer with the CAs when they are there already, without waiting for them otherwise.
 */
export function sourceCasFromSecrets(
  cluster: FakeCluster,
  deps: CaSourcingDependencies,
): { firstAttempt: Promise<void>; done: Promise<void> } {
  const first = Promise.withResolvers<void>();
  const done = (async () => {
    for (let attempt = 0; deps.stillWanted() && !cluster.hasCas; attempt++) {
      const waitingFor = await tryOnce(cluster, deps.read);
      if (waitingFor === undefined) break;
      cluster.setCaWaitingFor(waitingFor);
      first.resolve();
      const delay = backoffDelay(attempt, deps.random);
      deps.onRetry?.(cluster, waitingFor, delay);
      await deps.sleep(delay);
    }
  })().finally(() => first.resolve());
  return { firstAttempt: first.promise, done };
}

// Provides the CAs and answers undefined, or answers what is still missing or wrong.
async function tryOnce(cluster: FakeCluster, read: ReadCaSecrets): Promise<string | undefined> {
  let lookup: CaSecretsLookup;
  try {
    lookup = await read(cluster.namespace, cluster.name);
  } catch (error) {
    return `CA secrets of ${cluster.resourceName}: ${(error as Error).message}`;
  }
  if (!lookup.found) return lookup.missing;
  try {
    const [ca, etcdCa] = await Promise.all([
      loadCertificateAuthority(lookup.ca.certPem, lookup.ca.keyPem),
      loadCertificateAuthority(lookup.etcdCa.certPem, lookup.etcdCa.keyPem),
    ]);
    cluster.provideCas(ca, etcdCa);
    return undefined;
  } catch (error) {
    return `valid CA secrets ${cluster.namespace}/${cluster.name}-ca and -etcd (${
      (error as Error).message
    })`;
  }
}
