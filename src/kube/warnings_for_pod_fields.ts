// The warnings of a pod spec's lists and numbers (pkg/api/pod/warnings.go): duplicate host
// aliases, image pull secrets, env names, ports and port names, fractional byte quantities, a
// negative grace period, null pod affinity selectors and non-standard IP address spellings.
//
// Source: k8s.io/kubernetes v1.36.3 pkg/api/pod/warnings.go warningsForPodSpecAndMeta and
// k8s.io/apimachinery v0.36.3 pkg/util/validation/ip.go GetWarningsForIP; v1.29.15–v1.35.4 for
// what the cluster's minor changes (env text from v1.30, port names and IP spellings from v1.33).
// Each function reads the stored (defaulted) object, as upstream reads the internal one.

import { formatAddr, is4In6, parseAddr } from "../api/crd/mod.ts";
import { parseQuantity } from "../api/validation/mod.ts";
import { goQuote } from "../encoding/mod.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

// A missing list reads as this one shared empty list (never written to): no array per call.
const NONE: Loose[] = Object.freeze([]) as unknown as Loose[];
const list = (value: unknown): Loose[] => Array.isArray(value) ? value : NONE;

/** Duplicate hostAliases IPs, duplicate and empty imagePullSecrets names, fractional overhead. */
export function podListWarnings(spec: Loose, at: string): string[] {
  const warnings: string[] = [];
  const aliases = list(spec.hostAliases);
  if (aliases.length > 1) {
    duplicates(aliases, (alias) => String(alias?.ip ?? ""), (alias, i) => {
      warnings.push(`${at}.hostAliases[${i}].ip: duplicate ip ${goQuote(alias)}`);
    });
  }
  const secrets = list(spec.imagePullSecrets);
  if (secrets.length > 1) {
    duplicates(secrets, (secret) => String(secret?.name ?? ""), (name, i) => {
      warnings.push(`${at}.imagePullSecrets[${i}].name: duplicate name ${goQuote(name)}`);
    });
  }
  secrets.forEach((secret, i) => {
    if (!secret?.name) warnings.push(`${at}.imagePullSecrets[${i}].name: invalid empty name ""`);
  });
  if (spec.overhead != null) warnings.push(...fractionalBytes(spec.overhead, `${at}.overhead`));
  return warnings;
}

// Upstream checks duplicates only in lists of two or more (`len(x) > 1`), as the callers do.
function duplicates(
  items: Loose[],
  key: (item: Loose) => string,
  found: (key: string, index: number) => void,
): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) found(k, i);
    else seen.add(k);
  });
}

/** A container's fractional memory and ephemeral-storage limits and requests, then its env. */
export function containerWarnings(container: Loose, path: string, minor: number): string[] {
  const warnings: string[] = [];
  const resources = container?.resources;
  if (resources !== null && typeof resources === "object") {
    for (const [kind, key] of FRACTIONAL_CHECKS) {
      const text = resources[kind]?.[key];
      if (typeof text === "string" && !wholeMillis(text)) {
        warnings.push(
          `${path}.resources.${kind}[${key}]: fractional byte value ${
            goQuote(text)
          } is invalid, must be an integer`,
        );
      }
    }
  }
  // Upstream looks for duplicates only in two or more (a pod's env is usually short).
  const env = container?.env;
  if (!Array.isArray(env) || env.length < 2) return warnings;
  // "which may be dropped when using apply" came in v1.30.
  const hides = minor >= 30 ? ", which may be dropped when using apply" : "";
  const seen = new Set<string>();
  env.forEach((item, i) => {
    const name = String(item?.name ?? "");
    if (!seen.has(name)) {
      seen.add(name);
      return;
    }
    // A later definition that refers to the earlier one ("$(X)suffix") is fine; another hides it.
    const ref = `$(${name})`;
    const value = typeof item?.value === "string" ? item.value : "";
    if (item?.valueFrom != null || value === ref || !value.includes(ref)) {
      warnings.push(`${path}.env[${i}]: hides previous definition of ${goQuote(name)}${hides}`);
    }
  });
  return warnings;
}

// A container's checks in upstream's order: limits then requests of memory, then of storage.
const FRACTIONAL_CHECKS = [
  ["limits", "memory"],
  ["requests", "memory"],
  ["limits", "ephemeral-storage"],
  ["requests", "ephemeral-storage"],
] as const;

