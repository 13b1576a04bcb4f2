# Helpers of the CAPI end-to-end harness (sourced by scripts/capi-e2e.sh): free ports, a private
# PKI made with openssl, processes started and always stopped, bounded waits, and PASS/FAIL records.

PIDS=()
PASSED=0
FAILED=0

log() { echo "[e2e $(date -u +%H:%M:%S)] $*" >&2; }

# Prints N distinct free TCP ports on 127.0.0.1 (bound and released together, so they differ).
free_ports() {
  python3 - "$1" <<'PY'
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
PY
}

# A base port B such that B..B+count-1 are all free on 127.0.0.1 (below the ephemeral range).
free_range() {
  python3 - "$1" <<'PY'
import random, socket, sys
count = int(sys.argv[1])
for _ in range(200):
    base = random.randrange(20000, 32000 - count)
    socks = []
    try:
        for port in range(base, base + count):
            s = socket.socket(); socks.append(s); s.bind(("127.0.0.1", port))
        print(base); break
    except OSError:
        pass
    finally:
        for s in socks: s.close()
else:
    sys.exit("no free port range")
PY
}

# True when a new server can listen on a TCP port of 127.0.0.1: nothing listens there any more.
# SO_REUSEADDR as every server sets it (Node, Bun, Deno, Go): the connections the closed listener
# ended wait in TIME_WAIT on that port for a minute, which only a bare bind() would mind.
port_free() {
  python3 -c 'import socket,sys; s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen()' "$1" 2>/dev/null
}

# Signs a certificate with the harness CA: sign NAME SUBJECT EXTENSIONS.
sign() {
  local dir=$1/pki name=$2 subject=$3 ext=$4
  openssl req -newkey rsa:2048 -nodes -keyout "$dir/$name.key" -subj "$subject" -out "$dir/$name.csr" 2>/dev/null
  openssl x509 -req -in "$dir/$name.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial -days 2 \
    -extfile <(printf '%s\n' "$ext") -out "$dir/$name.crt" 2>/dev/null
}

# The management cluster's CA, serving, admin and webhook certificates and service-account keys.
make_pki() {
  local dir=$1/pki
  mkdir -p "$dir/webhook"
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$dir/ca.key" -out "$dir/ca.crt" -days 2 \
    -subj "/CN=fkas-capi-e2e-ca" -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" 2>/dev/null
  sign "$1" serving "/CN=kube-apiserver" \
    "subjectAltName=IP:127.0.0.1,IP:10.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default.svc
extendedKeyUsage=serverAuth
keyUsage=critical,digitalSignature,keyEncipherment"
  sign "$1" admin "/O=system:masters/CN=fkas-e2e-admin" "extendedKeyUsage=clientAuth
keyUsage=critical,digitalSignature,keyEncipherment"
  cp "$dir/serving.crt" "$dir/webhook/tls.crt" && cp "$dir/serving.key" "$dir/webhook/tls.key"
  openssl genrsa -out "$dir/sa.key" 2048 2>/dev/null
  openssl rsa -in "$dir/sa.key" -pubout -out "$dir/sa.pub" 2>/dev/null
}

# An admin kubeconfig for https://127.0.0.1:PORT with client certificates embedded.
make_kubeconfig() {
  local dir=$1/pki port=$2
  cat >"$1/admin.kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: management
  cluster:
    server: https://127.0.0.1:$port
    certificate-authority-data: $(base64 -w0 "$dir/ca.crt")
users:
- name: admin
  user:
    client-certificate-data: $(base64 -w0 "$dir/admin.crt")
    client-key-data: $(base64 -w0 "$dir/admin.key")
contexts:
- name: management
  context: {cluster: management, user: admin}
current-context: management
EOF
}

# Starts a process in the background with its output in LOGS/NAME.log; remembers its pid.
start_proc() {
  local name=$1
  shift
  "$@" >"$LOGS/$name.log" 2>&1 &
  local pid=$!
  PIDS+=("$pid")
  eval "PID_${name//-/_}=$pid"
  log "started $name (pid $pid)"
}

# Stops one process (TERM, then KILL after 10 s) if it is still running.
stop_pid() {
  local pid=$1 i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null
  for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
}

# Stops every process the harness started, newest first.
stop_all() {
  local i
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do stop_pid "${PIDS[$i]}"; done
  PIDS=()
}

# Waits up to SECONDS for a command to succeed, polling every 2 s; wait_for SECONDS DESC CMD...
# On timeout WHY says what was awaited and what the command printed last.
wait_for() {
  local timeout=$1 desc=$2 deadline last
  shift 2
  deadline=$(($(date +%s) + timeout))
  while true; do
    last=$("$@" 2>&1) && return 0
    if [ "$(date +%s)" -ge "$deadline" ]; then
      WHY="timed out after ${timeout}s waiting for $desc${last:+: ${last:0:600}}"
      return 1
    fi
    sleep 2
  done
}

# CPU seconds (user + system) a process has used so far.
cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' "/proc/$1/stat" 2>/dev/null || echo 0
}

# Runs one scenario function and records PASS/FAIL; a failure saves logs and dumps as artifacts.
run_scenario() {
  local name=$1
  shift
  WHY="failed"
  log "scenario $name"
  local started=$(date +%s)
  if "$@"; then
    echo "PASS $name ($(($(date +%s) - started))s)"
    PASSED=$((PASSED + 1))
  else
    echo "FAIL $name: $WHY"
    FAILED=$((FAILED + 1))
    save_artifacts "$name"
  fi
}

# Copies the processes' logs and `kubectl get` dumps of CAPI's and fkas's objects.
save_artifacts() {
  local dir="$ARTIFACTS/$1"
  mkdir -p "$dir"
  cp "$LOGS"/*.log "$dir/" 2>/dev/null || true
  cp "$W"/*.yaml "$W"/*.out "$W"/*.err "$dir/" 2>/dev/null || true
  k get cluster-api,fkasclusters,fkasmachines,kubeadmconfigs,secrets -A -o wide >"$dir/get-wide.txt" 2>&1 || true
  k get clusters.cluster.x-k8s.io,kubeadmcontrolplanes,machinedeployments,machinesets,machines,machinehealthchecks,fkasclusters,fkasmachines -A -o yaml \
    >"$dir/get.yaml" 2>&1 || true
  curl -s "http://127.0.0.1:$CONTROL_PORT/clusters" >"$dir/fkas-clusters.json" 2>&1 || true
  log "artifacts of $1 in $dir"
}
