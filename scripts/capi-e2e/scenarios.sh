# The scenarios of the CAPI end-to-end harness (sourced by scripts/capi-e2e.sh after the management
# cluster, CAPI's managers and fkas are up). Each returns 0 or sets WHY and returns 1.

NS=e2e
C1=c1
CC1=cc1
T=${E2E_TIMEOUT_SCALE:-1} # multiplies every wait (a slower machine)

ns_exists() { k get namespace "$1" >/dev/null 2>&1 || k create namespace "$1" >/dev/null; }

# The fake cluster's admin kubeconfig, from the Secret KCP wrote (<cluster>-kubeconfig).
workload_kubeconfig() {
  local out="$W/$2-$1.kubeconfig"
  k -n "$2" get secret "$1-kubeconfig" -o jsonpath='{.data.value}' | base64 -d >"$out" && echo "$out"
}
wk() { # wk CLUSTER NS kubectl-args...
  local cfg
  cfg=$(workload_kubeconfig "$1" "$2") || return 1
  shift 2
  kubectl --kubeconfig "$cfg" --request-timeout=20s "$@"
}

# True when the cluster is whole: Cluster Available, KCP and MDs counted and up to date, every
# Machine Running with a nodeRef, every Node Ready with the version; prints what is missing.
cluster_ok() { # cluster_ok NAME NS CP WORKERS VERSION
  local d="$W/check-$1" kcp
  mkdir -p "$d"
  k -n "$2" get clusters.v1beta2.cluster.x-k8s.io "$1" -o json >"$d/cluster.json" || return 1
  kcp=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["spec"].get("controlPlaneRef",{}).get("name",""))' "$d/cluster.json")
  [ -n "$kcp" ] || { echo "no controlPlaneRef yet"; return 1; }
  k -n "$2" get kubeadmcontrolplanes.v1beta2.controlplane.cluster.x-k8s.io "$kcp" -o json >"$d/kcp.json" || return 1
  k -n "$2" get machinedeployments.v1beta2.cluster.x-k8s.io -l "cluster.x-k8s.io/cluster-name=$1" -o json >"$d/mds.json" || return 1
  k -n "$2" get machines.v1beta2.cluster.x-k8s.io -l "cluster.x-k8s.io/cluster-name=$1" -o json >"$d/machines.json" || return 1
  wk "$1" "$2" get nodes -o json >"$d/nodes.json" 2>"$d/nodes.err" || { echo "fake cluster API: $(tail -1 "$d/nodes.err")"; return 1; }
  python3 "$HERE/check_cluster.py" "$d"/{cluster,kcp,mds,machines,nodes}.json "$3" "$4" "$5"
}

kcp_name() { k -n "$2" get clusters.v1beta2.cluster.x-k8s.io "$1" -o jsonpath='{.spec.controlPlaneRef.name}'; }
md_name() { k -n "$2" get machinedeployments.v1beta2.cluster.x-k8s.io -l "cluster.x-k8s.io/cluster-name=$1" -o jsonpath='{.items[0].metadata.name}'; }
scale_kcp() { k -n "$2" patch kubeadmcontrolplanes.v1beta2.controlplane.cluster.x-k8s.io "$(kcp_name "$1" "$2")" --type merge -p "{\"spec\":{\"replicas\":$3}}" >/dev/null; }
scale_md() { k -n "$2" patch machinedeployments.v1beta2.cluster.x-k8s.io "$(md_name "$1" "$2")" --type merge -p "{\"spec\":{\"replicas\":$3}}" >/dev/null; }

# How many etcd members fkas holds for a cluster, as its control API reports them.
etcd_members() {
  curl -sf "http://127.0.0.1:$CONTROL_PORT/clusters/$2/$1" |
    python3 -c 'import json,sys; print(len(json.load(sys.stdin)["etcd"]["members"]))'
}
etcd_count_is() { [ "$(etcd_members "$1" "$2")" = "$3" ] || { echo "etcd members: $(etcd_members "$1" "$2") (want $3)"; return 1; }; }

