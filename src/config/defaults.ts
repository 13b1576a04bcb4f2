// Every default of fkas in one place; the option table and the help text read them from here.

/** Default values, used when neither a flag, an env var nor the config file sets an option. */
export const DEFAULTS = Object.freeze(
  {
    /**
     * The control API serves admin kubeconfigs and CA private keys: loopback only, unless fkas
     * runs in a pod (podControlAddress) or an address is given.
     */
    controlAddress: Object.freeze({ host: "127.0.0.1", port: 3333 }),
    /** The control address in a pod, where FKAS clients (CAPI tests, scripts) dial the pod IP. */
    podControlAddress: Object.freeze({ host: "0.0.0.0", port: 3333 }),
    advertiseHost: "127.0.0.1",
    /** Where cluster listeners bind when the advertised host is a loopback address. */
    listenHost: "127.0.0.1",
    /** Where they bind in a pod or when the advertised host is not loopback: every interface. */
    reachableListenHost: "0.0.0.0",
    ports: Object.freeze({ min: 20000, max: 30000 }),
    logLevel: "info",
    /** Log format when stdout is a pipe or file: machine-readable. */
    logFormat: "json",
    /** Log format when stdout is a terminal: human-readable. */
    terminalLogFormat: "text",
    anonymousAuth: false,
    /**
     * Workload simulation (scheduler, kubelets, controllers) is opt-in until its memory is within
     * issue 17's budget: ~120 KiB more per cluster (system pods and their controllers' writes).
     */
    workloads: false,
    /** The pod network of CAPI's quick-start clusters (`clusterNetwork.pods.cidrBlocks`). */
    clusterCidr: "192.168.0.0/16",
    /** kube-controller-manager's `--node-cidr-mask-size` default for IPv4 (kubeadm keeps it). */
    nodeCidrMaskSize: 24,
    /** Opt-in until its ~86 KB per cluster (~130 RBAC objects) is shared between clusters. */
    bootstrapPolicy: false,
    /** Client certificates stay required: tokens are an opt-in way in. */
    serviceAccountTokenAuth: false,
    /** kube-apiserver's default `--max-request-bytes` (k8s.io/apiserver pkg/server/config.go). */
    maxRequestBytes: 3 * 1024 * 1024,
    /**
     * etcd's default is 2 GiB, but fkas holds ~6 bytes of memory per byte of JSON stored (the
     * objects, their cached JSON and list texts): 256 MiB bounds one cluster near 1.5 GB, while
     * the 1,000-node, 10,000-pod benchmark cluster stores ~40 MB (pods of ~3 KB of JSON) and a
     * CAPI test a few MB.
     */
    quotaBackendBytes: 256 * 1024 * 1024,
    caKeyAlgorithm: "ecdsa",
    kubernetesVersion: "v1.33.1",
    watch: "none",
    nodeName: "infrastructure",
    provider: false,
    /** Lease renewals are pure write churn at scale (CAPI reads none): off. */
    leaseRenewal: false,
    /** Fault rules one cluster may hold (each request checks every rule). */
    maxFaultRules: 100,
    /** Nodes one cluster may have: Kubernetes' own tested limit (5,000 nodes per cluster). */
    maxNodesPerCluster: 5000,
    /** Port-forward bounds: see DEFAULT_TUNNEL_LIMITS in src/portforward/tunnel_limits.ts. */
    portForwardMaxHeaderBytes: 1 << 20,
    portForwardStreamBufferBytes: 1 << 20,
    portForwardConnectionBufferBytes: 8 << 20,
    portForwardMaxStreams: 1000,
    /** kube-apiserver's ReadHeaderTimeout (k8s.io/apiserver secure_serving.go). */
    headerTimeout: 32_000,
    /** kube-apiserver's IdleTimeout for HTTP/1.1 and HTTP/2 (secure_serving.go). */
    idleTimeout: 90_000,
    /** Far above the ~3 controller connections of a CAPI-managed cluster; kube-apiserver has none. */
    maxConnectionsPerCluster: 1000,
    /**
     * Far above what a 1,000-node cluster's fake kubelets and controllers watch (~3 per node);
     * an open watch holds ~15 KB (fkas's ~5 KB and the runtime's HTTP/2 stream): ≤ 75 MB a cluster.
     */
    maxWatchesPerCluster: 5000,
    /** ~10 per cluster at 10,000 clusters (CAPI's caches watch 1–3); ≤ 1.5 GB at ~15 KB each. */
    maxWatches: 100_000,
    /**
     * Two LISTs of a 10,000-pod cluster (~40 MB of JSON each) on their way out, and more; or 42
     * largest bodies arriving at once (kube-apiserver takes 200 mutating requests in flight).
     */
    maxBufferedBytesPerCluster: 128 * 1024 * 1024,
    /** What a 10,000-cluster process (~1.5 GB) can add and stay within a few GB. */
    maxBufferedBytes: 1024 * 1024 * 1024,
    workers: 1,
    /** Journal syncs: every batch is written before its answers, and synced within 100 ms. */
    fsync: "batch",
    /**
     * A snapshot per 64 MiB of journal (or twice the last snapshot) once a quarter of it is
     * superseded (else 1 GiB): encoding costs ≤ ½ byte per byte journaled.
     */
    compactAfterBytes: 64 << 20,
    /**
     * A journal of creations (start-up reads it as fast as a snapshot) is snapshotted at 1 GiB:
     * 10,000 clusters registering on two workers (~600 MB each) take none.
     */
    compactCreationsAfterBytes: 1 << 30,
    /**
     * 3 s without a registration ends a wave of creations (CAPI registers clusters as it creates
     * them; a benchmark's 32 in flight arrive ms apart).
     */
    compactWhenIdle: 3000,
  } as const,
);
