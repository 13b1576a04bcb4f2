// Plausible container log lines for pods that run no process: klog lines for the control-plane
// static pods and add-ons, a generic start-up line for anything else. Deterministic: the same
// pod and container always log the same lines, stamped from the container's start time.

/** A line template per component (matched by container name prefix); klog's header is added. */
const COMPONENT_LINES: readonly (readonly [prefix: string, lines: readonly string[]])[] = [
  ["kube-apiserver", [
    "options.go:228] external host was not specified, using 10.0.0.1",
    "server.go:142] Version: %VERSION%",
    'server.go:144] "Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""',
    "secure_serving.go:213] Serving securely on [::]:6443",
    "controller.go:624] quota admission added evaluator for: leases.coordination.k8s.io",
    "controller.go:624] quota admission added evaluator for: endpoints",
  ]],
  ["etcd", [
    '{"level":"info","msg":"starting an etcd server","etcd-version":"3.5.16"}',
    '{"level":"info","msg":"serving client traffic securely","address":"[::]:2379"}',
    '{"level":"info","msg":"published local member to cluster through raft"}',
  ]],
  ["kube-controller-manager", [
    "serving.go:386] Generated self-signed cert in-memory",
    'controllermanager.go:191] "Starting" version="%VERSION%"',
    "leaderelection.go:257] attempting to acquire leader lease kube-system/kube-controller-manager...",
    "leaderelection.go:271] successfully acquired lease kube-system/kube-controller-manager",
  ]],
  ["kube-scheduler", [
    "serving.go:386] Generated self-signed cert in-memory",
    'server.go:167] "Starting Kubernetes Scheduler" version="%VERSION%"',
    "leaderelection.go:257] attempting to acquire leader lease kube-system/kube-scheduler...",
    "leaderelection.go:271] successfully acquired lease kube-system/kube-scheduler",
  ]],
  ["kube-proxy", [
    'server_linux.go:66] "Using iptables proxy"',
    'server.go:677] "Successfully retrieved node IP(s)"',
    'config.go:199] "Starting service config controller"',
  ]],
  ["coredns", [
    ".:53",
    "[INFO] plugin/reload: Running configuration SHA512 = 591cf328cccc12bc490481273e738df59329c62c0b729d94e8b61db9961c2fa5f046dd37f1cf888b953814040d180f52594972691cd6ff41be96639138a43908",
    "CoreDNS-1.11.3",
  ]],
];

const GENERIC_LINES = ["Starting %CONTAINER%", "%CONTAINER% is running"];

/** The lines a container has logged since `startedAt`, klog-stamped where the component is klog's. */
export function containerLogLines(
  container: string,
  startedAt: Date,
  kubernetesVersion: string,
): { time: Date; text: string }[] {
  const entry = COMPONENT_LINES.find(([prefix]) => container.startsWith(prefix));
  const templates = entry?.[1] ?? GENERIC_LINES;
  const klog = entry !== undefined && entry[0] !== "etcd" && entry[0] !== "coredns";
  return templates.map((template, index) => {
    const time = new Date(startedAt.getTime() + index * 137);
    const text = template.replaceAll("%VERSION%", kubernetesVersion)
      .replaceAll("%CONTAINER%", container);
    return { time, text: klog ? `${klogHeader(time)}${text}` : text };
  });
}

// klog's `Lmmdd hh:mm:ss.uuuuuu threadid file:line] ` header, always Info here.
function klogHeader(time: Date): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  const micros = pad(time.getUTCMilliseconds() * 1000, 6);
  return `I${pad(time.getUTCMonth() + 1)}${pad(time.getUTCDate())} ${pad(time.getUTCHours())}:${
    pad(time.getUTCMinutes())
  }:${pad(time.getUTCSeconds())}.${micros}       1 `;
}
