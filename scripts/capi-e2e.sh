#!/usr/bin/env bash
# Real Cluster API drives fkas end to end: builds (or reuses) CAPI's core, kubeadm bootstrap and
# kubeadm control-plane managers, clusterctl, kube-apiserver and etcd from Go modules, starts a
# management cluster on loopback, runs fkas as the infrastructure provider, and plays whole cluster
# lifecycles. CAPI's own controllers judge: each scenario prints PASS name / FAIL name: why.
#
# Usage: scripts/capi-e2e.sh [--runtime bun|deno] [--scenarios 1,2,...|all] [--clusters N]
#                            [--cache DIR] [--artifacts DIR] [--build-only]
# Exit: 0 all passed, 1 a scenario failed, 3 the upstream binaries could not be built (no Go or no
# network: CI reports and skips), 2 bad usage or the management cluster did not start.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
HERE="$ROOT/scripts/capi-e2e"
# shellcheck source=capi-e2e/lib.sh
. "$HERE/lib.sh"

RUNTIME=bun
SCENARIOS=all
CLUSTERS=20
BUILD_ONLY=false
export FKAS_CAPI_E2E_CACHE=${FKAS_CAPI_E2E_CACHE:-/var/cache/fkas-capi-e2e}
ARTIFACTS=""
FROM_VERSION=${FROM_VERSION:-v1.35.3}
TO_VERSION=${TO_VERSION:-v1.36.3}
while [ $# -gt 0 ]; do
  case $1 in
    --runtime) RUNTIME=$2; shift 2 ;;
    --scenarios) SCENARIOS=$2; shift 2 ;;
    --clusters) CLUSTERS=$2; shift 2 ;;
    --cache) FKAS_CAPI_E2E_CACHE=$2; shift 2 ;;
    --artifacts) ARTIFACTS=$2; shift 2 ;;
    --build-only) BUILD_ONLY=true; shift ;;
    -h | --help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
case $RUNTIME in bun | deno) ;; *) echo "--runtime must be bun or deno" >&2; exit 2 ;; esac
[[ $CLUSTERS =~ ^[1-9][0-9]*$ ]] || { echo "--clusters must be a positive integer" >&2; exit 2; }
[ "$SCENARIOS" = all ] && SCENARIOS=1,2,3,4,5,6,7

# ---- build (cached) ----
build_log=$(mktemp)
rc=0
"$HERE/build.sh" >"$build_log" 2>&1 || rc=$? # (after `if !`, $? would be 0)
if [ "$rc" -ne 0 ]; then
  cat "$build_log"
  rm -f "$build_log"
  [ "$rc" -eq 3 ] && { echo "SKIP capi-e2e: the upstream binaries could not be fetched or built"; exit 3; }
  exit 1
fi
grep -E 'building|done in' "$build_log" >&2 || true
BIN=$(cat "$FKAS_CAPI_E2E_CACHE/last-bin")
rm -f "$build_log"
$BUILD_ONLY && exit 0

