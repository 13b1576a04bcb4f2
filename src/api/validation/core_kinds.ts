// Pods, Services and Nodes: what an update may change and the taints a Node may carry (kubernetes v1.33).
//
// Sources: k8s.io/kubernetes pkg/apis/core/validation/validation.go `ValidatePodUpdate`,
// `ValidateContainerUpdates`, `ValidateServiceUpdate` (`validateUpgradeDowngradeClusterIPs`),
// `validateNodeTaints`, `validateTaintEffect`, `ValidateService`, `validateServicePort`.

import { cmpReport } from "./cmp_report.ts";
import { deepEqual } from "./deep_equal.ts";
import {
  appendErrors,
  duplicate,
  type FieldError,
  forbidden,
  invalid,
  notSupported,
  required,
} from "./field_error.ts";
import {
  isDNS1123Label,
  isDNS1123Subdomain,
  isLabelValue,
  isPortNumber,
  isQualifiedName,
} from "./formats.ts";
import { validateLabels } from "./object_meta.ts";
import { stringSliceValue, stringStructValue } from "./go_value.ts";
import { TAINT_EFFECTS } from "./pod_spec.ts";
import { foundClean, markClean } from "./_validation_scope.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

const UPDATABLE_POD_SPEC_FIELDS = [
  "`spec.containers[*].image`",
  "`spec.initContainers[*].image`",
  "`spec.activeDeadlineSeconds`",
  "`spec.tolerations` (only additions to existing tolerations)",
  "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
];

// Spec fields the registry and the scheduler own (a binding sets nodeName), left out of the
// comparison like the fields an update may change.
const POD_SPEC_SKIPPED = new Set([
  "activeDeadlineSeconds",
  "tolerations",
  "schedulingGates",
  "nodeName",
]);

/** `ValidatePodUpdate`'s spec part: container counts and images, then everything else unchanged. */
export function validatePodUpdate(pod: Loose, old: Loose): FieldError[] {
  const spec = pod.spec ?? {};
  const before = old.spec ?? {};
  const errors: FieldError[] = [];
  for (const list of ["containers", "initContainers"] as const) {
    const now: Loose[] = Array.isArray(spec[list]) ? spec[list] : [];
    const was: Loose[] = Array.isArray(before[list]) ? before[list] : [];
    if (spec[list] !== undefined && now.length !== was.length) {
      errors.push(forbidden(`spec.${list}`, "pod updates may not add or remove containers"));
      return errors;
    }
    now.forEach((container, i) => {
      const image = typeof container?.image === "string" ? container.image : "";
      if (!image) errors.push(required(`spec.${list}[${i}].image`));
      if (image.trim().length !== image.length) {
        errors.push(
          invalid(
            `spec.${list}[${i}].image`,
            image,
            "must not have leading or trailing whitespace",
          ),
        );
      }
    });
  }
  // Only two updates of the deadline are allowed: from unset to a value, and to a lesser value.
  const deadline = spec.activeDeadlineSeconds;
  const previous = before.activeDeadlineSeconds;
  if (deadline != null) {
    if (typeof deadline === "number" && (deadline < 0 || deadline > 2147483647)) {
      errors.push(
        invalid(
          "spec.activeDeadlineSeconds",
          deadline,
          "must be between 0 and 2147483647, inclusive",
        ),
      );
      return errors;
    }
    if (typeof previous === "number" && previous < deadline) {
      errors.push(
        invalid(
          "spec.activeDeadlineSeconds",
          deadline,
          "must be less than or equal to previous value",
        ),
      );
      return errors;
    }
  } else if (previous != null) {
    errors.push(
      invalid(
        "spec.activeDeadlineSeconds",
        null,
        "must not update from a positive integer to nil value",
      ),
    );
  }
  const changed = changedPodSpecFields(spec, before);
  if (changed.length) {
    errors.push(forbidden(
      "spec",
      `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(",")}\n${
        cmpReport("core.PodSpec", changed, spec, before)
      }`,
    ));
  }
  return errors;
}

/** `ValidateService` past its metadata: ports (unless headless or ExternalName), their names and numbers, the selector, the type. */
export function validateService(service: Loose, minor: number): FieldError[] {
  const spec = service.spec ?? {};
  const errors: FieldError[] = [];
  const ports: Loose[] = Array.isArray(spec.ports) ? spec.ports : [];
  const headless = spec.clusterIP === "None" ||
    (Array.isArray(spec.clusterIPs) && spec.clusterIPs[0] === "None");
  if (ports.length === 0 && !headless && spec.type !== "ExternalName") {
    errors.push(required("spec.ports"));
  }
  if (spec.type === "ExternalName") {
    const cname = String(spec.externalName ?? "").replace(/\.$/, "");
    if (!cname) errors.push(required("spec.externalName"));
    else {for (const m of isDNS1123Subdomain(cname)) {
        errors.push(invalid("spec.externalName", cname, m));
      }}
  }
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const at = `spec.ports[${i}]`;
    const name = typeof port?.name === "string" ? port.name : "";
    if (ports.length > 1 && !name) errors.push(required(`${at}.name`));
    else if (name) {
      for (const m of isDNS1123Label(name)) errors.push(invalid(`${at}.name`, name, m));
      if (names.has(name)) errors.push(duplicate(`${at}.name`, name));
      else names.add(name);
    }
    const number = typeof port?.port === "number" ? port.port : 0;
    for (const m of isPortNumber(number)) errors.push(invalid(`${at}.port`, number, m));
    const protocol = typeof port?.protocol === "string" ? port.protocol : "";
    if (protocol && !["SCTP", "TCP", "UDP"].includes(protocol)) {
      errors.push(notSupported(`${at}.protocol`, protocol, ["SCTP", "TCP", "UDP"]));
    }
  });
  appendErrors(errors, validateLabels(spec.selector, minor, "spec.selector"));
  const affinity = spec.sessionAffinity;
  if (affinity && affinity !== "ClientIP" && affinity !== "None") {
    errors.push(notSupported("spec.sessionAffinity", String(affinity), ["ClientIP", "None"]));
  }
  // supportedServiceType, sorted (defaulted to ClusterIP: checked when set).
  const type = spec.type;
  if (type !== undefined && type !== null && type !== "" && !SERVICE_TYPES.includes(type)) {
    errors.push(notSupported("spec.type", String(type), SERVICE_TYPES));
  }
  return errors;
}

