// Label key and value checks with kube-apiserver's messages (apimachinery util/validation, v1.33 wording).

const NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const NAME_RE = new RegExp(`^${NAME_FMT}$`);
const NAME_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const VALUE_FMT = `(${NAME_FMT})?`;
const VALUE_RE = new RegExp(`^${VALUE_FMT}$`);
const VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const DNS_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const SUBDOMAIN_FMT = `${DNS_LABEL_FMT}(\\.${DNS_LABEL_FMT})*`;
const SUBDOMAIN_RE = new RegExp(`^${SUBDOMAIN_FMT}$`);
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

function regexError(message: string, format: string, ...examples: string[]): string {
  const eg = examples.map((example) => `'${example}', `).join(" or ");
  return `${message} (e.g. ${eg}regex used for validation is '${format}')`;
}

function maxLength(length: number): string {
  return `must be no more than ${length} characters`;
}

/** Length in UTF-8 bytes, as Go's `len` counts it. */
function byteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code >= 0xd800 && code < 0xe000 ? 2 : 3;
  }
  return bytes;
}

function subdomainErrors(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > 253) errors.push(maxLength(253));
  if (!SUBDOMAIN_RE.test(value)) {
    errors.push(regexError(SUBDOMAIN_MSG, SUBDOMAIN_FMT, "example.com"));
  }
  return errors;
}

/** `validation.IsQualifiedName`: the problems with a label key, empty when it is valid. */
export function labelKeyErrors(key: string): string[] {
  const parts = key.split("/");
  const errors: string[] = [];
  if (parts.length > 2) {
    return [
      `a qualified name ${regexError(NAME_MSG, NAME_FMT, "MyName", "my.name", "123-abc")}` +
      " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  const name = parts[parts.length - 1];
  if (parts.length === 2) {
    if (parts[0] === "") errors.push("prefix part must be non-empty");
    else for (const e of subdomainErrors(parts[0])) errors.push(`prefix part ${e}`);
  }
  if (name === "") errors.push("name part must be non-empty");
  else if (byteLength(name) > 63) errors.push(`name part ${maxLength(63)}`);
  if (!NAME_RE.test(name)) {
    errors.push(`name part ${regexError(NAME_MSG, NAME_FMT, "MyName", "my.name", "123-abc")}`);
  }
  return errors;
}

/** `validation.IsValidLabelValue`: the problems with a label value, empty when it is valid. */
export function labelValueErrors(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > 63) errors.push(maxLength(63));
  if (!VALUE_RE.test(value)) {
    errors.push(regexError(VALUE_MSG, VALUE_FMT, "MyValue", "my_value", "12345"));
  }
  return errors;
}