// `value.MilliValue() % 1000 != 0` for the named keys of a resource list (MilliValue rounds up).
function fractionalBytes(resources: Loose, path: string): string[] {
  if (resources === null || typeof resources !== "object") return [];
  const warnings: string[] = [];
  for (const key of ["memory", "ephemeral-storage"]) {
    const text = resources[key];
    if (typeof text === "string" && !wholeMillis(text)) {
      warnings.push(
        `${path}[${key}]: fractional byte value ${goQuote(text)} is invalid, must be an integer`,
      );
    }
  }
  return warnings;
}

// Whether ceil(value × 1000) is a multiple of 1000 (true when the text does not parse: the
// stored quantity is canonical, so its text is Go's `value.String()`).
function wholeMillis(text: string): boolean {
  const value = parseQuantity(text);
  // A whole number of its unit ("128Mi", "1G") needs no arithmetic.
  if (!value || value.ten >= 0) return true;
  const ten = value.ten + 3;
  let milli = value.mantissa * 2n ** BigInt(value.two);
  if (ten >= 0) milli *= 10n ** BigInt(ten);
  else {
    const divisor = 10n ** BigInt(-ten);
    const quotient = milli / divisor;
    milli = quotient + (milli % divisor > 0n ? 1n : 0n);
  }
  return milli % 1000n === 0n;
}

// Ports of one number and protocol are compared pairwise, as upstream does; past this budget per
// pod (thousands of identical ports sent on purpose) the rest are skipped, each warning costing
// WARNING_COST of it (at most 1,000 warnings; the Warning header carries ~100 texts at most).
const COMPARISON_BUDGET = 200_000;
const WARNING_COST = 200;

/** A port and where it is (its path is spelled only for a warning). */
interface PortAt {
  readonly list: string;
  readonly container: number;
  readonly index: number;
  readonly port: Loose;
}

// pods.VisitContainersWithPath's order: init containers, containers, ephemeral containers.
export const CONTAINER_LISTS = ["initContainers", "containers", "ephemeralContainers"] as const;

/** Every container's ports: hostIP without hostPort, duplicates and overlaps, then names (1.33+). */
export function portWarnings(spec: Loose, at: string, minor: number): string[] {
  // Most pods declare one port or none: nothing to compare, only a lone port's hostIP to check.
  let count = 0;
  let lone: Loose;
  for (const name of CONTAINER_LISTS) {
    for (const container of list(spec[name])) {
      const ports = list(container?.ports);
      count += ports.length;
      if (ports.length > 0) lone = ports[0];
    }
  }
  if (count === 0) return [];
  if (count === 1 && ((lone?.hostIP ?? "") === "" || (lone?.hostPort ?? 0) !== 0)) return [];
  const warnings: string[] = [];
  const byKey = new Map<string, PortAt[]>();
  const ports: PortAt[] = [];
  let budget = COMPARISON_BUDGET;
  for (const name of CONTAINER_LISTS) {
    list(spec[name]).forEach((container, c) =>
      list(container?.ports).forEach((port, i) =>
        ports.push({ list: name, container: c, index: i, port: port ?? {} })
      )
    );
  }
  const pathOf = (p: PortAt) => `${at}.${p.list}[${p.container}].ports[${p.index}]`;
  for (const entry of ports) {
    const { port } = entry;
    const hostIP = port.hostIP ?? "", hostPort = port.hostPort ?? 0;
    if (hostIP !== "" && hostPort === 0) {
      warnings.push(`${pathOf(entry)}: hostIP set without hostPort: ${goPort(port)}`);
    }
    const key = `${port.containerPort ?? 0}/${port.protocol ?? ""}`;
    const others = byKey.get(key);
    if (others === undefined) {
      byKey.set(key, [entry]);
      continue;
    }
    budget -= others.length;
    if (budget < 0) continue;
    for (const other of others) {
      const otherIP = other.port.hostIP ?? "", otherPort = other.port.hostPort ?? 0;
      const clash = hostIP === otherIP && hostPort === otherPort
        ? "duplicate"
        : hostPort === 0 || otherPort === 0
        ? "overlapping"
        : hostPort === otherPort && (hostIP === "") !== (otherIP === "")
        ? "dangerously ambiguous"
        : undefined;
      if (clash === undefined) continue;
      warnings.push(`${pathOf(entry)}: ${clash} port definition with ${pathOf(other)}`);
      budget -= WARNING_COST;
    }
    others.push(entry);
  }
  if (minor >= 33) {
    const named = new Map<string, string>();
    for (const entry of ports) {
      const name = typeof entry.port.name === "string" ? entry.port.name : "";
      if (name === "") continue;
      const path = pathOf(entry);
      const other = named.get(name);
      if (other === undefined) named.set(name, path);
      else {
        warnings.push(
          `${path}: duplicate port name ${
            goQuote(name)
          } with ${other}, services and probes that select ports by name will use ${other}`,
        );
      }
    }
  }
  return warnings;
}