const SERVICE_TYPES = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];

/** `validateUpgradeDowngradeClusterIPs`: a Service keeps the cluster IPs it was given. */
export function validateServiceUpdate(service: Loose, old: Loose): FieldError[] {
  const spec = service.spec ?? {};
  const before = old.spec ?? {};
  if (spec.type === "ExternalName" || before.type === "ExternalName") return [];
  const headless = (s: Loose) => s.clusterIP === "None";
  if (headless(spec) && headless(before)) return [];
  const was: string[] = Array.isArray(before.clusterIPs)
    ? before.clusterIPs
    : before.clusterIP
    ? [before.clusterIP]
    : [];
  // As the Service strategy's PrepareForUpdate: a changed clusterIP moves into clusterIPs[0].
  let now: string[] = Array.isArray(spec.clusterIPs) ? [...spec.clusterIPs] : [...was];
  if (spec.clusterIP !== undefined && spec.clusterIP !== (before.clusterIP ?? "")) {
    now = spec.clusterIP === "" ? [] : [spec.clusterIP, ...now.slice(1)];
  }
  const errors: FieldError[] = [];
  if (now.length === was.length) {
    was.forEach((ip, i) => {
      if (ip !== now[i]) {
        errors.push(
          invalid(`spec.clusterIPs[${i}]`, stringSliceValue(now), "may not change once set"),
        );
      }
    });
  } else if (now.length < was.length && now.length === 0) {
    errors.push(
      invalid("spec.clusterIPs[0]", stringSliceValue(now), "primary clusterIP can not be unset"),
    );
  } else if (now.length > was.length && was.length > 0 && now[0] !== was[0]) {
    errors.push(invalid("spec.clusterIPs[0]", stringSliceValue(now), "may not change once set"));
  }
  return errors;
}

/**
 * `validateNodeTaints`: each taint's key, value and effect, unique by key and effect. Upstream
 * ValidateNode and ValidateNodeUpdate pass it their `metadata` path, so the spec's taints are
 * reported as `metadata.taints[i]` (v1.29–v1.36 alike).
 */
export function validateNodeTaints(node: Loose, minor: number): FieldError[] {
  const taints: Loose[] = Array.isArray(node.spec?.taints) ? node.spec.taints : [];
  // ValidateNodeUpdate checks the taints ValidateNode checked in the same update.
  if (foundClean(taints)) return [];
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  taints.forEach((taint, i) => {
    const at = `metadata.taints[${i}]`;
    const key = String(taint?.key ?? "");
    for (const message of isQualifiedName(key, minor)) {
      errors.push(invalid(`${at}.key`, key, message));
    }
    const value = String(taint?.value ?? "");
    const valueErrors = isLabelValue(value);
    if (valueErrors.length) errors.push(invalid(`${at}.value`, value, valueErrors.join(";")));
    const effect = String(taint?.effect ?? "");
    if (!effect) errors.push(required(`${at}.effect`));
    else if (!TAINT_EFFECTS.includes(effect)) {
      errors.push(notSupported(`${at}.effect`, effect, TAINT_EFFECTS));
    }
    const identity = `${effect}\u0000${key}`;
    if (seen.has(identity)) {
      const shown = stringStructValue("core.Taint", [["Key", key], ["Value", value], [
        "Effect",
        effect,
      ]]);
      errors.push(duplicate(at, {
        go: shown.go.replace(/}$/, ", TimeAdded:<nil>}"),
        json: { ...shown.json as object, TimeAdded: taint?.timeAdded ?? null },
      }, "taints must be unique by key and effect pair"));
      return;
    }
    seen.add(identity);
  });
  if (errors.length === 0 && taints.length > 0) markClean(taints);
  return errors;
}

function changedPodSpecFields(spec: Loose, before: Loose): string[] {
  const keys = new Set([...Object.keys(spec), ...Object.keys(before)]);
  const changed: string[] = [];
  for (const key of [...keys].sort()) {
    if (POD_SPEC_SKIPPED.has(key)) continue;
    let now = spec[key];
    const was = before[key];
    if (
      (key === "containers" || key === "initContainers") && Array.isArray(now) && Array.isArray(was)
    ) {
      now = now.map((c: Loose, i: number) => ({ ...c, image: was[i]?.image }));
    }
    if (
      key === "terminationGracePeriodSeconds" && typeof was === "number" && was < 0 && now === 1
    ) continue;
    if (!deepEqual(now, was, true)) changed.push(key);
  }
  return changed;
}
