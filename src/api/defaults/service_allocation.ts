// What the Service registry allocates: ClusterIPs, IP families and NodePorts (30000–32767).
//
// Source: k8s.io/kubernetes pkg/registry/core/service/storage/alloc.go (v1.29–v1.36). Allocations
// are read from the stored Services each time instead of kept in bitmaps: a deleted Service frees
// its ports at once and a restored store needs no second state. Services are few per cluster.

import type { DefaultsContext } from "./defaults_context.ts";
import { DefaultsError } from "./defaults_error.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

/** The default `--service-node-port-range`. */
export const NODE_PORT_RANGE = { first: 30000, last: 32767 } as const;

/** Fills a Service's allocated fields, keeping on update what the stored one holds. */
export function allocateService(service: Loose, context: DefaultsContext, current?: Loose): void {
  const spec = service.spec;
  if (!spec || typeof spec !== "object") return;
  if (current?.spec && spec.type !== "ExternalName") keepAllocated(spec, current.spec);
  const others = (context.list?.("services") ?? []).filter((other) =>
    other?.metadata?.namespace !== service.metadata?.namespace ||
    other?.metadata?.name !== service.metadata?.name
  );
  if (spec.type !== "ExternalName") allocateClusterIP(spec, others, context);
  allocateNodePorts(spec, others, context);
}

// patchAllocatedValues: an update that leaves out what was allocated keeps it.
function keepAllocated(spec: Loose, old: Loose): void {
  if (!spec.clusterIP && old.clusterIP) {
    spec.clusterIP = old.clusterIP;
    if (!Array.isArray(spec.clusterIPs) || spec.clusterIPs.length === 0) {
      spec.clusterIPs = old.clusterIPs;
    }
  }
  const nodePorts = spec.type === "NodePort" || spec.type === "LoadBalancer";
  if (!nodePorts) return;
  for (const port of Array.isArray(spec.ports) ? spec.ports : []) {
    if (!port || port.nodePort) continue;
    const same = (old.ports ?? []).find((o: Loose) =>
      o?.port === port.port && (o?.protocol ?? "TCP") === (port.protocol ?? "TCP")
    );
    if (same?.nodePort) port.nodePort = same.nodePort;
  }
  if (spec.healthCheckNodePort == null && old.healthCheckNodePort) {
    spec.healthCheckNodePort = old.healthCheckNodePort;
  }
}

function allocateClusterIP(spec: Loose, others: readonly Loose[], context: DefaultsContext): void {
  if (!spec.clusterIP && Array.isArray(spec.clusterIPs) && typeof spec.clusterIPs[0] === "string") {
    spec.clusterIP = spec.clusterIPs[0];
  }
  const taken = (ip: unknown) =>
    others.some((o) => (o?.spec?.clusterIPs ?? [o?.spec?.clusterIP]).includes(ip));
  if (!spec.clusterIP && context.allocateClusterIP) {
    // The allocator counts; an address a client asked for earlier is skipped, not handed out twice.
    let ip = context.allocateClusterIP();
    for (let tries = 0; taken(ip) && tries < 4096; tries++) ip = context.allocateClusterIP();
    spec.clusterIP = ip;
  }
  if (spec.clusterIP && (!Array.isArray(spec.clusterIPs) || spec.clusterIPs.length === 0)) {
    spec.clusterIPs = [spec.clusterIP];
  }
  const headless = spec.clusterIP === "None";
  if (spec.clusterIP && !headless) {
    if (taken(spec.clusterIP)) {
      throw DefaultsError.invalid(
        "spec.clusterIPs",
        `[]string{${(spec.clusterIPs as unknown[]).map((ip) => JSON.stringify(ip)).join(", ")}}`,
        `failed to allocate IP ${spec.clusterIP}: provided IP is already allocated`,
      );
    }
  }
  // A single-stack cluster: headless Services without a selector ask for dual stack and get one.
  const selectorless = !spec.selector || Object.keys(spec.selector).length === 0;
  spec.ipFamilyPolicy ??= headless && selectorless ? "RequireDualStack" : "SingleStack";
  if (!Array.isArray(spec.ipFamilies) || spec.ipFamilies.length === 0) {
    spec.ipFamilies = [String(spec.clusterIP ?? "").includes(":") ? "IPv6" : "IPv4"];
  }
}

// initNodePorts: a port number used twice in one Service shares one NodePort.
function allocateNodePorts(spec: Loose, others: readonly Loose[], context: DefaultsContext): void {
  const ports: Loose[] = Array.isArray(spec.ports) ? spec.ports : [];
  const allocate = spec.type === "NodePort" ||
    (spec.type === "LoadBalancer" && spec.allocateLoadBalancerNodePorts !== false);
  const used = new Set<number>();
  for (const other of others) {
    for (const port of other?.spec?.ports ?? []) if (port?.nodePort) used.add(port.nodePort);
    if (other?.spec?.healthCheckNodePort) used.add(other.spec.healthCheckNodePort);
  }
  const byServicePort = new Map<number, number>();
  const claim = (index: number, nodePort: number) => {
    const field = `spec.ports[${index}].nodePort`;
    if (nodePort < NODE_PORT_RANGE.first || nodePort > NODE_PORT_RANGE.last) {
      throw DefaultsError.invalid(
        field,
        String(nodePort),
        `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE.first}-${NODE_PORT_RANGE.last}`,
      );
    }
    if (used.has(nodePort)) {
      throw DefaultsError.invalid(field, String(nodePort), "provided port is already allocated");
    }
    used.add(nodePort);
  };
  ports.forEach((port, index) => {
    if (!port || typeof port !== "object") return;
    if (!port.nodePort && !allocate) return;
    const shared = byServicePort.get(port.port);
    if (shared === undefined) {
      const requested = port.nodePort ||
        ports.slice(index).find((p) => p?.port === port.port && p?.nodePort)?.nodePort;
      if (requested) claim(index, requested);
      const nodePort = requested || nextFree(used, context.random);
      if (!requested) used.add(nodePort);
      port.nodePort = nodePort;
      byServicePort.set(port.port, nodePort);
    } else if (port.nodePort !== shared) {
      if (!port.nodePort) port.nodePort = shared;
      else claim(index, port.nodePort);
    }
  });
  if (
    spec.type === "LoadBalancer" && spec.externalTrafficPolicy === "Local" &&
    !spec.healthCheckNodePort
  ) {
    spec.healthCheckNodePort = nextFree(used, context.random);
  }
}

// AllocateNext: a random offset, then the next free port (the upstream bitmap's random scan).
function nextFree(used: Set<number>, random: () => number): number {
  const size = NODE_PORT_RANGE.last - NODE_PORT_RANGE.first + 1;
  const start = Math.floor(random() * size);
  for (let i = 0; i < size; i++) {
    const port = NODE_PORT_RANGE.first + (start + i) % size;
    if (!used.has(port)) return port;
  }
  throw new DefaultsError(
    "InternalError",
    "Internal error occurred: failed to allocate a nodePort: range is full",
  );
}
