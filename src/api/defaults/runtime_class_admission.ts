// kube-apiserver's RuntimeClass admission, its mutating half: a new Pod naming a RuntimeClass gets
// the class's `overhead.podFixed` as `spec.overhead`, the class's `scheduling.nodeSelector` merged
// into `spec.nodeSelector` and its `scheduling.tolerations` merged into `spec.tolerations`; a class
// that does not exist is 403 Forbidden. It runs last of the mutating plugins fkas has (after
// DefaultTolerationSeconds), so before the Pod's validation.
//
// Source: k8s.io/kubernetes v1.36.3 plugin/pkg/admission/runtimeclass/admission.go (`Admit`,
// `prepareObjects`, `setOverhead`, `setScheduling`; creates only) and pkg/util/tolerations
// (`MergeTolerations`, `isSuperset`), alike from v1.29. The validating half (an overhead without a
// class defining one) is src/kube/runtime_class_admission.ts.

import type { DefaultsContext } from "./defaults_context.ts";
import { DefaultsError } from "./defaults_error.ts";
import { compareQuantities } from "../validation/mod.ts";
import { canonicalQuantity } from "../../protobuf/mod.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

const RUNTIME_CLASSES = "node.k8s.io/runtimeclasses";

/** Applies the Pod's RuntimeClass (overhead, node selector, tolerations) to its spec, in place. */
export function admitRuntimeClass(pod: Loose, spec: Loose, context: DefaultsContext): void {
  const className = spec.runtimeClassName;
  if (typeof className !== "string" || !context.lookup) return;
  const runtimeClass = context.lookup(RUNTIME_CLASSES, undefined, className);
  if (runtimeClass === undefined) {
    throw forbidden(pod, `pod rejected: RuntimeClass ${JSON.stringify(className)} not found`);
  }
  setOverhead(pod, spec, runtimeClass.overhead);
  const scheduling = runtimeClass.scheduling;
  if (scheduling != null && typeof scheduling === "object") setScheduling(pod, spec, scheduling);
}

function setOverhead(pod: Loose, spec: Loose, overhead: Loose): void {
  if (overhead == null || typeof overhead !== "object") return;
  const podFixed = isMap(overhead.podFixed) ? overhead.podFixed : undefined;
  const current = isMap(spec.overhead) ? spec.overhead : undefined;
  // `len(pod.Spec.Overhead) > 0`: an empty overhead is replaced, a set one must be the class's.
  if (current !== undefined && Object.keys(current).length > 0 && !sameList(current, podFixed)) {
    throw forbidden(
      pod,
      "pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead",
    );
  }
  if (podFixed === undefined) delete spec.overhead;
  else spec.overhead = { ...podFixed };
}

// apiequality.Semantic.DeepEqual of two ResourceLists: the same names, quantities equal by value
// (`Cmp`) as decoded (rounded up to whole nanos: "0.1n" is 1n).
function sameList(first: Loose, second: Loose): boolean {
  const names = Object.keys(first);
  if (second === undefined) return names.length === 0;
  if (names.length !== Object.keys(second).length) return false;
  return names.every((name) =>
    Object.hasOwn(second, name) && sameQuantity(first[name], second[name])
  );
}

function sameQuantity(first: unknown, second: unknown): boolean {
  const decoded = (value: unknown) => {
    const text = typeof value === "number" ? String(value) : String(value ?? "");
    return canonicalQuantity(text) ?? text;
  };
  return compareQuantities(decoded(first), decoded(second)) === 0;
}

function setScheduling(pod: Loose, spec: Loose, scheduling: Loose): void {
  const classSelector = isMap(scheduling.nodeSelector) ? scheduling.nodeSelector : undefined;
  if (!isMap(spec.nodeSelector)) {
    if (classSelector !== undefined) spec.nodeSelector = { ...classSelector };
    else delete spec.nodeSelector;
  } else if (classSelector !== undefined) {
    const merged = { ...spec.nodeSelector };
    for (const key of Object.keys(classSelector)) {
      const value = classSelector[key];
      if (Object.hasOwn(merged, key) && merged[key] !== value) {
        throw forbidden(
          pod,
          `conflict: runtimeClass.scheduling.nodeSelector[${key}] = ${value}; pod.spec.nodeSelector[${key}] = ${
            merged[key]
          }`,
        );
      }
      merged[key] = value;
    }
    spec.nodeSelector = merged;
  }
  const tolerations = mergeTolerations(
    Array.isArray(spec.tolerations) ? spec.tolerations : [],
    Array.isArray(scheduling.tolerations) ? scheduling.tolerations : [],
  );
  if (tolerations.length > 0) spec.tolerations = tolerations;
  else delete spec.tolerations;
}

/**
 * `tolerations.MergeTolerations`: the Pod's tolerations then the class's, each left out when one
 * already kept, or a later different one, tolerates a superset of it.
 */
export function mergeTolerations(first: readonly Loose[], second: readonly Loose[]): Loose[] {
  const all = [...first, ...second];
  const merged: Loose[] = [];
  next: for (let i = 0; i < all.length; i++) {
    const toleration = all[i];
    for (const kept of merged) if (isSuperset(kept, toleration)) continue next;
    for (let j = i + 1; j < all.length; j++) {
      // Equal tolerations: the first is kept.
      if (!sameToleration(toleration, all[j]) && isSuperset(all[j], toleration)) continue next;
    }
    merged.push(toleration);
  }
  return merged;
}

// Whether `ss` tolerates every taint `t` tolerates.
function isSuperset(ss: Loose, t: Loose): boolean {
  if (sameToleration(ss, t)) return true;
  const [ssKey, tKey] = [text(ss?.key), text(t?.key)];
  // An empty key with Exists matches every key and value.
  if (tKey !== ssKey && (ssKey !== "" || text(ss?.operator) !== "Exists")) return false;
  const [ssEffect, tEffect] = [text(ss?.effect), text(t?.effect)];
  // An empty effect matches every effect.
  if (tEffect !== ssEffect && ssEffect !== "") return false;
  if (ssEffect === "NoExecute" && ss?.tolerationSeconds != null) {
    if (t?.tolerationSeconds == null || t.tolerationSeconds > ss.tolerationSeconds) return false;
  }
  switch (text(ss?.operator)) {
    case "Equal":
    case "": // An empty operator means Equal.
      return text(t?.operator) === "Equal" && text(t?.value) === text(ss?.value);
    case "Exists":
      return true;
    default:
      return false;
  }
}

// apiequality.Semantic.DeepEqual of two tolerations ("" and unset alike, as Go's zero values).
function sameToleration(a: Loose, b: Loose): boolean {
  return text(a?.key) === text(b?.key) && text(a?.operator) === text(b?.operator) &&
    text(a?.value) === text(b?.value) && text(a?.effect) === text(b?.effect) &&
    (a?.tolerationSeconds ?? null) === (b?.tolerationSeconds ?? null);
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function isMap(value: unknown): value is Record<string, Loose> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function forbidden(pod: Loose, reason: string): DefaultsError {
  const name = pod.metadata?.name ?? "";
  return new DefaultsError("Forbidden", `pods "${name}" is forbidden: ${reason}`);
}
