#!/usr/bin/env bash
# The official Kubernetes Python client as a judge: installs it (pinned) into a venv outside git,
# starts fkas with one cluster (scripts/oracle/serve.ts --only fkas), and runs tests/python/ with
# pytest against it. `--target kube` runs the same suite against a real kube-apiserver v1.36.3 (the
# binaries scripts/capi-e2e/build.sh leaves in FKAS_CAPI_E2E_CACHE), `--target both` against each.
#
#   bash scripts/python-client.sh [--target fkas|kube|both] [--runtime bun|deno] [pytest args...]
#
# Exit status: pytest's; 3 when the client could not be installed (no venv/pip or no PyPI).
set -euo pipefail
cd "$(dirname "$0")/.."

KUBERNETES_VERSION=37.0.3
PYTEST_VERSION=9.2.0
target=fkas
runtime=bun
while [ $# -gt 0 ]; do
  case "$1" in
    --target) target=$2; shift 2 ;;
    --runtime) runtime=$2; shift 2 ;;
    *) break ;;
  esac
done
case "$runtime" in
  bun) run="npx --yes bun@1.4.5" ;;
  deno) run="npx --yes deno@2.9.6 run -A" ;;
  *) echo "unknown runtime $runtime" >&2; exit 2 ;;
esac
case "$target" in
  fkas) only=(--only fkas); targets=(fkas) ;;
  kube) only=(--only kube); targets=(kube) ;;
  both) only=(); targets=(kube fkas) ;;
  *) echo "unknown target $target" >&2; exit 2 ;;
esac

venv=${FKAS_PYTHON_VENV:-${TMPDIR:-/tmp}/fkas-python-client-$KUBERNETES_VERSION}
if ! "$venv/bin/python" -c "import kubernetes, pytest" 2>/dev/null; then
  echo "== installing kubernetes==$KUBERNETES_VERSION and pytest==$PYTEST_VERSION into $venv"
  if ! { python3 -m venv "$venv" && "$venv/bin/pip" install -q --disable-pip-version-check \
    "kubernetes==$KUBERNETES_VERSION" "pytest==$PYTEST_VERSION"; }; then
    echo "python-client: the client could not be installed (python3 venv/pip or PyPI missing)"
    exit 3
  fi
fi

dir=$(mktemp -d)
# A real cluster has kube-apiserver's bootstrap RBAC (cluster-admin, view...); fkas seeds it on ask.
export FKAS_BOOTSTRAP_POLICY=true
# Job control gives the server its own process group, so one kill stops npx, the runtime and fkas.
set -m
$run scripts/oracle/serve.ts --dir "$dir" --runtime "$runtime" "${only[@]}" >"$dir/serve.log" 2>&1 &
server=$!
set +m
stop() {
  kill -TERM -- "-$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -rf "$dir"
}
trap stop EXIT
for _ in $(seq 1 240); do
  grep -q "^files in" "$dir/serve.log" 2>/dev/null && break
  kill -0 "$server" 2>/dev/null || { cat "$dir/serve.log"; echo "python-client: the servers did not start"; exit 1; }
  sleep 0.5
done
grep -q "^files in" "$dir/serve.log" || { cat "$dir/serve.log"; echo "python-client: the servers did not start in 120 s"; exit 1; }

status=0
for name in "${targets[@]}"; do
  echo "== tests/python against $name ($(cat "$dir/$name/url"))"
  FKAS_JUDGE_TARGET=$name KUBECONFIG="$dir/$name/kubeconfig" "$venv/bin/python" -m pytest tests/python "$@" ||
    status=$?
done
exit "$status"