# 1. clusterctl generate cluster from deploy/provider/: 3 control planes, a MachineDeployment of 3.
scenario_create() {
  ns_exists "$NS"
  generate "$C1" "$NS" 3 3 "$FROM_VERSION" >"$W/$C1.yaml" 2>"$W/generate.err" || { WHY="clusterctl generate: $(tail -3 "$W/generate.err")"; return 1; }
  k apply -f "$W/$C1.yaml" >"$W/apply.out" 2>&1 || { WHY="kubectl apply: $(grep -iv '^warning' "$W/apply.out" | tail -3)"; return 1; }
  wait_for $((600 * T)) "cluster $C1 with 3+3 machines" cluster_ok "$C1" "$NS" 3 3 "$FROM_VERSION" &&
    wait_for $((60 * T)) "3 etcd members" etcd_count_is "$C1" "$NS" 3
}

# 2. KCP 3 → 1 → 3 (etcd members removed and added through the port-forward); MD 3 → 10 → 0 → 3.
scenario_scale() {
  scale_kcp "$C1" "$NS" 1 || { WHY="could not scale the KCP"; return 1; }
  wait_for $((600 * T)) "KCP scaled to 1" cluster_ok "$C1" "$NS" 1 3 "$FROM_VERSION" || return 1
  wait_for $((60 * T)) "1 etcd member" etcd_count_is "$C1" "$NS" 1 || return 1
  scale_kcp "$C1" "$NS" 3
  wait_for $((600 * T)) "KCP scaled back to 3" cluster_ok "$C1" "$NS" 3 3 "$FROM_VERSION" || return 1
  wait_for $((60 * T)) "3 etcd members again" etcd_count_is "$C1" "$NS" 3 || return 1
  scale_md "$C1" "$NS" 10
  wait_for $((600 * T)) "MD scaled to 10" cluster_ok "$C1" "$NS" 3 10 "$FROM_VERSION" || return 1
  scale_md "$C1" "$NS" 0
  wait_for $((600 * T)) "MD scaled to 0" cluster_ok "$C1" "$NS" 3 0 "$FROM_VERSION" || return 1
  scale_md "$C1" "$NS" 3
  wait_for $((600 * T)) "MD back to 3" cluster_ok "$C1" "$NS" 3 3 "$FROM_VERSION"
}

# 3. Upgrade FROM → TO: a KCP and an MD rollout; every Node reports the new version.
scenario_upgrade() {
  k -n "$NS" patch kubeadmcontrolplanes.v1beta2.controlplane.cluster.x-k8s.io "$(kcp_name "$C1" "$NS")" --type merge \
    -p "{\"spec\":{\"version\":\"$TO_VERSION\"}}" >/dev/null || { WHY="could not patch the KCP version"; return 1; }
  k -n "$NS" patch machinedeployments.v1beta2.cluster.x-k8s.io "$(md_name "$C1" "$NS")" --type merge \
    -p "{\"spec\":{\"template\":{\"spec\":{\"version\":\"$TO_VERSION\"}}}}" >/dev/null || { WHY="could not patch the MD version"; return 1; }
  wait_for $((900 * T)) "cluster $C1 on $TO_VERSION" cluster_ok "$C1" "$NS" 3 3 "$TO_VERSION" &&
    wait_for $((60 * T)) "3 etcd members" etcd_count_is "$C1" "$NS" 3
}