W=$(mktemp -d /tmp/fkas-capi-e2e.XXXXXX)
LOGS="$W/logs"
mkdir -p "$LOGS"
[ -n "$ARTIFACTS" ] || ARTIFACTS="$FKAS_CAPI_E2E_CACHE/artifacts/$(date -u +%Y%m%dT%H%M%S)-$RUNTIME"
cleanup() {
  stop_all
  rm -rf "$W"
}
trap cleanup EXIT
# The management side did not come up: say why, keep the logs, exit 2.
startup_failed() {
  echo "FAIL startup: $1"
  save_artifacts startup
  for f in "$LOGS"/*.log; do echo "== $f"; tail -n 15 "$f"; done
  exit 2
}
trap 'exit 130' INT TERM

# ---- the management cluster: etcd, kube-apiserver, CRDs, webhooks ----
read -r ETCD_PORT PEER_PORT API_PORT CONTROL_PORT CORE_WH KCP_WH CABPK_WH HEALTH1 HEALTH2 HEALTH3 DIAG1 DIAG2 DIAG3 \
  <<<"$(free_ports 13)"
FKAS_PORTS_BASE=$(free_range 400)
make_pki "$W"
make_kubeconfig "$W" "$API_PORT"
export KUBECONFIG="$W/admin.kubeconfig"
k() { kubectl --request-timeout=30s "$@"; }

start_proc etcd "$BIN/etcd" --name e2e --data-dir "$W/etcd" --unsafe-no-fsync \
  --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
  --listen-peer-urls "http://127.0.0.1:$PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$PEER_PORT" \
  --initial-cluster "e2e=http://127.0.0.1:$PEER_PORT" --listen-metrics-urls "" --log-level warn
start_proc kube-apiserver "$BIN/kube-apiserver" --etcd-servers "http://127.0.0.1:$ETCD_PORT" \
  --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$API_PORT" \
  --tls-cert-file "$W/pki/serving.crt" --tls-private-key-file "$W/pki/serving.key" \
  --client-ca-file "$W/pki/ca.crt" --service-account-key-file "$W/pki/sa.pub" \
  --service-account-signing-key-file "$W/pki/sa.key" --service-account-issuer https://kubernetes.default.svc \
  --service-cluster-ip-range 10.0.0.0/24 --authorization-mode RBAC --allow-privileged \
  --disable-admission-plugins ServiceAccount --enable-priority-and-fairness=false --v 1
wait_for 120 "kube-apiserver readyz" k get --raw /readyz || startup_failed "$WHY"
KUBE_VERSION=$(k version -o json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["serverVersion"]["gitVersion"])')
CAPI_VERSION=$("$BIN/clusterctl" version -o short 2>/dev/null || echo unknown)
log "management cluster: kube-apiserver $KUBE_VERSION on 127.0.0.1:$API_PORT"

manifests() {
  (cd "$ROOT" && fkas_runtime_script "$HERE/manifests.ts" "$BIN/capi-src/$1" "$1" "$2" "$W/pki/ca.crt") >"$W/$1.yaml"
}
# The runtime command fkas runs on; the real binary (not npx) so that its CPU can be read.
case $RUNTIME in
  bun) RT=$(npx --yes bun@1.4.5 -e 'console.log(process.execPath)') ;;
  deno) RT=$(npx --yes deno@2.9.6 eval 'console.log(Deno.execPath())') ;;
esac
BUN=$(npx --yes bun@1.4.5 -e 'console.log(process.execPath)')
fkas_runtime_script() { "$BUN" "$@"; }
manifests core "$CORE_WH" && manifests bootstrap "$CABPK_WH" && manifests controlplane "$KCP_WH" || startup_failed "could not render CAPI manifests"
for f in core bootstrap controlplane; do
  k apply --server-side -f "$W/$f.yaml" >/dev/null || startup_failed "could not apply the $f manifests"
done
k apply --server-side -f "$ROOT/deploy/provider/crds/" >/dev/null || startup_failed "could not apply the fkas CRDs"

# ---- the managers and fkas ----
common=(--leader-elect=false --webhook-cert-dir "$W/pki/webhook" --insecure-diagnostics --feature-gates=ClusterTopology=true)
start_proc capi-core "$BIN/manager" "${common[@]}" --webhook-port "$CORE_WH" --health-addr "127.0.0.1:$HEALTH1" \
  --diagnostics-address "127.0.0.1:$DIAG1"
start_proc capi-kubeadm-bootstrap "$BIN/bootstrap-kubeadm" "${common[@]}" --webhook-port "$CABPK_WH" \
  --health-addr "127.0.0.1:$HEALTH2" --diagnostics-address "127.0.0.1:$DIAG2"
start_proc capi-kubeadm-control-plane "$BIN/controlplane-kubeadm" "${common[@]}" --webhook-port "$KCP_WH" \
  --health-addr "127.0.0.1:$HEALTH3" --diagnostics-address "127.0.0.1:$DIAG3"
FKAS_ARGS=(serve --provider --management-kubeconfig "$KUBECONFIG" --control-address "127.0.0.1:$CONTROL_PORT"
  --advertise-host 127.0.0.1 --listen-host 127.0.0.1 --ports "$FKAS_PORTS_BASE-$((FKAS_PORTS_BASE + 399))" --log-level info)
case $RUNTIME in
  bun) start_proc fkas "$RT" "$ROOT/main.ts" "${FKAS_ARGS[@]}" ;;
  deno) start_proc fkas "$RT" run -A "$ROOT/main.ts" "${FKAS_ARGS[@]}" ;;
esac
for p in "$HEALTH1" "$HEALTH2" "$HEALTH3"; do
  wait_for 180 "manager health on :$p" curl -sf "http://127.0.0.1:$p/readyz" || startup_failed "$WHY"
done
wait_for 60 "fkas control API" curl -sf "http://127.0.0.1:$CONTROL_PORT/healthz" || startup_failed "$WHY"
log "CAPI managers and fkas ($RUNTIME) are up"

# ---- clusterctl with deploy/provider/ as a local repository ----
REPO="$W/repository/infrastructure-fkas/v0.1.0"
mkdir -p "$REPO" "$W/xdg/cluster-api"
cp "$ROOT"/deploy/provider/{infrastructure-components,metadata,cluster-template,cluster-template-topology,clusterclass-fkas}.yaml "$REPO/"
cat >"$W/clusterctl.yaml" <<EOF
providers:
  - name: fkas
    type: InfrastructureProvider
    url: file://$REPO/infrastructure-components.yaml
EOF
export XDG_CONFIG_HOME="$W/xdg" CLUSTERCTL_DISABLE_VERSIONCHECK=true
generate() { # generate NAME NAMESPACE CP WORKERS VERSION [FLAVOR]
  "$BIN/clusterctl" generate cluster "$1" --config "$W/clusterctl.yaml" --infrastructure fkas:v0.1.0 \
    --target-namespace "$2" --control-plane-machine-count "$3" --worker-machine-count "$4" \
    --kubernetes-version "$5" ${6:+--flavor "$6"}
}

# shellcheck source=capi-e2e/scenarios.sh
. "$HERE/scenarios.sh"

IFS=, read -r -a chosen <<<"$SCENARIOS"
for s in "${chosen[@]}"; do
  case $s in
    1) run_scenario create scenario_create ;;
    2) run_scenario scale scenario_scale ;;
    3) run_scenario upgrade scenario_upgrade ;;
    4) run_scenario machine-health-check scenario_mhc ;;
    5) run_scenario cluster-class scenario_topology ;;
    6) run_scenario delete scenario_delete ;;
    7) run_scenario "scale-$CLUSTERS-clusters" scenario_many ;;
    *) echo "unknown scenario $s" >&2 ;;
  esac
done
echo "$PASSED passed, $FAILED failed"
echo "cluster-api $CAPI_VERSION, kubernetes $KUBE_VERSION (fkas on $RUNTIME; workload clusters $FROM_VERSION → $TO_VERSION)"
[ "$FAILED" -eq 0 ]
