// The options of fkas as data: one table that drives flag, env and YAML parsing and the help text.
import type { Config } from "./config.ts";
import { DEFAULTS } from "./defaults.ts";
import {
  directory,
  duration,
  host,
  hostPort,
  ipv4Cidr,
  isLoopbackIp,
  kubeconfigSource,
  kubernetesVersion,
  oneOf,
  onOff,
  peerUrls,
  portRange,
  token,
  wholeNumberIn,
  workerCount,
} from "./values.ts";
import type { ValueKind } from "./values.ts";

/** One setting, described once: its Config field (also its YAML key), flag, env var and parser. */
export interface Option<K extends keyof Config = keyof Config> {
  readonly key: K;
  readonly flag: string;
  readonly env: string;
  /** An env var read only when flag, env and file are all silent (advertiseHost ← POD_IP). */
  readonly fallbackEnv?: string;
  readonly description: string;
  readonly kind: ValueKind<NonNullable<Config[K]>>;
  /** The default, which may depend on the terminal, the pod, and options resolved before it. */
  readonly defaultValue: (context: DefaultContext) => Config[K] | undefined;
  /** The default as help shows it, when it depends on the environment at start-up. */
  readonly defaultDescription?: string;
  /** Keeps the value out of error messages. */
  readonly secret?: boolean;
  /** What is wrong with the final value given the options resolved before it, if anything. */
  readonly check?: (value: Config[K] | undefined, context: DefaultContext) => string | undefined;
}

/** What a default may depend on. */
export interface DefaultContext {
  readonly stdoutIsTerminal: boolean;
  /** KUBERNETES_SERVICE_HOST is set: fkas runs in a pod, whose peers dial the pod's IP. */
  readonly inPod: boolean;
  /** The options above this one in OPTIONS, already resolved. */
  readonly resolved: Partial<Config>;
  /** The machine's host name (a StatefulSet pod's is `<set>-<ordinal>`), when known. */
  readonly hostname?: string;
}

/** An Option of any key, the element type of OPTIONS. */
export type AnyOption = { [K in keyof Config]-?: Option<K> }[keyof Config];

const always = <T>(value: T) => () => value;

/** The --config option, which names the YAML file the other options may also come from. */
export const CONFIG_FILE_OPTION = {
  flag: "--config",
  env: "FKAS_CONFIG",
  valueName: "FILE",
  description: "YAML file setting any option below by its camelCase name (controlAddress: ...)",
} as const;