# 4. A worker Node made Ready=Unknown through fkas's control API is remediated by a
# MachineHealthCheck: its Machine is replaced and a new Node appears.
scenario_mhc() {
  local version machine node
  version=$(k -n "$NS" get kubeadmcontrolplanes.v1beta2.controlplane.cluster.x-k8s.io "$(kcp_name "$C1" "$NS")" -o jsonpath='{.spec.version}')
  k apply -f - >/dev/null <<EOF || { WHY="could not create the MachineHealthCheck"; return 1; }
apiVersion: cluster.x-k8s.io/v1beta2
kind: MachineHealthCheck
metadata: {name: $C1-workers, namespace: $NS}
spec:
  clusterName: $C1
  selector: {matchLabels: {cluster.x-k8s.io/deployment-name: $(md_name "$C1" "$NS")}}
  checks:
    nodeStartupTimeoutSeconds: 600
    unhealthyNodeConditions:
      - {type: Ready, status: Unknown, timeoutSeconds: 10}
      - {type: Ready, status: "False", timeoutSeconds: 10}
EOF
  wait_for $((120 * T)) "MHC to see 3 healthy machines" mhc_healthy 3 || return 1
  machine=$(k -n "$NS" get machines.v1beta2.cluster.x-k8s.io -l "cluster.x-k8s.io/deployment-name=$(md_name "$C1" "$NS")" -o jsonpath='{.items[0].metadata.name}')
  node=$(k -n "$NS" get machines.v1beta2.cluster.x-k8s.io "$machine" -o jsonpath='{.status.nodeRef.name}')
  curl -sf -XPUT "http://127.0.0.1:$CONTROL_PORT/clusters/$NS/$C1/nodes/$node/conditions/Ready" \
    -d '{"status":"Unknown","reason":"NodeStatusUnknown","message":"Kubelet stopped posting node status."}' >/dev/null ||
    { WHY="control API refused the Ready=Unknown of $node"; return 1; }
  wait_for $((300 * T)) "machine $machine to be remediated" machine_gone "$machine" || return 1
  wait_for $((600 * T)) "a replacement machine and node" cluster_ok "$C1" "$NS" 3 3 "$version" || return 1
  wk "$C1" "$NS" get node "$node" >/dev/null 2>&1 && { WHY="node $node is still there"; return 1; }
  k -n "$NS" delete machinehealthchecks.v1beta2.cluster.x-k8s.io "$C1-workers" >/dev/null
}
mhc_healthy() {
  local n
  n=$(k -n "$NS" get machinehealthchecks.v1beta2.cluster.x-k8s.io "$C1-workers" -o jsonpath='{.status.currentHealthy}')
  [ "$n" = "$1" ] || { echo "currentHealthy=$n"; return 1; }
}
machine_gone() { ! k -n "$NS" get machines.v1beta2.cluster.x-k8s.io "$1" >/dev/null 2>&1; }

# 5. A cluster of the ClusterClass "fkas" (flavor topology) comes up the same way.
scenario_topology() {
  ns_exists "$NS"
  generate "$CC1" "$NS" 1 2 "$FROM_VERSION" topology >"$W/$CC1.yaml" 2>"$W/generate.err" || { WHY="clusterctl generate: $(tail -3 "$W/generate.err")"; return 1; }
  k apply -f "$W/$CC1.yaml" >"$W/apply.out" 2>&1 || { WHY="kubectl apply: $(grep -iv '^warning' "$W/apply.out" | tail -3)"; return 1; }
  wait_for $((600 * T)) "cluster $CC1 with 1+2 machines" cluster_ok "$CC1" "$NS" 1 2 "$FROM_VERSION" || return 1
  delete_cluster "$CC1" "$NS"
}

# Deletes a Cluster and waits until CAPI removed everything and fkas released the fake cluster.
delete_cluster() { # delete_cluster NAME NS
  local port
  port=$(k -n "$2" get fkasclusters "$1" -o jsonpath='{.spec.controlPlaneEndpoint.port}' 2>/dev/null)
  k -n "$2" delete clusters.v1beta2.cluster.x-k8s.io "$1" --wait=false >/dev/null || { WHY="could not delete cluster $1"; return 1; }
  wait_for $((600 * T)) "cluster $1 and its objects to go" cluster_gone "$1" "$2" || return 1
  wait_for $((60 * T)) "fkas to release $2/$1" fkas_released "$1" "$2" || return 1
  [ -z "$port" ] || wait_for $((30 * T)) "port $port to be free" port_free "$port"
}
cluster_gone() {
  local left
  left=$(k -n "$2" get clusters.v1beta2.cluster.x-k8s.io,kubeadmcontrolplanes.v1beta2.controlplane.cluster.x-k8s.io,machinedeployments.v1beta2.cluster.x-k8s.io,machinesets.v1beta2.cluster.x-k8s.io,machines.v1beta2.cluster.x-k8s.io,fkasclusters,fkasmachines,kubeadmconfigs.v1beta2.bootstrap.cluster.x-k8s.io \
    -l "cluster.x-k8s.io/cluster-name=$1" -o name 2>&1; k -n "$2" get clusters.v1beta2.cluster.x-k8s.io "$1" -o name 2>/dev/null)
  [ -z "$left" ] || { echo "left:" $left; return 1; }
}
fkas_released() { ! curl -sf "http://127.0.0.1:$CONTROL_PORT/clusters/$2/$1" >/dev/null; }

# 6. Delete the Cluster: everything goes, the fake cluster is released, its port is reusable.
scenario_delete() { delete_cluster "$C1" "$NS"; }

