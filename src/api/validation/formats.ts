import { appendErrors } from "./field_error.ts";
// String formats kube-apiserver checks, with its messages: k8s.io/apimachinery pkg/util/validation (v0.33).
//
// Each check returns the messages `validation.IsX` returns, in its order; an empty list means valid.

const DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
const QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;
const CONFIG_MAP_KEY_FMT = "[-._a-zA-Z0-9]+";

const DNS1123_LABEL = new RegExp(`^${DNS1123_LABEL_FMT}$`);
const DNS1123_SUBDOMAIN = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const DNS1035_LABEL = new RegExp(`^${DNS1035_LABEL_FMT}$`);
const QUALIFIED_NAME = new RegExp(`^${QUALIFIED_NAME_FMT}$`);
const LABEL_VALUE = new RegExp(`^${LABEL_VALUE_FMT}$`);
const CONFIG_MAP_KEY = new RegExp(`^${CONFIG_MAP_KEY_FMT}$`);
const QUALIFIED_NAME_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/** `MaxLenError`. */
export function maxLenError(length: number): string {
  return `must be no more than ${length} characters`;
}

/** `RegexError`: the message, the examples, the regular expression. */
export function regexError(message: string, format: string, ...examples: string[]): string {
  if (examples.length === 0) return `${message} (regex used for validation is '${format}')`;
  const shown = examples.map((e, i) => `${i > 0 ? " or " : ""}'${e}', `).join("");
  return `${message} (e.g. ${shown}regex used for validation is '${format}')`;
}

/** Go's `len()` of a string: its UTF-8 bytes (counted only when it is not plain ASCII). */
export function byteLength(text: string): number {
  // deno-lint-ignore no-control-regex
  return /^[\x00-\x7f]*$/.test(text) ? text.length : new TextEncoder().encode(text).length;
}

// The answer of a valid value, shared: callers only read what the checks return.
const NONE = Object.freeze([]) as readonly string[] as string[];

/** `IsDNS1123Label`. */
export function isDNS1123Label(value: string): string[] {
  // The usual valid name (the format is ASCII only: its length is its byte length).
  if (value.length <= 63 && DNS1123_LABEL.test(value)) return NONE;
  const errors: string[] = [];
  if (byteLength(value) > 63) errors.push(maxLenError(63));
  if (!DNS1123_LABEL.test(value)) {
    errors.push(
      DNS1123_SUBDOMAIN.test(value) ? "must not contain dots" : regexError(
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
        DNS1123_LABEL_FMT,
        "my-name",
        "123-abc",
      ),
    );
  }
  return errors;
}

/** `IsDNS1123Subdomain`. */
export function isDNS1123Subdomain(value: string): string[] {
  if (value.length <= 253 && DNS1123_SUBDOMAIN.test(value)) return NONE;
  const errors: string[] = [];
  if (byteLength(value) > 253) errors.push(maxLenError(253));
  if (!DNS1123_SUBDOMAIN.test(value)) {
    errors.push(regexError(
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
      DNS1123_SUBDOMAIN_FMT,
      "example.com",
    ));
  }
  return errors;
}

/** `IsDNS1035Label`. */
export function isDNS1035Label(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > 63) errors.push(maxLenError(63));
  if (!DNS1035_LABEL.test(value)) {
    errors.push(regexError(
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
      DNS1035_LABEL_FMT,
      "my-name",
      "abc-123",
    ));
  }
  return errors;
}

/** `path.IsValidPathSegmentName`: what a name must be to sit in a URL path. */
export function isPathSegmentName(value: string): string[] {
  if (value === "." || value === "..") return [`may not be '${value}'`];
  const errors: string[] = [];
  if (value.includes("/")) errors.push("may not contain '/'");
  if (value.includes("%")) errors.push("may not contain '%'");
  return errors;
}

// The common valid shape in one test (an optional DNS prefix, a name part): writes check every
// label and annotation key, and almost all of them are valid.
const VALID_QUALIFIED_NAME = new RegExp(`^(${DNS1123_SUBDOMAIN_FMT}/)?${QUALIFIED_NAME_FMT}$`);

// Valid qualified names seen (label and annotation keys repeat on every write of every object),
// up to a bound; validity does not depend on the minor (only the wording of errors does).
const validQualifiedNames = new Set<string>();
const KEPT_QUALIFIED_NAMES = 4096;