/** Every option that ends up in Config, in help-text order. */
export const OPTIONS: readonly AnyOption[] = [{
  key: "controlAddress",
  flag: "--control-address",
  env: "FKAS_CONTROL_ADDRESS",
  description: "where the control API listens (it serves admin kubeconfigs and CA keys)",
  kind: hostPort,
  defaultValue: ({ inPod }) => inPod ? DEFAULTS.podControlAddress : DEFAULTS.controlAddress,
  defaultDescription: "127.0.0.1:3333, 0.0.0.0:3333 in a pod",
}, {
  key: "advertiseHost",
  flag: "--advertise-host",
  env: "FKAS_ADVERTISE_HOST",
  fallbackEnv: "POD_IP",
  description: "host put into the kubeconfigs and endpoints of fake clusters",
  kind: host,
  defaultValue: always(DEFAULTS.advertiseHost),
}, {
  key: "listenHost",
  flag: "--listen-host",
  env: "FKAS_LISTEN_HOST",
  description: "where the listeners of fake clusters bind",
  kind: host,
  // The advertised host must be reachable: a loopback one is served on that loopback address only.
  defaultValue: ({ inPod, resolved }) =>
    !inPod && resolved.advertiseHost !== undefined && isLoopbackIp(resolved.advertiseHost)
      ? resolved.advertiseHost
      : DEFAULTS.reachableListenHost,
  defaultDescription:
    "the advertise host if it is a loopback address and not in a pod, else 0.0.0.0",
}, {
  key: "ports",
  flag: "--ports",
  env: "FKAS_PORTS",
  description: "ports handed out to fake clusters",
  kind: portRange,
  defaultValue: always(DEFAULTS.ports),
}, {
  key: "logLevel",
  flag: "--log-level",
  env: "FKAS_LOG_LEVEL",
  description: "least severe log level written",
  kind: oneOf(["debug", "info", "warn", "error"]),
  defaultValue: always(DEFAULTS.logLevel),
}, {
  key: "logFormat",
  flag: "--log-format",
  env: "FKAS_LOG_FORMAT",
  description: "log line format",
  kind: oneOf(["json", "text"]),
  defaultValue: ({ stdoutIsTerminal }) =>
    stdoutIsTerminal ? DEFAULTS.terminalLogFormat : DEFAULTS.logFormat,
}, {
  key: "anonymousAuth",
  flag: "--anonymous-auth",
  env: "FKAS_ANONYMOUS_AUTH",
  description: "let fake clusters serve clients without a certificate signed by the cluster CA",
  kind: onOff,
  defaultValue: always(DEFAULTS.anonymousAuth),
}, {
  key: "serviceAccountTokenAuth",
  flag: "--service-account-token-auth",
  env: "FKAS_SERVICE_ACCOUNT_TOKEN_AUTH",
  description:
    "let fake clusters authenticate clients without a certificate by a service account token " +
    "they issued (kubectl create token), authorized by the cluster's RBAC",
  kind: onOff,
  defaultValue: always(DEFAULTS.serviceAccountTokenAuth),
}, {
  key: "workloads",
  flag: "--workloads",
  env: "FKAS_WORKLOADS",
  description:
    "run a scheduler, kubelets and the workload controllers in every cluster (Deployments, " +
    "DaemonSets, Jobs... get running pods; CoreDNS and kube-proxy pods run)",
  kind: onOff,
  defaultValue: always(DEFAULTS.workloads),
}, {
  key: "clusterCidr",
  flag: "--cluster-cidr",
  env: "FKAS_CLUSTER_CIDR",
  description:
    "every cluster's pod network (kubeadm podSubnet); with --workloads, node IPAM gives each " +
    "node a range of it, as kube-controller-manager's --cluster-cidr",
  kind: ipv4Cidr,
  defaultValue: always(DEFAULTS.clusterCidr),
}, {
  key: "nodeCidrMaskSize",
  flag: "--node-cidr-mask-size",
  env: "FKAS_NODE_CIDR_MASK_SIZE",
  description:
    "prefix length of each node's pod range, as kube-controller-manager's flag: a /16 cluster " +
    "CIDR holds 256 nodes of /24, 1,024 of /26 (at most 16 bits longer than --cluster-cidr)",
  kind: wholeNumberIn(1, 30),
  defaultValue: always(DEFAULTS.nodeCidrMaskSize),
}, {
  key: "bootstrapPolicy",
  flag: "--bootstrap-policy",
  env: "FKAS_BOOTSTRAP_POLICY",
  description:
    "seed every cluster with kube-apiserver's whole bootstrap RBAC policy of its version " +
    "(cluster-admin, admin, edit, view, system:*), as a real cluster has it",
  kind: onOff,
  defaultValue: always(DEFAULTS.bootstrapPolicy),
}, {
  key: "maxRequestBytes",
  flag: "--max-request-bytes",
  env: "FKAS_MAX_REQUEST_BYTES",
  description: "largest request body a fake cluster reads (413 beyond), as kube-apiserver's flag",
  // kube-apiserver takes any int64; a body fkas would hold in memory stops well before 1 GiB.
  kind: wholeNumberIn(1, 2 ** 30),
  defaultValue: always(DEFAULTS.maxRequestBytes),
}, {
  key: "quotaBackendBytes",
  flag: "--quota-backend-bytes",
  env: "FKAS_QUOTA_BACKEND_BYTES",
  description: "bytes of objects one fake cluster may store; past them its clients' creates and " +
    "updates fail as etcd's (500 'etcdserver: mvcc: database space exceeded'), as etcd's flag",
  kind: wholeNumberIn(1, 2 ** 40),
  defaultValue: always(DEFAULTS.quotaBackendBytes),
}, {
  key: "controlToken",
  flag: "--control-token",
  env: "FKAS_CONTROL_TOKEN",
  description: 'require "Authorization: Bearer TOKEN" on the control API',
  kind: token,
  defaultValue: always(undefined),
  secret: true,
}, {
  key: "caKeyAlgorithm",
  flag: "--ca-key-algorithm",
  env: "FKAS_CA_KEY_ALGORITHM",
  description: "key type of the CAs fkas generates",
  kind: oneOf(["ecdsa", "rsa"]),
  defaultValue: always(DEFAULTS.caKeyAlgorithm),
}, {
  key: "kubernetesVersion",
  flag: "--kubernetes-version",
  env: "FKAS_KUBERNETES_VERSION",
  description: "Kubernetes version of nodes whose report carries none",
  kind: kubernetesVersion,
  defaultValue: always(DEFAULTS.kubernetesVersion),
}, {
  key: "managementKubeconfig",
  flag: "--management-kubeconfig",
  env: "FKAS_MANAGEMENT_KUBECONFIG",
  description: "the management cluster (CAPI's): a kubeconfig file, in-cluster or none",
  kind: kubeconfigSource,
  defaultValue: always(undefined),
  defaultDescription: "in-cluster when running in a pod, else none",
}, {
  key: "caSource",
  flag: "--ca-source",
  env: "FKAS_CA_SOURCE",
  description: "CAs of clusters registered without any: generated, or CAPI's <cluster>-ca/-etcd",
  kind: oneOf(["generated", "secrets"]),
  defaultValue: always(undefined),
  defaultDescription: "secrets with a management cluster, else generated",
}, {
  key: "watch",
  flag: "--watch",
  env: "FKAS_WATCH",
  description:
    "make nodes appear from CAPI Machines or Metal3 BareMetalHosts of the management cluster",
  kind: oneOf(["none", "machines", "baremetalhosts"]),
  defaultValue: always(DEFAULTS.watch),
}, {
  key: "nodeName",
  flag: "--node-name",
  env: "FKAS_NODE_NAME",
  description: "--watch machines names nodes after the infrastructure machine or the Machine",
  kind: oneOf(["infrastructure", "machine"]),
  defaultValue: always(DEFAULTS.nodeName),
}, {
  key: "provider",
  flag: "--provider",
  env: "FKAS_PROVIDER",
  description: "be a Cluster API infrastructure provider: reconcile FkasClusters and FkasMachines",
  kind: onOff,
  defaultValue: always(DEFAULTS.provider),
}, {
  key: "leaseRenewal",
  flag: "--lease-renewal",
  env: "FKAS_LEASE_RENEWAL",
  description:
    "renew node Leases every 10 s and the controller-manager/scheduler leader Leases every 2 s",
  kind: onOff,
  defaultValue: always(DEFAULTS.leaseRenewal),
}, {
  key: "maxFaultRules",
  flag: "--max-fault-rules",
  env: "FKAS_MAX_FAULT_RULES",
  description: "fault rules one cluster may hold (POST .../faults beyond it is a 409)",
  kind: wholeNumberIn(1, 10_000),
  defaultValue: always(DEFAULTS.maxFaultRules),
}, {
  key: "maxNodesPerCluster",
  flag: "--max-nodes-per-cluster",
  env: "FKAS_MAX_NODES_PER_CLUSTER",
  description: "nodes one cluster may have (a report of one more is a 409)",
  kind: wholeNumberIn(1, 1_000_000),
  defaultValue: always(DEFAULTS.maxNodesPerCluster),
}, {
  key: "portForwardMaxHeaderBytes",
  flag: "--port-forward-max-header-bytes",
  env: "FKAS_PORT_FORWARD_MAX_HEADER_BYTES",
  description: "largest inflated SPDY header block; larger ones end the connection (GOAWAY)",
  kind: wholeNumberIn(1024, 16 << 20),
  defaultValue: always(DEFAULTS.portForwardMaxHeaderBytes),
}, {
  key: "portForwardStreamBufferBytes",
  flag: "--port-forward-stream-buffer-bytes",
  env: "FKAS_PORT_FORWARD_STREAM_BUFFER_BYTES",
  description: "unread bytes a port-forward stream may hold before RST_STREAM(FLOW_CONTROL_ERROR)",
  kind: wholeNumberIn(64 * 1024, 1 << 30),
  defaultValue: always(DEFAULTS.portForwardStreamBufferBytes),
}, {
  key: "portForwardConnectionBufferBytes",
  flag: "--port-forward-connection-buffer-bytes",
  env: "FKAS_PORT_FORWARD_CONNECTION_BUFFER_BYTES",
  description: "unread bytes all streams of a port-forward connection may hold together",
  kind: wholeNumberIn(64 * 1024, 1 << 30),
  defaultValue: always(DEFAULTS.portForwardConnectionBufferBytes),
}, {
  key: "portForwardMaxStreams",
  flag: "--port-forward-max-streams",
  env: "FKAS_PORT_FORWARD_MAX_STREAMS",
  description: "streams open at once per port-forward connection (2 per forwarded connection)",
  kind: wholeNumberIn(2, 1_000_000),
  defaultValue: always(DEFAULTS.portForwardMaxStreams),
}, {
  key: "headerTimeout",
  flag: "--header-timeout",
  env: "FKAS_HEADER_TIMEOUT",
  description:
    "close a cluster connection whose first request has not arrived by then (TLS handshake included)",
  kind: duration,
  defaultValue: always(DEFAULTS.headerTimeout),
}, {
  key: "idleTimeout",
  flag: "--idle-timeout",
  env: "FKAS_IDLE_TIMEOUT",
  description: "close a cluster connection with no request in flight for this long",
  kind: duration,
  defaultValue: always(DEFAULTS.idleTimeout),
}, {
  key: "maxConnections",
  flag: "--max-connections",
  env: "FKAS_MAX_CONNECTIONS",
  description: "open connections all clusters together accept; more are closed at once",
  kind: wholeNumberIn(1, 10_000_000),
  defaultValue: always(undefined),
  defaultDescription: "the open-file limit minus listeners and a reserve for the control API",
}, {
  key: "workers",
  flag: "--workers",
  env: "FKAS_WORKERS",
  description:
    "worker threads that hold the clusters (listeners, stores, watches, etcd); the main thread keeps the control API",
  kind: workerCount,
  defaultValue: always(DEFAULTS.workers),
  defaultDescription: '1 (all clusters in the main thread); "auto" is one per core',
}, {
  key: "maxConnectionsPerCluster",
  flag: "--max-connections-per-cluster",
  env: "FKAS_MAX_CONNECTIONS_PER_CLUSTER",
  description: "open connections one cluster's API port accepts; more are closed at once",
  kind: wholeNumberIn(1, 1_000_000),
  defaultValue: always(DEFAULTS.maxConnectionsPerCluster),
}, {
  key: "maxWatchesPerCluster",
  flag: "--max-watches-per-cluster",
  env: "FKAS_MAX_WATCHES_PER_CLUSTER",
  description: "watches one cluster holds open at once; more are answered 429 (retry after 1 s)",
  kind: wholeNumberIn(1, 10_000_000),
  defaultValue: always(DEFAULTS.maxWatchesPerCluster),
}, {
  key: "maxWatches",
  flag: "--max-watches",
  env: "FKAS_MAX_WATCHES",
  description:
    "watches all clusters together hold open at once; more are answered 429 (retry after 1 s)",
  kind: wholeNumberIn(1, 100_000_000),
  defaultValue: always(DEFAULTS.maxWatches),
}, {
  key: "maxBufferedBytesPerCluster",
  flag: "--max-buffered-bytes-per-cluster",
  env: "FKAS_MAX_BUFFERED_BYTES_PER_CLUSTER",
  description:
    "bytes of request bodies still arriving and answers not yet read one cluster's clients leave with fkas before its new requests are answered 429",
  kind: wholeNumberIn(1, 2 ** 40),
  defaultValue: always(DEFAULTS.maxBufferedBytesPerCluster),
}, {
  key: "maxBufferedBytes",
  flag: "--max-buffered-bytes",
  env: "FKAS_MAX_BUFFERED_BYTES",
  description: "the same for all clusters together: past it, clusters holding any are answered 429",
  kind: wholeNumberIn(1, 2 ** 44),
  defaultValue: always(DEFAULTS.maxBufferedBytes),
}, {
  key: "dataDir",
  flag: "--data-dir",
  env: "FKAS_DATA_DIR",
  description: "keep clusters and objects across restarts: journal and snapshots in DIR",
  kind: directory,
  defaultValue: always(undefined),
  defaultDescription: "none: state lives in memory only",
}, {
  key: "fsync",
  flag: "--fsync",
  env: "FKAS_FSYNC",
  description:
    "with --data-dir: sync each batch before answering (always), within 100 ms (batch), or never",
  kind: oneOf(["always", "batch", "never"]),
  defaultValue: always(DEFAULTS.fsync),
}, {
  key: "compactAfterBytes",
  flag: "--compact-after-bytes",
  env: "FKAS_COMPACT_AFTER_BYTES",
  description: "with --data-dir: journal bytes after which a snapshot starts a new journal " +
    "(at least twice the last snapshot's size, once a quarter of the journal is superseded; " +
    "smaller restarts faster, costs more CPU)",
  kind: wholeNumberIn(4096, 2 ** 40),
  defaultValue: always(DEFAULTS.compactAfterBytes),
}, {
  key: "compactCreationsAfterBytes",
  flag: "--compact-creations-after-bytes",
  env: "FKAS_COMPACT_CREATIONS_AFTER_BYTES",
  description:
    "with --data-dir: journal bytes after which a snapshot is taken even though little " +
    "in the journal is superseded (clusters registering); bounds the data dir's size",
  kind: wholeNumberIn(4096, 2 ** 40),
  defaultValue: always(DEFAULTS.compactCreationsAfterBytes),
}, {
  key: "compactWhenIdle",
  flag: "--compact-when-idle",
  env: "FKAS_COMPACT_WHEN_IDLE",
  description:
    "with --data-dir: once no cluster has registered for this long, snapshot a journal that " +
    "holds registrations and is past --compact-after-bytes, so a restart reads a snapshot " +
    'rather than every creation ("0": never)',
  kind: duration,
  defaultValue: always(DEFAULTS.compactWhenIdle),
}, {
  key: "peers",
  flag: "--peers",
  env: "FKAS_PEERS",
  description:
    "the control URLs of all replicas, in order: each cluster is owned by one of them, and any " +
    'replica answers every control route (see README "More than one machine")',
  kind: peerUrls,
  defaultValue: always(undefined),
  defaultDescription: "none: this process owns every cluster",
}, {
  key: "shardIndex",
  flag: "--shard-index",
  env: "FKAS_SHARD_INDEX",
  description: "with --peers: which of the replicas this one is (0 is the first URL)",
  kind: wholeNumberIn(0, 63),
  defaultValue: ({ resolved, hostname }) =>
    resolved.peers === undefined ? undefined : statefulSetOrdinal(hostname),
  defaultDescription: "the StatefulSet ordinal ending the host name (fkas-2: 2)",
  check: (index, { resolved, hostname }) => {
    const peers = resolved.peers;
    if (peers === undefined) {
      return index === undefined ? undefined : "needs --peers (the URLs of all replicas)";
    }
    if (index === undefined) {
      return `needs a value with --peers: the host name ${
        JSON.stringify(hostname ?? "")
      } ends in no StatefulSet ordinal`;
    }
    return index < peers.length
      ? undefined
      : `must be below the ${peers.length} --peers URLs: current value is ${index}`;
  },
}];

/** The ordinal a StatefulSet gives its pod, ending the pod's host name (`fkas-2` → 2). */
export function statefulSetOrdinal(hostname: string | undefined): number | undefined {
  const match = /-(\d{1,9})$/.exec(hostname ?? "");
  return match ? Number(match[1]) : undefined;
}
