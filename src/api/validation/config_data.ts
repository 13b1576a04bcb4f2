// ConfigMaps and Secrets: data keys, the 1 MiB total, immutability, type-specific Secret keys (kubernetes v1.33).
//
// Sources: k8s.io/kubernetes pkg/apis/core/validation/validation.go `ValidateConfigMap`,
// `ValidateConfigMapUpdate`, `ValidateSecret`, `ValidateSecretUpdate`; core.MaxSecretSize.

import {
  appendErrors,
  type FieldError,
  forbidden,
  invalid,
  required,
  tooLong,
} from "./field_error.ts";
import { byteLength, isConfigMapKey } from "./formats.ts";
import { goJsonSyntaxError } from "../../encoding/mod.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

/** `core.MaxSecretSize`: 1 MiB of data, for Secrets and ConfigMaps alike. */
export const MAX_SECRET_SIZE = 1024 * 1024;

const IMMUTABLE = "field is immutable when `immutable` is set";
const REDACTED = "<secret contents redacted>";

/** Keys each Secret type requires (`Required` each when missing), as `ValidateSecret`'s switch. */
const SECRET_TYPE_KEYS: Record<string, { keys: string[]; rule: "all" | "either" | "nonEmpty" }> = {
  "kubernetes.io/dockercfg": { keys: [".dockercfg"], rule: "all" },
  "kubernetes.io/dockerconfigjson": { keys: [".dockerconfigjson"], rule: "all" },
  "kubernetes.io/basic-auth": { keys: ["username", "password"], rule: "either" },
  "kubernetes.io/ssh-auth": { keys: ["ssh-privatekey"], rule: "nonEmpty" },
  "kubernetes.io/tls": { keys: ["tls.crt", "tls.key"], rule: "all" },
};

/** `ValidateConfigMap` past its metadata. */
export function validateConfigMap(config: Loose, minor: number): FieldError[] {
  const data = mapOf(config.data);
  const binary = mapOf(config.binaryData);
  // Go visits map keys in random order; fkas reports them sorted, and sorts only when it reports.
  let errors = configMapKeyErrors(binary, Object.keys(data), Object.keys(binary));
  if (errors.length > 0) {
    errors = configMapKeyErrors(binary, Object.keys(data).sort(), Object.keys(binary).sort());
  }
  let size = 0;
  for (const key of Object.keys(data)) size += byteLength(String(data[key] ?? ""));
  for (const key of Object.keys(binary)) size += base64Length(String(binary[key] ?? ""));
  // field.NewPath("") on purpose upstream: the error is about the whole object, and a Path with no
  // name prints as its (empty) index, "[]" (apimachinery field.Path.String).
  if (size > MAX_SECRET_SIZE) errors.push(tooLong("[]", MAX_SECRET_SIZE, minor));
  return errors;
}

// The key errors of a ConfigMap's data and binaryData, visited in the order given.
function configMapKeyErrors(
  binary: Record<string, unknown>,
  dataKeys: readonly string[],
  binaryKeys: readonly string[],
): FieldError[] {
  const errors: FieldError[] = [];
  for (const key of dataKeys) {
    for (const message of isConfigMapKey(key)) errors.push(invalid(`data[${key}]`, key, message));
    if (Object.hasOwn(binary, key)) {
      errors.push(invalid(`data[${key}]`, key, "duplicate of key present in binaryData"));
    }
  }
  for (const key of binaryKeys) {
    for (const message of isConfigMapKey(key)) {
      errors.push(invalid(`binaryData[${key}]`, key, message));
    }
  }
  return errors;
}

/** `ValidateConfigMapUpdate` past its metadata: an immutable ConfigMap keeps its data. */
export function validateConfigMapUpdate(config: Loose, old: Loose): FieldError[] {
  if (old.immutable !== true) return [];
  const errors: FieldError[] = [];
  if (config.immutable !== true) errors.push(forbidden("immutable", IMMUTABLE));
  if (!sameMap(config.data, old.data)) errors.push(forbidden("data", IMMUTABLE));
  if (!sameMap(config.binaryData, old.binaryData)) errors.push(forbidden("binaryData", IMMUTABLE));
  return errors;
}

