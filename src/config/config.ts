// The shapes parseCommandLine produces: one validated Config and the Command that carries it.

/** Everything fkas needs to start, after flags, env, the YAML file and defaults are merged. */
export interface Config {
  readonly controlAddress: { readonly host: string; readonly port: number };
  readonly advertiseHost: string;
  readonly listenHost: string;
  readonly ports: { readonly min: number; readonly max: number };
  readonly logLevel: "debug" | "info" | "warn" | "error";
  readonly logFormat: "json" | "text";
  readonly anonymousAuth: boolean;
  /** Whether clusters run the simulated scheduler, kubelets and workload controllers. */
  readonly workloads: boolean;
  /** Every cluster's pod network, kubeadm's `podSubnet` and kube-controller-manager's `--cluster-cidr`. */
  readonly clusterCidr: string;
  /** The prefix length of each node's pod range (kube-controller-manager `--node-cidr-mask-size`). */
  readonly nodeCidrMaskSize: number;
  /** Whether clusters get kube-apiserver's whole bootstrap RBAC policy at activation. */
  readonly bootstrapPolicy: boolean;
  /** Whether clients without a certificate may authenticate with a cluster-issued token. */
  readonly serviceAccountTokenAuth: boolean;
  /** The largest request body a fake cluster reads; larger ones are refused with 413. */
  readonly maxRequestBytes: number;
  /** The bytes one cluster's objects may take before its clients' writes fail as etcd's NOSPACE. */
  readonly quotaBackendBytes: number;
  readonly controlToken?: string;
  readonly caKeyAlgorithm: "ecdsa" | "rsa";
  readonly kubernetesVersion: string;
  /** A kubeconfig path, "in-cluster" or "none"; unset: in-cluster when running in a pod. */
  readonly managementKubeconfig?: string;
  /** Where CAs come from when a register body does not say; unset: secrets with a management cluster. */
  readonly caSource?: "generated" | "secrets";
  /** Which management-cluster objects make nodes appear on their own. */
  readonly watch: "none" | "machines" | "baremetalhosts";
  /** How `--watch machines` names nodes: after the infrastructure machine or the CAPI Machine. */
  readonly nodeName: "infrastructure" | "machine";
  /** Be a Cluster API infrastructure provider (FkasCluster, FkasMachine) in the management cluster. */
  readonly provider: boolean;
  /** How many fault rules one cluster may hold. */
  readonly maxFaultRules: number;
  /** Renew node and leader-election Leases at kubelet/controller intervals in every cluster. */
  readonly leaseRenewal: boolean;
  /** How many nodes one cluster may have. */
  readonly maxNodesPerCluster: number;
  /** The largest inflated SPDY header block of a port-forward connection, in bytes. */
  readonly portForwardMaxHeaderBytes: number;
  /** Unread bytes one port-forward stream may hold before it is reset. */
  readonly portForwardStreamBufferBytes: number;
  /** Unread bytes all streams of one port-forward connection may hold together. */
  readonly portForwardConnectionBufferBytes: number;
  /** Streams open at once on one port-forward connection (two per forwarded connection). */
  readonly portForwardMaxStreams: number;
  /** Milliseconds a cluster connection may take to send its first request's headers; 0: no limit. */
  readonly headerTimeout: number;
  /** Milliseconds a cluster connection may have no request in flight; 0: no limit. */
  readonly idleTimeout: number;
  /** Open cluster connections in total; unset: derived from the open-file limit. */
  readonly maxConnections?: number;
  /** Open connections per cluster port. */
  readonly maxConnectionsPerCluster: number;
  /** Watches one cluster may hold open at once. */
  readonly maxWatchesPerCluster: number;
  /** Watches all clusters may hold open at once (each worker thread gets its share). */
  readonly maxWatches: number;
  /** Bytes one cluster's clients may leave with fkas (bodies arriving, answers unread) before its requests are refused. */
  readonly maxBufferedBytesPerCluster: number;
  /** The same for all clusters together (each worker thread gets its share). */
  readonly maxBufferedBytes: number;
  /** Where the journal and snapshots live; unset: in memory only. */
  readonly dataDir?: string;
  /** How journal appends are synced to disk (see README "Durability"). */
  readonly fsync: "always" | "batch" | "never";
  /** Journal bytes after which a compaction writes a snapshot (with `dataDir`). */
  readonly compactAfterBytes: number;
  /** Journal bytes after which a snapshot is taken though little in it is superseded. */
  readonly compactCreationsAfterBytes: number;
  /** Milliseconds without a registration after which a journal of creations is snapshotted (0: never). */
  readonly compactWhenIdle: number;
  /** The control URLs of all replicas, in shard order; unset: one process owns every cluster. */
  readonly peers?: readonly string[];
  /** Which of `peers` this replica is; set exactly when `peers` is. */
  readonly shardIndex?: number;
  /** Worker threads that hold the clusters (1: all in the main thread; "auto": one per core). */
  readonly workers: number | "auto";
}

/** What the command line asks for: serve with a Config, print help, or print the version. */
export type Command =
  | { kind: "serve"; config: Config }
  | { kind: "help"; text: string }
  | { kind: "version" };

/** The outside world parseCommandLine reads, passed in so the module stays pure. */
export interface CommandLineInput {
  argv: string[];
  env: Record<string, string | undefined>;
  readFile: (path: string) => string;
  stdoutIsTerminal: boolean;
  /** The machine's host name, for defaults that read it (--shard-index). */
  hostname?: string;
}
