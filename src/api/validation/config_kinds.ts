// CSIDrivers, ValidatingAdmissionPolicies and FlowSchemas as kube-apiserver v1.36 checks them past
// their metadata (the enumerations and required parts; CEL expressions are not compiled here).
//
// Sources (k8s.io/kubernetes v1.36): pkg/apis/storage/validation `validateCSIDriverSpec`;
// pkg/apis/admissionregistration/validation `validateValidatingAdmissionPolicySpec`,
// `validateValidation`; pkg/apis/flowcontrol/validation `ValidateFlowSchemaSpec`.

import { type FieldError, invalid, notSupported, required } from "./field_error.ts";
import { isDNS1123Subdomain } from "./formats.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

const set = (value: unknown) => value !== undefined && value !== null;

/** `validateCSIDriverSpec`: the fsGroupPolicy and lifecycle modes it knows. */
export function validateCSIDriver(driver: Loose): FieldError[] {
  const spec = driver.spec ?? {};
  const errors: FieldError[] = [];
  const policy = spec.fsGroupPolicy;
  const policies = ["File", "None", "ReadWriteOnceWithFSType"];
  if (set(policy) && !policies.includes(String(policy))) {
    errors.push(notSupported("spec.fsGroupPolicy", String(policy), policies));
  }
  const modes: unknown[] = Array.isArray(spec.volumeLifecycleModes)
    ? spec.volumeLifecycleModes
    : [];
  for (const mode of modes) {
    if (mode !== "Persistent" && mode !== "Ephemeral") {
      errors.push(
        notSupported("spec.volumeLifecycleModes", String(mode), ["Persistent", "Ephemeral"]),
      );
    }
  }
  return errors;
}

/** `validateValidatingAdmissionPolicySpec`: failure policy, match constraints, validations. */
export function validateAdmissionPolicy(policy: Loose): FieldError[] {
  const spec = policy.spec ?? {};
  const errors: FieldError[] = [];
  const failure = spec.failurePolicy;
  if (set(failure) && failure !== "Fail" && failure !== "Ignore") {
    errors.push(notSupported("spec.failurePolicy", String(failure), ["Fail", "Ignore"]));
  }
  if (!set(spec.matchConstraints)) errors.push(required("spec.matchConstraints"));
  const validations: Loose[] = Array.isArray(spec.validations) ? spec.validations : [];
  const audits: unknown[] = Array.isArray(spec.auditAnnotations) ? spec.auditAnnotations : [];
  if (validations.length === 0 && audits.length === 0) {
    errors.push(
      required(
        "spec.validations",
        "validations or auditAnnotations must contain at least one item",
      ),
    );
  }
  validations.forEach((validation, i) => {
    const expression = typeof validation?.expression === "string"
      ? validation.expression.trim()
      : "";
    if (expression === "") {
      errors.push(required(`spec.validations[${i}].expression`, "expression is not specified"));
    }
  });
  return errors;
}

/** `ValidateFlowSchemaSpec`: precedence bounds, a distinguisher it knows, a priority level. */
export function validateFlowSchema(schema: Loose): FieldError[] {
  const spec = schema.spec ?? {};
  const errors: FieldError[] = [];
  const precedence = typeof spec.matchingPrecedence === "number" ? spec.matchingPrecedence : 0;
  const at = "spec.matchingPrecedence";
  if (precedence <= 0) errors.push(invalid(at, precedence, "must be a positive value"));
  if (precedence > 10000) errors.push(invalid(at, precedence, "must not be greater than 10000"));
  if (precedence === 1 && schema.metadata?.name !== "exempt") {
    errors.push(
      invalid(at, precedence, "only the schema named 'exempt' may have matchingPrecedence 1"),
    );
  }
  const method = spec.distinguisherMethod;
  if (
    method && typeof method === "object" && method.type !== "ByNamespace" &&
    method.type !== "ByUser"
  ) {
    errors.push(
      notSupported("spec.distinguisherMethod.type", String(method.type ?? ""), [
        "ByNamespace",
        "ByUser",
      ]),
    );
  }
  const level = typeof spec.priorityLevelConfiguration?.name === "string"
    ? spec.priorityLevelConfiguration.name
    : "";
  if (level === "") {
    errors.push(
      required("spec.priorityLevelConfiguration.name", "must reference a priority level"),
    );
  } else {
    for (const message of isDNS1123Subdomain(level)) {
      errors.push(invalid("spec.priorityLevelConfiguration.name", level, message));
    }
  }
  return errors;
}