// Go's `%+v` of the internal api.ContainerPort (its fields in pkg/apis/core/types.go order).
function goPort(port: Loose): string {
  return `{Name:${port.name ?? ""} HostPort:${port.hostPort ?? 0} ContainerPort:${
    port.containerPort ?? 0
  } Protocol:${port.protocol ?? ""} HostIP:${port.hostIP ?? ""}}`;
}

/** A negative grace period, then null label selectors of pod (anti-)affinity terms. */
export function schedulingWarnings(spec: Loose, at: string): string[] {
  const warnings: string[] = [];
  const grace = spec.terminationGracePeriodSeconds;
  if (typeof grace === "number" && grace < 0) {
    warnings.push(
      `${at}.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1`,
    );
  }
  for (const kind of ["podAffinity", "podAntiAffinity"]) {
    const affinity = spec.affinity?.[kind];
    if (affinity == null) continue;
    const required = `${at}.affinity.${kind}.requiredDuringSchedulingIgnoredDuringExecution`;
    list(affinity.requiredDuringSchedulingIgnoredDuringExecution).forEach((term, i) => {
      if (term?.labelSelector == null) {
        warnings.push(
          `${required}[${i}].labelSelector: a null labelSelector results in matching no pod`,
        );
      }
    });
    const preferred = `${at}.affinity.${kind}.preferredDuringSchedulingIgnoredDuringExecution`;
    list(affinity.preferredDuringSchedulingIgnoredDuringExecution).forEach((term, i) => {
      if (term?.podAffinityTerm?.labelSelector == null) {
        warnings.push(
          `${preferred}[${i}].podAffinityTerm.labelSelector: a null labelSelector results in matching no pod`,
        );
      }
    });
  }
  return warnings;
}

/** Non-standard IP spellings of DNS nameservers and host aliases (from v1.33). */
export function ipWarnings(spec: Loose, at: string, minor: number): string[] {
  if (minor < 33) return [];
  const warnings: string[] = [];
  list(spec.dnsConfig?.nameservers).forEach((server, i) =>
    warnings.push(...ipSpellingWarnings(`${at}.dnsConfig.nameservers[${i}]`, server))
  );
  list(spec.hostAliases).forEach((alias, i) =>
    warnings.push(...ipSpellingWarnings(`${at}.hostAliases[${i}].ip`, alias?.ip))
  );
  return warnings;
}

const SLOPPY_IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/**
 * GetWarningsForIP: an address netip.ParseAddr refuses (IPv4 with leading zeros) or an
 * IPv4-mapped IPv6 one is "non-standard", with net.IP's spelling; an IPv6 one not in RFC 5952
 * form names its canonical form. Values validation refused never get here.
 */
export function ipSpellingWarnings(path: string, value: unknown): string[] {
  if (typeof value !== "string") return [];
  const addr = parseAddr(value);
  if (typeof addr === "string") {
    const octets = SLOPPY_IPV4.exec(value);
    if (octets === null || octets.slice(1).some((octet) => Number(octet) > 255)) return [];
    const ip = octets.slice(1).map(Number).join(".");
    return [`${path}: non-standard IP address ${goQuote(value)} is invalid: use ${goQuote(ip)}`];
  }
  if (addr.zone !== "") return [];
  const b = addr.bytes;
  if (is4In6(addr)) {
    const ip = Array.from(b.slice(12)).join(".");
    return [`${path}: non-standard IP address ${goQuote(value)} is invalid: use ${goQuote(ip)}`];
  }
  if (b.length === 16) {
    const canonical = formatAddr(addr);
    if (canonical !== value) {
      return [
        `${path}: IPv6 address ${goQuote(value)} should be in RFC 5952 canonical format (${
          goQuote(canonical)
        })`,
      ];
    }
  }
  return [];
}
