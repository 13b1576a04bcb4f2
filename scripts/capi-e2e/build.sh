#!/usr/bin/env bash
# Builds, into a cache folder outside the repo, the pinned upstream binaries the CAPI end-to-end
# harness runs: CAPI's core, kubeadm bootstrap and kubeadm control-plane managers and clusterctl,
# kube-apiserver from k8s.io/kubernetes and an etcd server from go.etcd.io/etcd/server/v3.
# Everything comes from the Go module proxy through throwaway Go modules (the upstream go.mod files
# carry replace directives, so `go install module@version` refuses them). Binaries already present
# are reused. Exit codes: 0 built or cached, 3 a module could not be fetched (network), 1 otherwise.
set -euo pipefail

CAPI_VERSION=${CAPI_VERSION:-v1.14.2}
KUBE_VERSION=${KUBE_VERSION:-v1.36.3}
CACHE=${FKAS_CAPI_E2E_CACHE:-/var/cache/fkas-capi-e2e}
# The staging modules k8s.io/kubernetes requires at v0.0.0, published as v0.<minor>.<patch>.
STAGING="api apiextensions-apiserver apimachinery apiserver cli-runtime client-go cloud-provider
cluster-bootstrap code-generator component-base component-helpers controller-manager cri-api
cri-client cri-streaming csi-translation-lib dynamic-resource-allocation endpointslice externaljwt
kms kube-aggregator kube-controller-manager kube-proxy kube-scheduler kubectl kubelet metrics
mount-utils pod-security-admission sample-apiserver streaming"