/** `IsQualifiedName`: label keys, annotation keys, finalizers. */
export function isQualifiedName(value: string, minor: number): string[] {
  if (validQualifiedNames.has(value)) return NONE;
  if (value.length <= 63 && VALID_QUALIFIED_NAME.test(value)) {
    if (validQualifiedNames.size < KEPT_QUALIFIED_NAMES) validQualifiedNames.add(value);
    return NONE;
  }
  const errors: string[] = [];
  const parts = value.split("/");
  let name: string;
  if (parts.length === 1) name = parts[0];
  else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) errors.push("prefix part must be non-empty");
    else appendErrors(errors, isDNS1123Subdomain(prefix).map((m) => `prefix part ${m}`));
  } else {
    // v0.35 moved this check to validate/content and calls it a label key.
    const what = minor >= 35 ? "a valid label key" : "a qualified name";
    return [
      `${what} ${
        regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc")
      } with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errors.push("name part must be non-empty");
  else if (byteLength(name) > 63) errors.push(`name part ${maxLenError(63)}`);
  if (!QUALIFIED_NAME.test(name)) {
    errors.push(
      `name part ${
        regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc")
      }`,
    );
  }
  return errors;
}

/** `IsValidLabelValue`. */
export function isLabelValue(value: string): string[] {
  // The usual valid value (the format is ASCII only: its length is its byte length).
  if (value.length <= 63 && LABEL_VALUE.test(value)) return NONE;
  const errors: string[] = [];
  if (byteLength(value) > 63) errors.push(maxLenError(63));
  if (!LABEL_VALUE.test(value)) {
    errors.push(regexError(
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
      LABEL_VALUE_FMT,
      "MyValue",
      "my_value",
      "12345",
    ));
  }
  return errors;
}

/** `IsConfigMapKey`: keys of ConfigMap and Secret data. */
export function isConfigMapKey(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > 253) errors.push(maxLenError(253));
  if (!CONFIG_MAP_KEY.test(value)) {
    errors.push(regexError(
      "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
      CONFIG_MAP_KEY_FMT,
      "key.name",
      "KEY_NAME",
      "key-name",
    ));
  }
  if (value === ".") errors.push("must not be '.'");
  else if (value === "..") errors.push("must not be '..'");
  else if (value.startsWith("..")) errors.push("must not start with '..'");
  return errors;
}

/** `IsValidPortName`: a named container or service port. */
export function isPortName(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > 15) errors.push(maxLenError(15));
  if (!/^[-a-z0-9]+$/.test(value)) {
    errors.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
  }
  if (!/[a-z]/.test(value)) errors.push("must contain at least one letter (a-z)");
  if (value.includes("--")) errors.push("must not contain consecutive hyphens");
  if (value.startsWith("-") || value.endsWith("-")) {
    errors.push("must not begin or end with a hyphen");
  }
  return errors;
}

/** `IsValidPortNum`. */
export function isPortNumber(value: number): string[] {
  return value >= 1 && value <= 65535 ? [] : ["must be between 1 and 65535, inclusive"];
}

const ENV_VAR_NAME_FMT = "[-._a-zA-Z][-._a-zA-Z0-9]*";
const ENV_VAR_NAME = new RegExp(`^${ENV_VAR_NAME_FMT}$`);

/** `IsEnvVarName`: an environment variable name before RelaxedEnvironmentVariableValidation. */
export function isEnvVarName(value: string): string[] {
  const errors: string[] = [];
  if (!ENV_VAR_NAME.test(value)) {
    errors.push(regexError(
      "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit",
      ENV_VAR_NAME_FMT,
      "my.env-name",
      "MY_ENV.NAME",
      "MyEnvName1",
    ));
  }
  if (value === ".") errors.push("must not be '.'");
  else if (value === "..") errors.push("must not be '..'");
  else if (value.startsWith("..")) errors.push("must not start with '..'");
  return errors;
}

/** `IsRelaxedEnvVarName`: printable ASCII but '=' (RelaxedEnvironmentVariableValidation). */
export function isRelaxedEnvVarName(value: string): string[] {
  const errors: string[] = [];
  if (value.length === 0) errors.push("environment variable name must be non-empty");
  if (!/^[\x20-\x3c\x3e-\x7e]*$/.test(value)) {
    errors.push(
      "a valid environment variable name must consist only of printable ASCII characters other than '='",
    );
  }
  return errors;
}

/** `IsHTTPHeaderName`. */
export function isHTTPHeaderName(value: string): string[] {
  return /^[-A-Za-z0-9]+$/.test(value) ? [] : [regexError(
    "a valid HTTP header must consist of alphanumeric characters or '-'",
    "[-A-Za-z0-9]+",
    "X-Header-Name",
  )];
}