/** `ValidateSecret` past its metadata: keys, size, then what the type requires. */
export function validateSecret(secret: Loose, minor: number): FieldError[] {
  const errors: FieldError[] = [];
  const data = mapOf(secret.data);
  let size = 0;
  for (const key of Object.keys(data).sort()) {
    for (const message of isConfigMapKey(key)) errors.push(invalid(`data[${key}]`, key, message));
    size += base64Length(String(data[key] ?? ""));
  }
  if (size > MAX_SECRET_SIZE) errors.push(tooLong("data", MAX_SECRET_SIZE, minor));
  const type = typeof secret.type === "string" ? secret.type : "";
  if (type === "kubernetes.io/service-account-token") {
    const annotations = mapOf(secret.metadata?.annotations);
    if (!annotations["kubernetes.io/service-account.name"]) {
      errors.push(required("metadata.annotations[kubernetes.io/service-account.name]"));
    }
    return errors;
  }
  const rule = SECRET_TYPE_KEYS[type];
  if (!rule) return errors;
  const missing = rule.keys.filter((key) => !Object.hasOwn(data, key));
  if (rule.rule === "either") {
    if (missing.length === rule.keys.length) {
      appendErrors(errors, rule.keys.map((key) => required(`data[${key}]`)));
    }
  } else if (rule.rule === "nonEmpty") {
    const key = rule.keys[0];
    if (!data[key]) errors.push(required(`data[${key}]`));
  } else if (type === "kubernetes.io/dockercfg" || type === "kubernetes.io/dockerconfigjson") {
    const key = rule.keys[0];
    if (missing.length) errors.push(required(`data[${key}]`));
    else {
      const problem = jsonObjectError(decodeBase64Text(String(data[key] ?? "")));
      if (problem) errors.push(invalid(`data[${key}]`, REDACTED, problem));
    }
  } else appendErrors(errors, missing.map((key) => required(`data[${key}]`)));
  return errors;
}

/** `ValidateSecretUpdate` past its metadata: the type never changes; an immutable Secret keeps its data. */
export function validateSecretUpdate(secret: Loose, old: Loose): FieldError[] {
  const errors: FieldError[] = [];
  // SetDefaults_Secret makes an empty type Opaque before validation, on updates too.
  const type = String(secret.type || "Opaque");
  const oldType = String(old.type || "Opaque");
  if (type !== oldType) errors.push(invalid("type", type, "field is immutable"));
  if (old.immutable === true) {
    if (secret.immutable !== true) errors.push(forbidden("immutable", IMMUTABLE));
    if (!sameMap(secret.data, old.data)) errors.push(forbidden("data", IMMUTABLE));
  }
  return errors;
}

// What json.Unmarshal into a map[string]interface{} says of the text, or undefined when it works.
function jsonObjectError(text: string): string | undefined {
  if (text.trim() === "") return "unexpected end of JSON input";
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Go's scanner words it (JSON.parse's words differ per runtime).
    return goJsonSyntaxError(new TextEncoder().encode(text)) ?? "unexpected end of JSON input";
  }
  if (value === null || (typeof value === "object" && !Array.isArray(value))) return undefined;
  const kind = Array.isArray(value) ? "array" : typeof value === "boolean" ? "bool" : typeof value;
  return `json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`;
}

function decodeBase64Text(text: string): string {
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(text), (c) => c.charCodeAt(0)));
  } catch {
    return "";
  }
}

// Decoded size of a base64 value without decoding it (the decoder already checked its form).
function base64Length(text: string): number {
  const clean = text.replace(/[\r\n]/g, "");
  const padding = clean.endsWith("==") ? 2 : clean.endsWith("=") ? 1 : 0;
  return Math.max(0, Math.floor(clean.length * 3 / 4) - padding);
}

function mapOf(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? value as Record<string, unknown>
    : {};
}

// reflect.DeepEqual of two data maps; an absent map and an empty one count as equal here (Go tells
// nil from empty, but no client can change one into the other on purpose).
function sameMap(a: unknown, b: unknown): boolean {
  const left = mapOf(a);
  const right = mapOf(b);
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => Object.hasOwn(right, key) && left[key] === right[key]);
}