BIN="$CACHE/bin/capi-$CAPI_VERSION-kube-$KUBE_VERSION"
export GOMODCACHE="$CACHE/go/mod" GOCACHE="$CACHE/go/build" GOFLAGS="-mod=mod -buildvcs=false -p=${GO_PARALLEL:-2}"
export GOTOOLCHAIN=local CGO_ENABLED=0 GOPROXY=${GOPROXY:-https://proxy.golang.org}
NICE="nice -n ${GO_NICE:-10}"
mkdir -p "$BIN" "$GOMODCACHE" "$GOCACHE"

log() { echo "[build $(date -u +%H:%M:%S)] $*"; }

# Runs a go command; a failure to download a module is reported as exit 3 with the module named.
go_step() {
  local out
  if ! out=$("$@" 2>&1); then
    echo "$out" | tail -30
    if echo "$out" | grep -qE 'proxy.golang.org|dial tcp|i/o timeout|TLS handshake|no such host|connection refused|reading .*\.(zip|mod|info): '; then
      echo "$out" | grep -oE '(module|reading) [^ ]+@?[^ :]*' | head -3 | sed 's/^/refused: /'
      return 3
    fi
    return 1
  fi
  [ -z "$out" ] || echo "$out" | tail -5
}

capi() {
  local dir="$CACHE/src/capi-$CAPI_VERSION" ld="-s -w -X sigs.k8s.io/cluster-api/version.gitVersion=$CAPI_VERSION"
  ld="$ld -X sigs.k8s.io/cluster-api/version.gitMajor=1 -X sigs.k8s.io/cluster-api/version.gitMinor=${CAPI_VERSION#v1.}"
  ld="${ld%.*} -X sigs.k8s.io/cluster-api/version.gitTreeState=clean"
  mkdir -p "$dir"
  cat >"$dir/go.mod" <<MOD
module fkas.invalid/capi-e2e/capi

go 1.26

require (
	sigs.k8s.io/cluster-api $CAPI_VERSION
	sigs.k8s.io/cluster-api/api $CAPI_VERSION
)
MOD
  (cd "$dir" && go_step go mod download sigs.k8s.io/cluster-api sigs.k8s.io/cluster-api/api) || return
  local pkg name
  for pair in manager:sigs.k8s.io/cluster-api/core bootstrap-kubeadm:sigs.k8s.io/cluster-api/bootstrap/kubeadm \
    controlplane-kubeadm:sigs.k8s.io/cluster-api/controlplane/kubeadm clusterctl:sigs.k8s.io/cluster-api/cmd/clusterctl; do
    name=${pair%%:*} pkg=${pair#*:}
    [ -x "$BIN/$name" ] && { log "cached $name"; continue; }
    log "building $name ($pkg@$CAPI_VERSION)"
    (cd "$dir" && go_step $NICE go build -trimpath -ldflags "$ld" -o "$BIN/$name.tmp" "$pkg") || return
    mv "$BIN/$name.tmp" "$BIN/$name"
  done
  # The CRDs and the managers' config come from the same module, copied next to the binaries.
  if [ ! -d "$BIN/capi-src" ]; then
    local src="$GOMODCACHE/sigs.k8s.io/cluster-api@$CAPI_VERSION"
    mkdir -p "$BIN/capi-src.tmp"
    cp -r "$src/core/config" "$BIN/capi-src.tmp/core" && cp -r "$src/bootstrap/kubeadm/config" "$BIN/capi-src.tmp/bootstrap" \
      && cp -r "$src/controlplane/kubeadm/config" "$BIN/capi-src.tmp/controlplane"
    chmod -R u+w "$BIN/capi-src.tmp" && mv "$BIN/capi-src.tmp" "$BIN/capi-src"
  fi
}

kube() {
  local dir="$CACHE/src/kube-$KUBE_VERSION" v="${KUBE_VERSION#v1.}" minor
  minor=${v%%.*}
  mkdir -p "$dir/cmd/etcd"
  {
    echo "module fkas.invalid/capi-e2e/kube"
    echo
    echo "go 1.26"
    echo
    echo "require k8s.io/kubernetes $KUBE_VERSION"
    echo
    echo "replace ("
    for m in $STAGING; do echo "	k8s.io/$m => k8s.io/$m v0.$v"; done
    echo ")"
  } >"$dir/go.mod"
  # etcd's own main is one call; the server module is the version kube-apiserver is tested with.
  cat >"$dir/cmd/etcd/main.go" <<'GO'
// Command etcd runs the etcd server of go.etcd.io/etcd/server/v3.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
GO
  (cd "$dir" && go_step go mod download k8s.io/kubernetes) || return
  local ld="-s -w -X k8s.io/component-base/version.gitVersion=$KUBE_VERSION -X k8s.io/component-base/version.gitMajor=1"
  ld="$ld -X k8s.io/component-base/version.gitMinor=$minor -X k8s.io/component-base/version.gitTreeState=clean"
  if [ ! -x "$BIN/etcd" ]; then
    log "building etcd (go.etcd.io/etcd/server/v3 as required by k8s.io/kubernetes@$KUBE_VERSION)"
    (cd "$dir" && go_step $NICE go build -trimpath -ldflags "-s -w" -o "$BIN/etcd.tmp" ./cmd/etcd) || return
    mv "$BIN/etcd.tmp" "$BIN/etcd"
  else log "cached etcd"; fi
  if [ ! -x "$BIN/kube-apiserver" ]; then
    log "building kube-apiserver (k8s.io/kubernetes@$KUBE_VERSION)"
    (cd "$dir" && go_step $NICE go build -trimpath -ldflags "$ld" -o "$BIN/kube-apiserver.tmp" k8s.io/kubernetes/cmd/kube-apiserver) || return
    mv "$BIN/kube-apiserver.tmp" "$BIN/kube-apiserver"
  else log "cached kube-apiserver"; fi
}

start=$(date +%s)
command -v go >/dev/null || { echo "go: not installed"; exit 3; }
rc=0
kube || rc=$?
[ "$rc" -ne 0 ] || capi || rc=$?
log "done in $(($(date +%s) - start))s (exit $rc): $BIN"
echo "$BIN" >"$CACHE/last-bin"
exit "$rc"