# 7. N clusters of 1 control plane + 1 worker to Available; time and CPU of fkas vs CAPI's managers.
scenario_many() {
  local ns=e2e-scale i start fkas0 capi0 mgmt0 fkas1 capi1 mgmt1 elapsed applied
  ns_exists "$ns"
  generate "scale-xname" "$ns" 1 1 "$FROM_VERSION" >"$W/scale-template.yaml" 2>"$W/generate.err" || { WHY="clusterctl generate: $(tail -3 "$W/generate.err")"; return 1; }
  # Four files created by four kubectl processes at once: one serial `kubectl apply` (a GET and a
  # POST per object, through CAPI's conversion and admission webhooks) took most of the time.
  rm -f "$W"/scale-part-*.yaml
  for ((i = 1; i <= CLUSTERS; i++)); do
    sed "s/scale-xname/s-$i/g" "$W/scale-template.yaml" >>"$W/scale-part-$((i % 4)).yaml"
    echo "---" >>"$W/scale-part-$((i % 4)).yaml"
  done
  fkas0=$(cpu_seconds "$PID_fkas")
  capi0=$(capi_cpu)
  mgmt0=$(echo "$(cpu_seconds "$PID_kube_apiserver") + $(cpu_seconds "$PID_etcd")" | bc)
  start=$(date +%s)
  local part pid failed=0 creators=()
  for part in "$W"/scale-part-*.yaml; do
    k create -f "$part" >"$part.out" 2>&1 &
    creators+=($!)
  done
  for pid in "${creators[@]}"; do wait "$pid" || failed=1; done
  cat "$W"/scale-part-*.yaml.out >"$W/apply.out"
  [ "$failed" -eq 0 ] || { WHY="kubectl create: $(grep -iv '^warning' "$W/apply.out" | tail -3)"; return 1; }
  applied=$(($(date +%s) - start))
  wait_for $((300 * T + 30 * CLUSTERS * T)) "$CLUSTERS clusters Available" all_available "$ns" "$CLUSTERS" || return 1
  elapsed=$(($(date +%s) - start))
  fkas1=$(cpu_seconds "$PID_fkas")
  capi1=$(capi_cpu)
  mgmt1=$(echo "$(cpu_seconds "$PID_kube_apiserver") + $(cpu_seconds "$PID_etcd")" | bc)
  echo "scale: $CLUSTERS clusters (1 CP + 1 worker) Available in ${elapsed}s (creating the $((CLUSTERS * 7)) objects, 4 kubectl at once, took ${applied}s); CPU seconds: fkas $(echo "$fkas1 - $fkas0" | bc) ($RUNTIME), CAPI managers $(echo "$capi1 - $capi0" | bc), kube-apiserver + etcd $(echo "$mgmt1 - $mgmt0" | bc)"
  wait_for $((60 * T)) "every node of every cluster" all_nodes "$ns" "$CLUSTERS" || return 1
  k -n "$ns" delete clusters.v1beta2.cluster.x-k8s.io --all --wait=false >/dev/null
  wait_for $((300 * T + 10 * CLUSTERS * T)) "the $CLUSTERS clusters to go" none_left "$ns"
}
capi_cpu() {
  echo "$(cpu_seconds "$PID_capi_core") + $(cpu_seconds "$PID_capi_kubeadm_bootstrap") + $(cpu_seconds "$PID_capi_kubeadm_control_plane")" | bc
}
all_available() {
  local n
  n=$(k -n "$1" get clusters.v1beta2.cluster.x-k8s.io -o jsonpath='{range .items[*]}{.status.conditions[?(@.type=="Available")].status}{"\n"}{end}' | grep -c '^True$')
  [ "$n" = "$2" ] || { echo "$n of $2 Available"; return 1; }
}
all_nodes() {
  local n
  n=$(k -n "$1" get machines.v1beta2.cluster.x-k8s.io -o jsonpath='{range .items[*]}{.status.nodeRef.name}{"\n"}{end}' | grep -c .)
  [ "$n" = "$(($2 * 2))" ] || { echo "$n of $(($2 * 2)) machines have a node"; return 1; }
}
none_left() { [ -z "$(k -n "$1" get clusters.v1beta2.cluster.x-k8s.io,machines.v1beta2.cluster.x-k8s.io,fkasclusters -o name 2>&1)" ]; }
